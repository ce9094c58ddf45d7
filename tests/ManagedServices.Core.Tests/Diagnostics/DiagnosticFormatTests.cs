using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Json;
using ManagedServices.Arm;
using ManagedServices.Tests.TestSupport;
using NJsonSchema;

namespace ManagedServices.Tests.Diagnostics;

/// <summary>
/// SARIF 2.1.0 and MSBuild output of diagnostics. The SARIF is validated against the SARIF 2.1.0 JSON schema
/// (sarif-schema-2.1.0.json beside this file: the schema "2.1.0-rtm.5" as the npm package @microsoft/jest-sarif 1.0.0-beta.0
/// ships it, MIT), with NJsonSchema; the shape GitHub code scanning reads is checked member by member.
/// </summary>
public class DiagnosticFormatTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "ManagedServices.Core.Tests", "Diagnostics", "sarif-schema-2.1.0.json"))).GetAwaiter().GetResult());

    private static readonly DiagnosticInput Source = new() { File = "onboarding/template.json", ParametersFile = "onboarding/template.parameters.json" };

    private static readonly Diagnostic[] Sample =
    [
        Diagnostic.Error(DiagnosticCodes.OwnerRoleNotAllowed, "An authorization uses Owner.", "authorizations[0].roleDefinitionId"),
        Diagnostic.Error(DiagnosticCodes.TemplateValueNotGuid, "'<tenant>' is not a GUID.", "parameters:$.parameters.managedByTenantId.value") with { Line = 6, Column = 16 },
        Diagnostic.Warning(DiagnosticCodes.MissingPrincipalDisplayName, "No display name.", "$.resources[0].properties.authorizations[1]") with { Line = 40, Column = 11 },
        new Diagnostic { Code = DiagnosticCodes.NothingToPublish, Severity = DiagnosticSeverity.Info, Message = "Nothing changed." },
    ];

    internal static void AssertValidSarif(string sarif)
    {
        var errors = Schema.Value.Validate(sarif);
        Assert.True(errors.Count == 0, "SARIF schema errors:\n" + string.Join("\n", errors.Select(static e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void ToSarif_IsValidAgainstTheSarif210Schema()
    {
        AssertValidSarif(DiagnosticFormat.ToSarif(Sample, Source));
        AssertValidSarif(DiagnosticFormat.ToSarif(Sample, new DiagnosticInput { File = null, BaseUri = "file:///build/" }));
        AssertValidSarif(DiagnosticFormat.ToSarif([], Source));
    }

    [Fact]
    public void Schema_RejectsABrokenLog_SoTheValidationCanFail()
    {
        var broken = DiagnosticFormat.ToSarif(Sample, Source).Replace("\"level\": \"note\"", "\"level\": \"info\"", StringComparison.Ordinal);

        Assert.NotEmpty(Schema.Value.Validate(broken));
    }

    [Fact]
    public void ToSarif_OneRun_TheTool_OneRulePerCode_WithTheCataloguesHelp()
    {
        using var doc = JsonDocument.Parse(DiagnosticFormat.ToSarif([.. Sample, Sample[0]], Source with { ToolName = "managed-services", ToolVersion = "9.9.9" }));
        var root = doc.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("managed-services", driver.GetProperty("name").GetString());
        Assert.Equal("9.9.9", driver.GetProperty("version").GetString());
        Assert.StartsWith("https://", driver.GetProperty("informationUri").GetString(), StringComparison.Ordinal);
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["MSC1001", "MSC1022", "MSC2010", "MSC3011"], rules.Select(static r => r.GetProperty("id").GetString()));
        foreach (var rule in rules)
        {
            var entry = DiagnosticRules.Find(rule.GetProperty("id").GetString()!)!;
            Assert.Equal(entry.Help, rule.GetProperty("help").GetProperty("text").GetString());
            Assert.Equal(entry.Title, rule.GetProperty("shortDescription").GetProperty("text").GetString());
            Assert.Equal(entry.Name, rule.GetProperty("name").GetString());
        }

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(5, results.Count);
        Assert.Equal(["error", "error", "warning", "note", "error"], results.Select(static r => r.GetProperty("level").GetString()));
        foreach (var result in results)
        {
            var index = result.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[index].GetProperty("id").GetString());
        }
    }

    [Fact]
    public void ToSarif_Locations_RelativeUriWithBase_ParametersFile_LineAndColumn()
    {
        using var doc = JsonDocument.Parse(DiagnosticFormat.ToSarif(Sample, Source));
        var results = doc.RootElement.GetProperty("runs")[0].GetProperty("results");

        var model = results[0].GetProperty("locations")[0];
        Assert.Equal("onboarding/template.json", model.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", model.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.False(model.GetProperty("physicalLocation").TryGetProperty("region", out _));
        Assert.Equal("authorizations[0].roleDefinitionId", model.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());

        var parameters = results[1].GetProperty("locations")[0];
        Assert.Equal("onboarding/template.parameters.json", parameters.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(6, parameters.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(16, parameters.GetProperty("physicalLocation").GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.Equal("$.parameters.managedByTenantId.value", parameters.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
    }

    [Theory]
    [InlineData("template.json", "template.json")]
    [InlineData("my templates/on boarding#1.json", "my%20templates/on%20boarding%231.json")]
    [InlineData("../shared/a.json", "../shared/a.json")]
    [InlineData("dir\\a.json", "dir/a.json")]
    public void ToUri_RelativePaths_AreEscapedRelativeReferences(string path, string uri)
    {
        var (actual, relative) = DiagnosticFormat.ToUri(path);

        Assert.True(relative);
        Assert.Equal(uri, actual);
        Assert.True(Uri.TryCreate(actual, UriKind.Relative, out _));
    }

    [Fact]
    public void ToUri_AbsolutePath_IsAFileUri_WithoutBase()
    {
        var (uri, relative) = DiagnosticFormat.ToUri("/build/a b.json");

        Assert.False(relative);
        Assert.Equal("file:///build/a%20b.json", uri);
    }

    [Fact]
    public void ToMsBuild_ErrorsAndWarningsOnly_InTheCanonicalFormat()
    {
        var lines = DiagnosticFormat.ToMsBuild(Sample, Source).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
        [
            "onboarding/template.json: error MSC1001: An authorization uses Owner. [authorizations[0].roleDefinitionId]",
            "onboarding/template.parameters.json(6,16): error MSC2010: '<tenant>' is not a GUID. [$.parameters.managedByTenantId.value]",
            "onboarding/template.json(40,11): warning MSC1022: No display name. [$.resources[0].properties.authorizations[1]]",
        ], lines);
    }

    [Fact]
    public void ToMsBuild_LineWithoutColumn_AndStandardInput()
    {
        var d = Diagnostic.Error(DiagnosticCodes.JsonMalformed, "bad\nJSON") with { Line = 3 };

        Assert.Equal("stdin(3): error MSC2001: bad JSON\n", DiagnosticFormat.ToMsBuild([d], new DiagnosticInput()));
    }

    [Fact]
    public void ParametersPrefix_WithoutAParametersFile_StaysInTheMainFile()
    {
        var d = Sample[1];
        var source = new DiagnosticInput { File = "t.json" };

        Assert.Equal("t.json", source.FileOf(d));
        Assert.Equal("onboarding/template.parameters.json", Source.FileOf(d));
        Assert.Equal("onboarding/template.json", Source.FileOf(Sample[0]));
    }

    [Fact]
    public void TemplateReader_ParametersDiagnostics_UseThePrefixTheFormatterReads()
    {
        const string template = """
            {
              "$schema": "https://schema.management.azure.com/schemas/2019-08-01/subscriptionDeploymentTemplate.json#",
              "contentVersion": "1.0.0.0",
              "parameters": { "count": { "type": "int" } },
              "resources": []
            }
            """;
        const string parameters = "{\n  \"parameters\": {\n    \"count\": { \"value\": \"three\" }\n  }\n}";

        var read = OnboardingTemplate.Read(template, parameters, new OnboardingReadOptions());

        var d = Assert.Single(read.Diagnostics, static d => d.Path.StartsWith(DiagnosticInput.ParametersPathPrefix, StringComparison.Ordinal));
        Assert.Equal("p.json", new DiagnosticInput { File = "t.json", ParametersFile = "p.json" }.FileOf(d));
    }

    /// <summary>Any diagnostics: the SARIF is JSON with one result per diagnostic, in order, with the right level and rule; the MSBuild output has one line per error or warning.</summary>
    [Property(Arbitrary = [typeof(Generators)], MaxTest = 150)]
    public bool AnyDiagnostics_SarifAndMsBuild_KeepEveryFinding(Diagnostic[] diagnostics)
    {
        using var doc = JsonDocument.Parse(DiagnosticFormat.ToSarif(diagnostics, Source));
        var run = doc.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(static r => r.GetProperty("id").GetString()).ToList();
        var sarifOk = results.Count == diagnostics.Length
            && rules.Count == rules.Distinct().Count()
            && rules.Order(StringComparer.Ordinal).SequenceEqual(diagnostics.Select(static d => d.Code).Distinct().Order(StringComparer.Ordinal))
            && results.Zip(diagnostics).All(static p =>
                p.First.GetProperty("ruleId").GetString() == p.Second.Code
                && p.First.GetProperty("message").GetProperty("text").GetString() == p.Second.Message
                && p.First.GetProperty("level").GetString() == p.Second.Severity switch
                {
                    DiagnosticSeverity.Error => "error",
                    DiagnosticSeverity.Warning => "warning",
                    _ => "note",
                });

        var lines = DiagnosticFormat.ToMsBuild(diagnostics, Source).Split('\n');
        var reported = diagnostics.Where(static d => d.Severity != DiagnosticSeverity.Info).ToList();
        var canonical = new Regex(@"^onboarding/template(\.parameters)?\.json(\(\d+(,\d+)?\))?: (error|warning) MSC\d{4}: ", RegexOptions.CultureInvariant);
        var msbuildOk = lines.Length == reported.Count + 1 && lines[^1].Length == 0
            && lines[..^1].Zip(reported).All(p => canonical.IsMatch(p.First)
                && p.First.Contains($"{(p.Second.Severity == DiagnosticSeverity.Error ? "error" : "warning")} {p.Second.Code}: ", StringComparison.Ordinal));
        return sarifOk && msbuildOk;
    }

    /// <summary>
    /// Columns count UTF-16 code units: a duplicate property after any text on its line (surrogate pairs and multi-byte
    /// letters included) is reported at the column an editor shows, computed here from the text itself.
    /// </summary>
    [Property(Arbitrary = [typeof(Generators)], MaxTest = 150)]
    public bool DuplicateProperty_Column_IsTheUtf16ColumnOfTheName(UnicodeString value, PositiveInt blankLines)
    {
        var lines = Math.Min(blankLines.Get, 5);
        var prefix = $"{{\"a\": \"{JsonEncodedText.Encode(value.Text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\", ";
        var json = new string('\n', lines) + prefix + "\"b\": 1, \"B\": 2}";
        var diagnostics = System.Collections.Immutable.ImmutableArray.CreateBuilder<Diagnostic>();

        JsonTree.Parse(json, "$", diagnostics);

        var d = diagnostics.Single(static d => d.Code == DiagnosticCodes.JsonDuplicateProperty);
        var line = json.Split('\n')[lines];
        return d.Line == lines + 1 && d.Column == line.IndexOf("\"B\"", StringComparison.Ordinal) + 1;
    }

    public sealed record UnicodeString(string Text);

    public static class Generators
    {
        private static readonly string[] Codes = [.. DiagnosticRules.All.Select(static r => r.Code)];

        public static Arbitrary<UnicodeString> Unicode() =>
            Gen.Elements("a", "é", "€", "😀", "\u4e2d", " ", "'", "\\", "\"", "\t", "𝄞")
                .ArrayOf().Select(static parts => new UnicodeString(string.Concat(parts))).ToArbitrary();

        public static Arbitrary<Diagnostic> Diagnostic() =>
            (from code in Gen.Elements(Codes)
             from severity in Gen.Elements(DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Info)
             from message in Gen.Elements("plain", "with 'quotes' and \"double\"", "two\nlines", "tab\there", "<tag> & é 😀", "\u0001 control")
             from path in Gen.Elements("", "authorizations[0]", "$.resources[0]", "parameters:$.parameters.x.value")
             from line in Gen.Elements<int?>(null, 1, 42)
             from column in Gen.Elements<int?>(null, 1, 7)
             select new Diagnostic { Code = code, Severity = severity, Message = message, Path = path, Line = line, Column = line is null ? null : column })
            .ToArbitrary();
    }
}
