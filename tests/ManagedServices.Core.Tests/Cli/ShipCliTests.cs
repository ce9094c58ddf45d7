using System.Text.Json;
using ManagedServices.Cli;
using ManagedServices.Tests.Diagnostics;
using ManagedServices.Tests.Roles;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Cli;

/// <summary>
/// validate's SARIF and MSBuild output and standard input, roles show and --catalog, --version, typo suggestions and
/// JSON escaping, driven in-process and as a real process (the built managed-services.dll) on Microsoft's sample
/// templates and on fixtures in Azure's shapes.
/// </summary>
public sealed class ShipCliTests : IDisposable
{
    private const string Sample = "delegated-resource-management/subscription/subscription.json";
    private const string SampleParameters = "delegated-resource-management/subscription/subscription.parameters.json";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ms-ship-" + Guid.NewGuid().ToString("N"));

    public ShipCliTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Runs the tool in-process with <see cref="_dir"/> as the working directory.</summary>
    private CliResult Run(string stdin, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, new CliContext
        {
            OpenStandardInput = () => new StringReader(stdin),
            Out = output,
            Error = error,
            WorkingDirectory = _dir,
        });
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built tool as a child process in <see cref="_dir"/>.</summary>
    private Task<CliResult> RunProcessAsync(string? stdin, params string[] args) => CliRunner.RunProcessInAsync(_dir, stdin, args);

    /// <summary>Copies a sample into the working directory under <paramref name="name"/>; returns the relative name.</summary>
    private string CopySample(string sample, string name)
    {
        var target = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(TemplatesSharedData.Samples, sample), target);
        return name;
    }

    [TemplatesSharedFact]
    public async Task Validate_Sarif_OnTheSample_AsAProcess_IsSchemaValid_WithTheParametersFileAndItsLine()
    {
        var template = CopySample(Sample, "onboarding/sub.json");
        var parameters = CopySample(SampleParameters, "onboarding/sub.parameters.json");

        var result = await RunProcessAsync(null, "validate", template, "--parameters", parameters, "--format", "sarif");

        Assert.Equal(1, result.ExitCode);
        DiagnosticFormatTests.AssertValidSarif(result.Out);
        using var doc = JsonDocument.Parse(result.Out);
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("managed-services", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        Assert.Equal(new Uri(_dir + "/").AbsoluteUri, run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString());
        var placeholder = run.GetProperty("results").EnumerateArray().Single(static r => r.GetProperty("ruleId").GetString() == DiagnosticCodes.TemplateValueNotGuid);
        var location = placeholder.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("onboarding/sub.parameters.json", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());

        // The line and column of the placeholder, found in the parameters file's text independently of the reader.
        var lines = File.ReadAllLines(Path.Combine(_dir, parameters));
        var valueLine = Array.FindIndex(lines, l => l.Contains("managedByTenantId", StringComparison.Ordinal));
        var line = location.GetProperty("region").GetProperty("startLine").GetInt32();
        Assert.InRange(line, valueLine + 1, valueLine + 3);
        var column = location.GetProperty("region").GetProperty("startColumn").GetInt32();
        Assert.Equal('"', lines[line - 1][column - 1]);
        Assert.Equal("error", placeholder.GetProperty("level").GetString());
    }

    [TemplatesSharedFact]
    public void Validate_MsBuild_OnTheSample_PointsAtTheParametersFile()
    {
        var template = CopySample(Sample, "sub.json");
        var parameters = CopySample(SampleParameters, "sub.parameters.json");

        var result = Run("", "validate", template, "--parameters", parameters, "--format", "msbuild");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.OutLines, static l => l.Contains("MSC2010", StringComparison.Ordinal));
        Assert.Matches(@"^sub\.parameters\.json\(\d+,\d+\): error MSC2010: ", line);
        Assert.All(result.OutLines, static l => Assert.Matches(@"^sub(\.parameters)?\.json(\(\d+(,\d+)?\))?: (error|warning) MSC\d{4}: ", l));
    }

    [TemplatesSharedFact]
    public void Validate_Text_And_Json_NameTheParametersFile_ForItsDiagnostics()
    {
        var template = CopySample(Sample, "sub.json");
        var parameters = CopySample(SampleParameters, "sub.parameters.json");

        var text = Run("", "validate", template, "--parameters", parameters);
        var json = Run("", "validate", template, "--parameters", parameters, "--format", "json");

        Assert.Contains(text.OutLines, static l => l.StartsWith("sub.parameters.json: error MSC2010", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(json.Out);
        var d = doc.RootElement.GetProperty("diagnostics").EnumerateArray().Single(static d => d.GetProperty("code").GetString() == "MSC2010");
        Assert.Equal("sub.parameters.json", d.GetProperty("file").GetString());
        Assert.True(d.GetProperty("column").GetInt32() > 0);
    }

    [Fact]
    public async Task Validate_Dash_ReadsStandardInput_AsAProcess()
    {
        var offer = CliFixtureOffer();

        var ok = await RunProcessAsync(offer, "validate", "-", "--format", "json");
        var sarif = await RunProcessAsync("{ \"bad\": ", "validate", "-", "--format", "sarif");

        Assert.Equal(0, ok.ExitCode);
        using (var doc = JsonDocument.Parse(ok.Out))
        {
            Assert.Equal("-", doc.RootElement.GetProperty("file").GetString());
            Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
        }

        Assert.Equal(1, sarif.ExitCode);
        DiagnosticFormatTests.AssertValidSarif(sarif.Out);
        Assert.Contains("\"standard input\"", sarif.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Dash_ForTheTemplateAndTheParameters_IsAUsageError()
    {
        var result = Run("{}", "validate", "-", "--parameters", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("standard input", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Dash_TooLargeInput_IsInvalidInput()
    {
        var result = Run(new string(' ', DocumentFile_MaxBytes + 10), "validate", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MSC2002", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownFormat_IsAUsageError()
    {
        Assert.Equal(2, Run("", "validate", "-", "--format", "junit").ExitCode);
    }

    [Fact]
    public async Task RolesShow_ByNameAndGuid_AsAProcess()
    {
        var reader = await RunProcessAsync(null, "roles", "show", "reader");
        var owner = await RunProcessAsync(null, "roles", "show", BuiltInRoleIds.Owner.ToString(), "--format", "json");
        var missing = await RunProcessAsync(null, "roles", "show", "No Such Role");

        Assert.Equal(0, reader.ExitCode);
        Assert.Contains("Delegable with Lighthouse.", reader.Out, StringComparison.Ordinal);
        Assert.Contains("actions: */read", reader.Out, StringComparison.Ordinal);
        Assert.Equal(0, owner.ExitCode);
        using var doc = JsonDocument.Parse(owner.Out);
        Assert.False(doc.RootElement.GetProperty("delegable").GetBoolean());
        Assert.Contains("Owner is not supported", doc.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("*", doc.RootElement.GetProperty("permissions")[0].GetProperty("actions")[0].GetString());
        Assert.Equal(1, missing.ExitCode);
    }

    [Fact]
    public void RolesShow_RestrictedRole_SaysWhy()
    {
        var result = Run("", "roles", "show", "Role Based Access Control Administrator");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Not delegable with Lighthouse: includes restricted actions", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolesCatalog_AzRoleDefinitionList_AddsNewRoles_CustomRolesNeverDelegable_AsAProcess()
    {
        var file = Path.Combine(_dir, "roles.json");
        File.WriteAllText(file, RoleCatalogReadTests.Fixture("az-role-definition-list.json"));

        var list = await RunProcessAsync(null, "roles", "--catalog", file, "--search", "Scale Set Instance Operator", "--format", "json");
        var custom = await RunProcessAsync(null, "roles", "show", "Contoso VM Reader", "--catalog", file, "--format", "json");
        var without = await RunProcessAsync(null, "roles", "show", "Scale Set Instance Operator");

        Assert.Equal(0, list.ExitCode);
        using (var doc = JsonDocument.Parse(list.Out))
        {
            var role = Assert.Single(doc.RootElement.EnumerateArray());
            Assert.Equal("1b4d7c2e-5f3a-4e8b-9c6d-2a7f0e1b3c5d", role.GetProperty("id").GetString());
            Assert.True(role.GetProperty("delegable").GetBoolean());
        }

        Assert.Equal(0, custom.ExitCode);
        using (var doc = JsonDocument.Parse(custom.Out))
        {
            Assert.False(doc.RootElement.GetProperty("builtIn").GetBoolean());
            Assert.False(doc.RootElement.GetProperty("delegable").GetBoolean());
        }

        Assert.Equal(1, without.ExitCode);
    }

    [Fact]
    public void RolesCatalog_BrokenFile_IsInvalidInput()
    {
        var file = Path.Combine(_dir, "roles.json");
        File.WriteAllText(file, "[{\"name\": \"x\"}]");

        var result = Run("", "roles", "--catalog", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MSC0002", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_And_Roles_PrintTheEmbeddedCatalogsDate()
    {
        var version = await RunProcessAsync(null, "--version");
        var roles = Run("", "roles", "--search", "Reader and Data Access");

        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("managed-services 0.1.0", version.Out, StringComparison.Ordinal);
        Assert.Contains("snapshot of 2026-08-22", version.Out, StringComparison.Ordinal);
        Assert.Contains("snapshot of 2026-08-22", roles.OutLines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("valdate", "'validate'")]
    [InlineData("rolse", "'roles'")]
    [InlineData("who-cna", "'who-can'")]
    public void UnknownCommand_SuggestsTheClosest(string typo, string suggestion)
    {
        var result = Run("", typo, "x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Did you mean {suggestion}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_SuggestsTheClosest_AsAProcess()
    {
        var result = await RunProcessAsync(null, "roles", "--delegabel");
        var show = Run("", "roles", "show", "Reader", "--catalgo", "x.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'--delegabel' is not a command or option of 'roles'. Did you mean '--delegable'?", result.Error, StringComparison.Ordinal);
        Assert.Contains("Did you mean '--catalog'?", show.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Typo_FarFromEverything_SuggestsNothing()
    {
        var result = Run("", "roles", "--zzzzzzzz");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("Did you mean", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_EveryCommand_KeepsApostrophesAsTheyAre()
    {
        // Role descriptions and offer names with an apostrophe, through roles, roles show, validate and diff.
        var fixture = new CliFixture();
        try
        {
            var older = fixture.Write("old.json", CliFixtureOfferNamed("Contoso's offer", "1.0.0"));
            var newer = fixture.Write("new.json", CliFixtureOfferNamed("Contoso's offer", "1.0.1", contributor: true));
            var outputs = new[]
            {
                Run("", "roles", "--search", "Key Vault Administrator", "--format", "json").Out,
                Run("", "roles", "show", "Key Vault Administrator", "--format", "json").Out,
                Run("", "diff", older, newer, "--format", "json").Out,
                Run("{\"x\": 'y'}", "validate", "-", "--format", "json").Out,
                Run("{\"x\": 'y'}", "validate", "-", "--format", "sarif").Out,
            };

            Assert.All(outputs, static o => Assert.DoesNotContain("\\u0027", o, StringComparison.Ordinal));
            Assert.Contains("'Azure role-based access control'", outputs[0], StringComparison.Ordinal);
            Assert.Contains("'", outputs[2], StringComparison.Ordinal);
        }
        finally
        {
            fixture.Dispose();
        }
    }

    private static int DocumentFile_MaxBytes => ManagedServices.Serialization.DocumentFile.MaxBytes;

    private static string CliFixtureOffer() => ManagedServices.Serialization.OfferDocument.Write(CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Contributor));

    private static string CliFixtureOfferNamed(string name, string version, bool contributor = false)
    {
        var offer = CliFixture.CreateOffer(version, contributor ? BuiltInRoleIds.Contributor : BuiltInRoleIds.Reader);
        var plan = offer.Plans[0];
        return ManagedServices.Serialization.OfferDocument.Write(offer with
        {
            DisplayName = name,
            Plans = [plan with { Manifest = plan.Manifest with { Authorizations = [.. plan.Manifest.Authorizations.Select(a => a with { Principal = a.Principal with { DisplayName = "Ops' group" } })] } }],
        });
    }
}
