using System.Collections.Immutable;
using ManagedServices.Arm;
using ManagedServices.Tests.TestSupport;
using Xunit.Abstractions;

namespace ManagedServices.Tests.Arm;

/// <summary>Microsoft's Lighthouse samples (../shared/corpus/lighthouse-samples) read into the model.</summary>
public class TemplateCorpusTests
{
    private readonly ITestOutputHelper _output;

    public TemplateCorpusTests(ITestOutputHelper output) => _output = output;

    // Expected counts were taken from the parameter files by reading them: number of entries in
    // authorizations.value / eligibleAuthorizations.value (managedByAuthorizations.value for the policy sample),
    // the resource groups in rgName / resourceGroups.value, and whether managedByTenantId is a GUID or a placeholder.
    public static TheoryData<string, string, string, int, int, int, string, bool> Pairs => new()
    {
        // template, parameters, target ("sub", "rg:<name>", "rgs:<n>:<definitions>"), authorizations, eligible, approvers, apiVersion, placeholder tenant
        { "delegated-resource-management/subscription/subscription.json", "delegated-resource-management/subscription/subscription.parameters.json", "sub", 3, 0, 0, "2019-09-01", true },
        { "delegated-resource-management/rg/rg.json", "delegated-resource-management/rg/rg.parameters.json", "rg:test", 3, 0, 0, "2019-06-01", true },
        { "delegated-resource-management-eligible-authorizations/subscription/subscription.json", "delegated-resource-management-eligible-authorizations/subscription/subscription.parameters.json", "sub", 2, 1, 0, "2020-02-01-preview", true },
        { "delegated-resource-management-eligible-authorizations/rg/rg.json", "delegated-resource-management-eligible-authorizations/rg/rg.parameters.json", "rg:test", 2, 1, 0, "2020-02-01-preview", false },
        { "delegated-resource-management-eligible-authorizations/rg/rg-managing-tenant-approvers.json", "delegated-resource-management-eligible-authorizations/rg/rg-managing-tenant-approvers.parameters.json", "rg:test", 3, 1, 1, "2020-02-01-preview", false },
        { "delegated-resource-management-eligible-authorizations/rg/multiple-rg.json", "delegated-resource-management-eligible-authorizations/rg/multiple-rg.parameters.json", "rgs:3:3", 2, 1, 0, "2020-02-01-preview", true },
        { "delegated-resource-management-eligible-authorizations/rg/multiple-rg-managing-tenant-approvers.json", "delegated-resource-management-eligible-authorizations/rg/multiple-rg-managing-tenant-approvers.parameters.json", "rgs:3:3", 3, 1, 1, "2020-02-01-preview", false },
        { "marketplace-delegated-resource-management/marketplaceDelegatedResourceManagement.json", "marketplace-delegated-resource-management/marketplaceDelegatedResourceManagement.parameters.json", "sub", 4, 0, 0, "2019-06-01", false },
        { "policy-delegate-management-groups/deployLighthouseIfNotExistManagementGroup.json", "policy-delegate-management-groups/deployLighthouseIfNotExistsManagementGroup.parameters.json", "policy", 2, 0, 0, "2019-06-01", false },
    };

    [TemplatesSharedTheory]
    [MemberData(nameof(Pairs))]
    public void Read_SamplePair_GivesExpectedDelegation(string template, string parameters, string target, int authorizations, int eligible, int approvers, string apiVersion, bool placeholderTenant)
    {
        var result = OnboardingTemplate.Read(Load(template), Load(parameters));
        foreach (var d in result.Diagnostics)
        {
            _output.WriteLine(d.ToString());
        }

        var content = Assert.IsType<OnboardingTemplateContent>(result.Value);
        var manifest = content.Definition.Manifest;
        Assert.Equal(authorizations, manifest.Authorizations.Length);
        Assert.Equal(eligible, manifest.EligibleAuthorizations.Length);
        Assert.Equal(approvers, manifest.EligibleAuthorizations.Sum(static e => e.JustInTimeAccessPolicy.Approvers.Length));
        Assert.Equal(apiVersion, content.ApiVersion);
        Assert.All(content.RegistrationDefinitions, d => Assert.NotEqual(Guid.Empty, d.Id));

        if (placeholderTenant)
        {
            Assert.True(manifest.ManagingTenantId.IsEmpty);
            var error = Assert.Single(result.Diagnostics, static d => d.Severity == DiagnosticSeverity.Error);
            Assert.Equal(DiagnosticCodes.TemplateValueNotGuid, error.Code);
            Assert.Contains("placeholder", error.Message, StringComparison.Ordinal);
            Assert.StartsWith("parameters:$.parameters.managedByTenantId.value", error.Path, StringComparison.Ordinal);
            Assert.NotNull(error.Line);
        }
        else
        {
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        }

        if (approvers > 0)
        {
            // The samples put approvers under 2020-02-01-preview: accepted with a warning.
            Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.ApiVersionFeatureMismatch && d.Severity == DiagnosticSeverity.Warning);
        }

        switch (target.Split(':'))
        {
            case ["sub"]:
                Assert.Equal(OnboardingTemplateKind.Onboarding, content.Kind);
                Assert.Equal(OnboardingTarget.ForSubscription(), content.Target);
                Assert.Single(content.RegistrationDefinitions);
                Assert.Equal(ArmGuid.Create(content.Definition.Name), content.RegistrationDefinitions[0].Id);
                break;
            case ["rg", var name]:
                Assert.Equal(OnboardingTarget.ForResourceGroup(name), content.Target);
                Assert.Single(content.RegistrationDefinitions);
                break;
            case ["rgs", var groups, var definitions]:
                Assert.Equal(OnboardingTargetKind.ResourceGroups, content.Target.Kind);
                Assert.Equal(int.Parse(groups, System.Globalization.CultureInfo.InvariantCulture), content.Target.ResourceGroupNames.Length);
                Assert.Equal(int.Parse(definitions, System.Globalization.CultureInfo.InvariantCulture), content.RegistrationDefinitions.Length);
                Assert.True(content.Target.DefinitionPerResourceGroup);

                // The samples name each definition guid(rgName).
                Assert.Equal(ArmGuid.Create("test2"), content.RegistrationDefinitions[1].Id);
                break;
            case ["policy"]:
                Assert.Equal(OnboardingTemplateKind.ManagementGroupPolicy, content.Kind);
                Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateIsManagementGroupPolicy);
                Assert.Equal("Relecloud Managed Services", content.Definition.Name);
                Assert.Equal(3, manifest.Authorizations[1].DelegatedRoleDefinitionIds.Length);
                break;
            default:
                Assert.Fail("bad expectation " + target);
                break;
        }
    }

    [TemplatesSharedFact]
    public void Read_Marketplace_WithMarketplaceOfferYes_GivesPlan()
    {
        var overrides = new OnboardingReadOptions { ParameterOverrides = new Dictionary<string, string> { ["marketplaceOffer"] = "Yes" }.ToImmutableDictionary() };
        var result = OnboardingTemplate.Read(
            Load("marketplace-delegated-resource-management/marketplaceDelegatedResourceManagement.json"),
            Load("marketplace-delegated-resource-management/marketplaceDelegatedResourceManagement.parameters.json"),
            overrides);
        var plan = Assert.IsType<OnboardingTemplateContent>(result.Value).Definition.Plan;
        Assert.NotNull(plan);
        Assert.Equal("marketplace-test", plan.Publisher);
        Assert.Equal("fabrikam-assessment", plan.Product);
        Assert.Equal("assessment", plan.Name);
        Assert.Equal("2.0.0", plan.Version);
        Assert.Equal(new ManagedServices.Offers.ManifestVersion(2, 0, 0), result.Value!.Definition.Manifest.Version);
    }

    [TemplatesSharedFact]
    public void Read_MarketplaceWithoutParameters_ReportsMissingParameters()
    {
        var result = OnboardingTemplate.Read(Load("marketplace-delegated-resource-management/marketplaceDelegatedResourceManagement.json"));
        Assert.Null(result.Value);
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateParameterMissing && d.Path == "$.parameters.mspOfferName" && d.Line == 5);
    }

    [TemplatesSharedTheory]
    [InlineData("policy-allow-certain-managing-tenants/policyAllowCertainTenantIds.json", "policy-allow-certain-managing-tenants/policyAllowCertainTenantIds.parameters.json")]
    [InlineData("policy-audit-delegation.json", null)]
    [InlineData("policy-audit-delegation/policyAuditDelegation.json", null)]
    public void Read_PolicyWithoutDelegation_ReportsNoDelegation(string template, string? parameters)
    {
        var result = OnboardingTemplate.Read(Load(template), parameters is null ? null : Load(parameters));
        Assert.Null(result.Value);
        var error = Assert.Single(result.Diagnostics, static d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(DiagnosticCodes.TemplateHasNoDelegation, error.Code);
    }

    [TemplatesSharedFact]
    public void Read_EveryCorpusFile_NeverThrows()
    {
        foreach (var file in Directory.EnumerateFiles(TemplatesSharedData.Samples, "*.json", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var asTemplate = OnboardingTemplate.Read(text);
            var asParameters = OnboardingTemplate.Read("{\"resources\": []}", text);
            Assert.NotNull(asTemplate);
            Assert.NotNull(asParameters);
        }
    }

    internal static string Load(string relative) => File.ReadAllText(Path.Combine(TemplatesSharedData.Samples, relative));
}
