using System.Text.Json;
using ManagedServices.Arm;
using Xunit.Abstractions;

namespace ManagedServices.Tests.Arm;

public class TemplateWriterTests
{
    private readonly ITestOutputHelper _output;

    public TemplateWriterTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Write_Subscription_HasSampleShape()
    {
        var files = OnboardingTemplate.Write(TemplateSamples.Definition(), OnboardingTarget.ForSubscription()).GetValueOrThrow();
        _output.WriteLine(files.Template);
        _output.WriteLine(files.Parameters);
        using var template = JsonDocument.Parse(files.Template);
        var root = template.RootElement;
        Assert.Equal("2022-10-01", files.ApiVersion);
        Assert.Contains("subscriptionDeploymentTemplate.json", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var parameters = root.GetProperty("parameters");
        foreach (var name in new[] { "mspOfferName", "mspOfferDescription", "managedByTenantId", "authorizations", "eligibleAuthorizations" })
        {
            Assert.True(parameters.TryGetProperty(name, out _), name);
        }

        Assert.Equal("[guid(parameters('mspOfferName'))]", root.GetProperty("variables").GetProperty("mspRegistrationName").GetString());
        var resources = root.GetProperty("resources");
        Assert.Equal(2, resources.GetArrayLength());
        Assert.Equal("Microsoft.ManagedServices/registrationDefinitions", resources[0].GetProperty("type").GetString());
        Assert.Equal("Microsoft.ManagedServices/registrationAssignments", resources[1].GetProperty("type").GetString());
        Assert.Equal("2022-10-01", resources[1].GetProperty("apiVersion").GetString());
        Assert.Contains("\"maximumActivationDuration\": \"PT1H30M\"", files.Parameters, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Output_IsDeterministicTwoSpaceLfWithFinalNewline()
    {
        var a = OnboardingTemplate.Write(TemplateSamples.Definition(plan: true), OnboardingTarget.ForResourceGroups(["rg-a", "rg-b"])).GetValueOrThrow();
        var b = OnboardingTemplate.Write(TemplateSamples.Definition(plan: true), OnboardingTarget.ForResourceGroups(["rg-a", "rg-b"])).GetValueOrThrow();
        Assert.Equal(a.Template, b.Template);
        Assert.Equal(a.Parameters, b.Parameters);
        foreach (var text in new[] { a.Template, a.Parameters })
        {
            Assert.DoesNotContain('\r', text);
            Assert.EndsWith("}\n", text, StringComparison.Ordinal);
            Assert.StartsWith("{\n  \"$schema\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\t', text);
        }
    }

    [Fact]
    public void Write_Durations_AreHoursMinutesNeverDays()
    {
        var definition = TemplateSamples.Definition();
        var eligible = definition.Manifest.EligibleAuthorizations[0];
        var longer = eligible with { JustInTimeAccessPolicy = eligible.JustInTimeAccessPolicy with { MaximumActivationDuration = TimeSpan.FromDays(1) } };
        definition = definition with { Manifest = definition.Manifest with { EligibleAuthorizations = [longer] } };
        var files = OnboardingTemplate.Write(definition, OnboardingTarget.ForSubscription()).GetValueOrThrow();
        Assert.Contains("\"PT24H\"", files.Parameters, StringComparison.Ordinal);
        Assert.DoesNotContain("P1D", files.Parameters, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Plan_WritesPlanBlockAndParameters()
    {
        var files = OnboardingTemplate.Write(TemplateSamples.Definition(plan: true), OnboardingTarget.ForSubscription()).GetValueOrThrow();
        using var template = JsonDocument.Parse(files.Template);
        var definition = template.RootElement.GetProperty("resources")[0];
        Assert.Equal("[variables('marketplacePlan')]", definition.GetProperty("plan").GetString());
        var plan = template.RootElement.GetProperty("variables").GetProperty("marketplacePlan");
        Assert.Equal("[parameters('marketplacePlanId')]", plan.GetProperty("name").GetString());
        Assert.Equal("[parameters('marketplaceOfferId')]", plan.GetProperty("product").GetString());
        using var parameters = JsonDocument.Parse(files.Parameters);
        Assert.Equal("gold", parameters.RootElement.GetProperty("parameters").GetProperty("marketplacePlanId").GetProperty("value").GetString());
    }

    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 2)]
    public void Write_ResourceGroups_UsesCopyLoops(bool perGroup, int resources)
    {
        var files = OnboardingTemplate.Write(TemplateSamples.Definition(), OnboardingTarget.ForResourceGroups(["rg-a", "rg-b"], perGroup)).GetValueOrThrow();
        _output.WriteLine(files.Template);
        using var template = JsonDocument.Parse(files.Template);
        var list = template.RootElement.GetProperty("resources");
        Assert.Equal(resources, list.GetArrayLength());
        Assert.Equal(perGroup, list[0].TryGetProperty("copy", out _));
        Assert.True(list[1].TryGetProperty("copy", out _));
        Assert.Equal("Microsoft.Resources/deployments", list[1].GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("2019-09-01", true, false)]
    [InlineData("2020-02-01-preview", true, true)]
    [InlineData("2019-06-01", true, true)]
    public void Write_ExplicitApiVersionTooOld_IsReported(string apiVersion, bool eligible, bool approvers)
    {
        var result = OnboardingTemplate.Write(TemplateSamples.Definition(eligible, approvers), OnboardingTarget.ForSubscription(), new OnboardingWriteOptions { ApiVersion = apiVersion });
        Assert.Null(result.Value);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.ApiVersionTooOld);
    }

    [Theory]
    [InlineData("2020-02-01-preview", true, false)]
    [InlineData("2019-06-01", false, false)]
    [InlineData("2022-01-01-preview", true, true)]
    public void Write_ExplicitApiVersionSufficient_IsUsed(string apiVersion, bool eligible, bool approvers)
    {
        var files = OnboardingTemplate.Write(TemplateSamples.Definition(eligible, approvers), OnboardingTarget.ForSubscription(), new OnboardingWriteOptions { ApiVersion = apiVersion }).GetValueOrThrow();
        Assert.Equal(apiVersion, files.ApiVersion);
        Assert.Contains($"\"apiVersion\": \"{apiVersion}\"", files.Template, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UnknownApiVersion_IsReported()
    {
        var result = OnboardingTemplate.Write(TemplateSamples.Definition(), OnboardingTarget.ForSubscription(), new OnboardingWriteOptions { ApiVersion = "2030-01-01" });
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.ApiVersionUnknown);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad name")]
    [InlineData("ends.")]
    public void Write_InvalidResourceGroupName_IsReported(string name)
    {
        var result = OnboardingTemplate.Write(TemplateSamples.Definition(), OnboardingTarget.ForResourceGroup(name));
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.InvalidResourceGroupName);
    }

    [Fact]
    public void Write_DuplicateResourceGroups_AreReported()
    {
        var result = OnboardingTemplate.Write(TemplateSamples.Definition(), OnboardingTarget.ForResourceGroups(["rg-a", "RG-A"]));
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.OnboardingTargetInvalid && d.Path == "target.resourceGroupNames[1]");
    }

    [Fact]
    public void Write_EligibleWithDelegatedRoles_IsReportedNotDropped()
    {
        var definition = TemplateSamples.Definition();
        var eligible = definition.Manifest.EligibleAuthorizations[0] with { DelegatedRoleDefinitionIds = [TemplateSamples.Contributor] };
        definition = definition with { Manifest = definition.Manifest with { EligibleAuthorizations = [eligible] } };
        var result = OnboardingTemplate.Write(definition, OnboardingTarget.ForSubscription());
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.TemplateCannotCarry);
    }

    [Fact]
    public void Write_NoDescription_OmitsDescriptionParameter()
    {
        var files = OnboardingTemplate.Write(TemplateSamples.Definition() with { Description = null }, OnboardingTarget.ForSubscription()).GetValueOrThrow();
        Assert.DoesNotContain("mspOfferDescription", files.Template, StringComparison.Ordinal);
        Assert.DoesNotContain("mspOfferDescription", files.Parameters, StringComparison.Ordinal);
    }
}
