using System.Text.Json;
using ManagedServices.Arm;
using ManagedServices.Bicep;
using ManagedServices.Rest;
using ManagedServices.Serialization;

namespace ManagedServices.Tests.Cli;

/// <summary><c>convert</c> between the offer document, the ARM template, Bicep and the REST shape.</summary>
public sealed class ConvertCommandTests : IDisposable
{
    private readonly CliFixture _f = new();

    public void Dispose() => _f.Dispose();

    private string Parameters => Path.Combine(_f.Directory, "template.parameters.json");

    [Fact]
    public void Convert_OfferToBicep_WritesTheLibrarysFilesForTheTarget()
    {
        var bicepDir = Path.Combine(_f.Directory, "bicep");

        var result = CliRunner.Run("convert", _f.OfferPath, "--to", "bicep", "--output", bicepDir, "--resource-group", "rg-app", "--resource-group", "rg-data", "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        var offer = CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Contributor);
        var expected = OnboardingBicep.Write(
            new OnboardingDefinition { Name = offer.DisplayName, Description = offer.Description, Manifest = offer.Plans[0].Manifest },
            OnboardingTarget.ForResourceGroups(["rg-app", "rg-data"])).GetValueOrThrow();
        Assert.Equal(expected.MainBicep, File.ReadAllText(Path.Combine(bicepDir, "main.bicep")));
        Assert.Equal(expected.Parameters, File.ReadAllText(Path.Combine(bicepDir, "main.bicepparam")));
        Assert.Equal(expected.AssignmentModule, File.ReadAllText(Path.Combine(bicepDir, "rgAssignment.bicep")));
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal(3, doc.RootElement.GetProperty("written").GetArrayLength());
    }

    [Fact]
    public void Convert_TemplateToBicep_KeepsTheTemplatesTarget()
    {
        var template = _f.Template("rg.json", "--resource-group", "rg-app");
        var bicepDir = Path.Combine(_f.Directory, "from-template");

        var result = CliRunner.Run("convert", template, "--parameters", Path.Combine(_f.Directory, "rg.parameters.json"), "--to", "bicep", "--output", bicepDir);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("wrote " + Path.Combine(bicepDir, "rgAssignment.bicep"), result.Out, StringComparison.Ordinal);
        Assert.Contains("scope: resourceGroup(rgName)", File.ReadAllText(Path.Combine(bicepDir, "main.bicep")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("template")]
    [InlineData("bicep")]
    public void Convert_ToFilesWithoutOutput_IsAUsageError(string to)
    {
        var result = CliRunner.Run("convert", _f.OfferPath, "--to", to);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--output", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_OfferToRest_NamesDefinitionsAsTheDeployedTemplateWould()
    {
        var template = _f.Template();

        var result = CliRunner.Run("convert", _f.OfferPath, "--to", "rest", "--subscription", CliFixture.Subscription);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.StartsWith("{\n  \"value\": [", result.Out, StringComparison.Ordinal);
        var rest = RegistrationResources.ReadDefinitions(result.Out).GetValueOrThrow();
        var deployed = OnboardingTemplate.Read(File.ReadAllText(template), File.ReadAllText(Parameters),
            new OnboardingReadOptions { SubscriptionId = SubscriptionId.Parse(CliFixture.Subscription) }).GetValueOrThrow();
        var definition = Assert.Single(rest).Definition;
        Assert.Equal(deployed.RegistrationDefinitions[0].Id, definition.Id);
        Assert.Equal(deployed.Definition.Manifest, definition.Manifest);
        Assert.Equal($"/subscriptions/{CliFixture.Subscription}/providers/Microsoft.ManagedServices/registrationDefinitions/{definition.Id:D}", rest[0].ResourceId);
    }

    [Fact]
    public void Convert_TemplateToRest_ArrayShape_OneDefinitionPerResourceGroup()
    {
        var template = _f.Template("groups.json", "--resource-group", "rg-a", "--resource-group", "rg-b");
        var output = Path.Combine(_f.Directory, "definitions.json");

        var result = CliRunner.Run("convert", template, "--parameters", Path.Combine(_f.Directory, "groups.parameters.json"), "--to", "rest", "--rest-shape", "array", "--output", output);

        Assert.True(result.ExitCode == 0, result.Error);
        var text = File.ReadAllText(output);
        Assert.StartsWith("[", text, StringComparison.Ordinal);
        var rest = RegistrationResources.ReadDefinitions(text).GetValueOrThrow();
        Assert.Equal(2, rest.Length);
        Assert.NotEqual(rest[0].Definition.Id, rest[1].Definition.Id);
        Assert.All(rest, static r => Assert.Null(r.ResourceId));
    }

    [Fact]
    public void Convert_RestToOfferAndTemplate_RoundTripTheManifest()
    {
        var rest = _f.Write("rest.json", CliRunner.Run("convert", _f.OfferPath, "--to", "rest").Out);
        var expected = CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Contributor).Plans[0].Manifest;

        var toOffer = CliRunner.Run("convert", rest, "--to", "offer", "--publisher", "contoso");
        var toTemplate = CliRunner.Run("convert", rest, "--to", "template", "--output", Path.Combine(_f.Directory, "out", "from-rest.json"));

        Assert.True(toOffer.ExitCode == 0, toOffer.Error);
        var offer = OfferDocument.Read(toOffer.Out).GetValueOrThrow();
        Assert.Equal("contoso", offer.PublisherId);
        Assert.Equal("contoso-managed-infrastructure", offer.Id);
        AssertSamePrincipalsAndRoles(expected, offer.Plans[0].Manifest);
        Assert.True(toTemplate.ExitCode == 0, toTemplate.Error);
        var read = OnboardingTemplate.Read(File.ReadAllText(Path.Combine(_f.Directory, "out", "from-rest.json")),
            File.ReadAllText(Path.Combine(_f.Directory, "out", "from-rest.parameters.json"))).GetValueOrThrow();
        AssertSamePrincipalsAndRoles(expected, read.Definition.Manifest);
    }

    [Fact]
    public void Convert_RestWithSeveralDefinitions_NeedsDefinition()
    {
        var template = _f.Template("groups.json", "--resource-group", "rg-a", "--resource-group", "rg-b");
        var rest = _f.Write("two.json", CliRunner.Run("convert", template, "--parameters", Path.Combine(_f.Directory, "groups.parameters.json"), "--to", "rest").Out);
        var second = RegistrationResources.ReadDefinitions(File.ReadAllText(rest)).GetValueOrThrow()[1].Definition.Id;

        var ambiguous = CliRunner.Run("convert", rest, "--to", "offer");
        var chosen = CliRunner.Run("convert", rest, "--to", "offer", "--definition", second.ToString());
        var unknown = CliRunner.Run("convert", rest, "--to", "offer", "--definition", Guid.NewGuid().ToString());
        var malformed = CliRunner.Run("convert", rest, "--to", "offer", "--definition", "not-a-guid");

        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("--definition", ambiguous.Error, StringComparison.Ordinal);
        Assert.True(chosen.ExitCode == 0, chosen.Error);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(2, malformed.ExitCode);
    }

    [Fact]
    public void Diff_DeployedRestDefinitionAgainstNewOffer_FlagsWidening()
    {
        var deployed = _f.Write("deployed.json", CliRunner.Run("convert", _f.OfferPath, "--to", "rest", "--rest-shape", "array").Out);
        var newer = _f.Write("v2.json", OfferDocument.Write(CliFixture.CreateOffer("1.1.0", BuiltInRoleIds.Owner)));

        var same = CliRunner.Run("diff", deployed, _f.OfferPath, "--fail-on-widening");
        var widened = CliRunner.Run("diff", deployed, newer, "--fail-on-widening");

        Assert.True(same.ExitCode == 0, same.Out + same.Error);
        Assert.Equal(1, widened.ExitCode);
    }

    [Theory]
    [InlineData("offer", "offer")]
    [InlineData("rest", "rest")]
    public void Convert_ToTheSameForm_IsInvalidInput(string from, string to)
    {
        var input = from == "offer" ? _f.OfferPath : _f.Write("rest.json", CliRunner.Run("convert", _f.OfferPath, "--to", "rest").Out);

        var result = CliRunner.Run("convert", input, "--to", to);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--marketplace")]
    [InlineData("--resource-group", "rg/../x")]
    [InlineData("--resource-group", "")]
    [InlineData("--subscription", "not-a-guid")]
    [InlineData("--rest-shape", "xml")]
    public void Convert_BadOptions_AreUsageErrors(params string[] extra)
    {
        var template = _f.Template();
        var input = extra[0] == "--marketplace" ? template : _f.OfferPath;

        var result = CliRunner.Run(["convert", input, "--to", "rest", .. extra]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_UnknownDocument_IsInvalidInput()
    {
        var result = CliRunner.Run("convert", _f.Write("other.json", """{ "hello": "world" }"""), "--to", "offer");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("neither", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_AsAProcess_WritesRestToStandardOutput()
    {
        var result = await CliRunner.RunProcessAsync(null, "convert", _f.OfferPath, "--to", "rest", "--rest-shape", "array");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Single(RegistrationResources.ReadDefinitions(result.Out).GetValueOrThrow());
    }

    /// <summary>The REST shape and templates carry no principal kinds nor, without a plan, the manifest version.</summary>
    private static void AssertSamePrincipalsAndRoles(ManagedServices.Offers.DelegationManifest expected, ManagedServices.Offers.DelegationManifest actual)
    {
        Assert.Equal(expected.ManagingTenantId, actual.ManagingTenantId);
        Assert.Equal(expected.Authorizations.Select(static a => (a.Principal.Id, a.Principal.DisplayName, a.RoleDefinitionId)),
            actual.Authorizations.Select(static a => (a.Principal.Id, a.Principal.DisplayName, a.RoleDefinitionId)));
        Assert.Equal(expected.EligibleAuthorizations.Select(static a => (a.Principal.Id, a.RoleDefinitionId, a.JustInTimeAccessPolicy)),
            actual.EligibleAuthorizations.Select(static a => (a.Principal.Id, a.RoleDefinitionId, a.JustInTimeAccessPolicy)));
    }
}
