using System.Collections.Immutable;
using FsCheck.Fluent;
using ManagedServices.Offers;
using ManagedServices.Tests.Arm;
using ManagedServices.Tests.Lifecycle;
using ManagedServices.Tests.Reporting;
using ManagedServices.Tests.Scopes;
using ManagedServices.Tests.Validation;

namespace ManagedServices.Tests.TestSupport;

/// <summary>
/// A property is only as good as its generator. Each area's generators were folded into <see cref="ModelGenerators"/>;
/// these tests sample them and check that they still produce the cases the old generators produced (and that the
/// properties rely on). Every case checked here has a probability of at least about 1% per sample, so a few hundred
/// samples miss one with a probability far below one in a million: the tests cannot fail by chance.
/// </summary>
public class GeneratorCoverageTests
{
    private const int Samples = 600;

    [Fact]
    public void Validation_Principals_HaveEveryKind_AndNamesOrNone()
    {
        var principals = ModelArbitraries.Principal().Sample(Samples, 20);

        Assert.Equal(Enum.GetValues<PrincipalKind>().Length, principals.Select(static p => p.Kind).Distinct().Count());
        Assert.Contains(principals, static p => p.DisplayName is null);
        Assert.Contains(principals, static p => p.DisplayName is { Length: > 0 });
        Assert.InRange(principals.Select(static p => p.Id).Distinct().Count(), 2, 6); // a small pool, so principals repeat
    }

    [Fact]
    public void Validation_Authorizations_Policies_AndManifests_ReachTheValidatorsCases()
    {
        var policies = ModelArbitraries.Policy().Sample(Samples, 20);
        Assert.Contains(policies, static p => p.MultiFactorAuthProvider.ToString() == "Phone"); // unknown MFA
        Assert.Contains(policies, static p => p.MaximumActivationDuration == TimeSpan.Zero);
        Assert.Contains(policies, static p => p.MaximumActivationDuration > TimeSpan.FromHours(8));
        Assert.Contains(policies, static p => p.Approvers.IsEmpty);
        Assert.Contains(policies, static p => p.Approvers.Length > 2);

        var authorizations = ModelArbitraries.Authorization().Sample(Samples, 20);
        Assert.Contains(authorizations, static a => a.RoleDefinitionId != BuiltInRoleIds.UserAccessAdministrator && !a.DelegatedRoleDefinitionIds.IsEmpty);
        Assert.Contains(authorizations, static a => a.RoleDefinitionId == BuiltInRoleIds.Owner);
        Assert.Equal(ModelArbitraries.RolePool.Length, authorizations.Select(static a => a.RoleDefinitionId).Distinct().Count());

        var eligible = ModelArbitraries.Eligible().Sample(Samples, 20);
        Assert.Contains(eligible, static e => ReferenceEquals(e.JustInTimeAccessPolicy, JustInTimeAccessPolicy.Default));
        Assert.Contains(eligible, static e => !e.DelegatedRoleDefinitionIds.IsEmpty);

        var manifests = ModelArbitraries.Manifest().Sample(Samples / 2, 20);
        Assert.Contains(manifests, static m => m.ManagingTenantId == default);
        Assert.Contains(manifests, static m => m.Authorizations.IsEmpty);
        Assert.Contains(manifests, static m => m.Authorizations.Length == 8);
        Assert.Contains(manifests, static m => m.EligibleAuthorizations.Length == 5);
        Assert.Contains(manifests, static m => m.Version.Minor > 9);
    }

    [Fact]
    public void Validation_Offers_HaveBadIdsBlankNamesAndPlansOfBothVisibilities()
    {
        var offers = ModelArbitraries.Offer().Sample(Samples / 3, 20);

        Assert.Contains(offers, static o => o.Plans.IsEmpty);
        Assert.Contains(offers, static o => o.Plans.Length == 3);
        Assert.Contains(offers, static o => o.Id.Length == 0);
        Assert.Contains(offers, static o => o.Id.Length > 48);
        Assert.Contains(offers, static o => o.Id.Any(static c => c is ' ' or 'é'));
        Assert.Contains(offers, static o => o.Description is null);
        Assert.Contains(offers, static o => string.IsNullOrWhiteSpace(o.DisplayName));
        var plans = offers.SelectMany(static o => o.Plans).ToList();
        Assert.Contains(plans, static p => p.Visibility == PlanVisibility.Private && p.Audience.Length == 4);
        Assert.Contains(plans, static p => p.Visibility == PlanVisibility.Public && p.IsStopSold);
    }

    [Fact]
    public void Lifecycle_Manifests_DelegateOnlyFromUserAccessAdministrator_AndOverlap()
    {
        var manifests = LifecycleArbitraries.Manifest().Sample(Samples, 20);
        var authorizations = manifests.SelectMany(static m => m.Authorizations).ToList();
        var eligible = manifests.SelectMany(static m => m.EligibleAuthorizations).ToList();

        Assert.Contains(manifests, static m => m.ManagingTenantId == LifecycleArbitraries.OtherManagingTenant);
        Assert.Contains(manifests, static m => m.Authorizations.Length == 5);
        Assert.Contains(manifests, static m => m.EligibleAuthorizations.Length == 3);
        Assert.Contains(manifests, static m => m.Version.Patch == 3);
        Assert.Contains(authorizations, static a => a.RoleDefinitionId == BuiltInRoleIds.UserAccessAdministrator && a.DelegatedRoleDefinitionIds.Length == 3);
        Assert.All(authorizations, static a => Assert.True(a.RoleDefinitionId == BuiltInRoleIds.UserAccessAdministrator || a.DelegatedRoleDefinitionIds.IsEmpty));
        Assert.DoesNotContain(eligible, static e => e.RoleDefinitionId == BuiltInRoleIds.UserAccessAdministrator);
        Assert.Contains(eligible, static e => e.JustInTimeAccessPolicy.Approvers.Length == LifecycleArbitraries.Approvers.Length);
        Assert.Contains(eligible, static e => e.JustInTimeAccessPolicy.MultiFactorAuthProvider == MultiFactorAuthProvider.None);
        Assert.Equal(LifecycleArbitraries.Principals.Length, authorizations.Select(static a => a.Principal).Distinct().Count());
    }

    [Fact]
    public void Templates_Definitions_AndDocumentManifests_KeepTheirRange()
    {
        var principals = TemplatesArbitraries.Principal().Sample(Samples, 20);
        Assert.All(principals, static p => Assert.Equal(default, p.Kind));
        Assert.Contains(principals, static p => p.DisplayName is null);
        Assert.Contains(principals, static p => p.DisplayName?.Contains("🚀", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(principals, static p => p.DisplayName?.Any(char.IsSurrogate) == true && !p.DisplayName.Contains("🚀", StringComparison.Ordinal));

        var definitions = TemplatesArbitraries.Definition().Sample(Samples / 2, 30);
        Assert.Contains(definitions, static d => d.Plan is not null);
        Assert.Contains(definitions, static d => d.Plan is null && d.Manifest.Version == ManifestVersion.Initial);
        Assert.Contains(definitions, static d => d.Manifest.Authorizations.Length == 6);
        Assert.Contains(definitions, static d => d.Manifest.EligibleAuthorizations.Length == 3);
        Assert.Contains(definitions, static d => d.Manifest.Authorizations.Any(static a => a.DelegatedRoleDefinitionIds.Length == 3));
        Assert.Contains(definitions, static d => d.Manifest.EligibleAuthorizations.Any(static e => e.JustInTimeAccessPolicy.Approvers.Length == 3));

        var manifests = TemplatesArbitraries.DocumentManifest().Sample(Samples / 2, 30);
        var kinds = manifests.SelectMany(static m => m.Authorizations.Select(static a => a.Principal.Kind).Concat(m.EligibleAuthorizations.Select(static e => e.Principal.Kind)));
        Assert.Equal(Enum.GetValues<PrincipalKind>().Length, kinds.Distinct().Count());
        var durations = manifests.SelectMany(static m => m.EligibleAuthorizations.Select(static e => e.JustInTimeAccessPolicy.MaximumActivationDuration)).ToList();
        Assert.Contains(durations, static d => d.Ticks % TimeSpan.TicksPerMinute != 0); // tick precision, not whole minutes
        Assert.Contains(durations, static d => d > TimeSpan.FromDays(1));
        Assert.Contains(manifests, static m => m.EligibleAuthorizations.Any(static e => e.DelegatedRoleDefinitionIds.Length == 2));
        Assert.Contains(manifests, static m => m.Authorizations.Length == 5);

        var offers = TemplatesArbitraries.Offer().Sample(Samples / 3, 30);
        Assert.Contains(offers, static o => o.Description is null);
        Assert.Contains(offers, static o => o.Plans.Length == 3 && o.Plans.Any(static p => p.Audience.Length == 4));
    }

    [Fact]
    public void Reporting_Delegations_HaveHostileNamesMfaAndApprovers()
    {
        var delegations = ReportArbitraries.Delegations().Sample(Samples / 2, 20).SelectMany(static d => d).ToList();
        var manifests = delegations.Select(static d => d.Definition.Manifest).ToList();
        var authorizations = manifests.SelectMany(static m => m.Authorizations).ToList();
        var eligible = manifests.SelectMany(static m => m.EligibleAuthorizations).ToList();

        Assert.Contains(delegations, static d => ReportFixtures.HostileNames.Contains(d.Definition.Name));
        Assert.Contains(delegations, static d => d.Definition.Description is null);
        Assert.Contains(manifests, static m => m.ManagingTenantId == ReportFixtures.OtherProvider);
        Assert.Contains(manifests, static m => m.Authorizations.Length == 4);
        Assert.Contains(authorizations, static a => a.Principal.DisplayName is null);
        Assert.Contains(authorizations, static a => a.Principal.Kind == PrincipalKind.Unknown);
        Assert.Contains(authorizations, static a => a.RoleDefinitionId == BuiltInRoleIds.UserAccessAdministrator && a.DelegatedRoleDefinitionIds.Length == 2);
        Assert.All(authorizations, static a => Assert.True(a.RoleDefinitionId == BuiltInRoleIds.UserAccessAdministrator || a.DelegatedRoleDefinitionIds.IsEmpty));
        Assert.Contains(eligible, static e => e.JustInTimeAccessPolicy.MultiFactorAuthProvider.ToString().Contains("-->", StringComparison.Ordinal));
        Assert.Contains(eligible, static e => e.JustInTimeAccessPolicy.Approvers.IsEmpty);
        Assert.Contains(eligible, static e => e.JustInTimeAccessPolicy.Approvers.Length == 1);
        Assert.All(eligible, static e => Assert.Equal(JustInTimeAccessPolicy.Default.MaximumActivationDuration, e.JustInTimeAccessPolicy.MaximumActivationDuration));
    }

    [Fact]
    public void Scopes_ReachEveryKind_ExtensionResources_AndTheProvidersSpellings()
    {
        var texts = ScopeArbitraries.ScopeText().Sample(Samples * 2, 20);
        var scopes = texts.Select(ResourceScope.Parse).ToList();

        Assert.DoesNotContain("/", texts);
        Assert.Equal([ScopeKind.ManagementGroup, ScopeKind.Subscription, ScopeKind.ResourceGroup, ScopeKind.Resource], scopes.Select(static s => s.Kind).Distinct().Order());
        Assert.Contains(ScopeArbitraries.ScopeArbitrary().Generator.Sample(Samples, 20), static s => s.Kind == ScopeKind.TenantRoot);
        Assert.Contains(texts, static t => Providers(t) >= 3); // an extension of an extension
        Assert.Contains(texts, static t => t.Contains("/providers/Microsoft.Compute/providers/", StringComparison.OrdinalIgnoreCase)); // "providers" as a type
        Assert.Contains(texts, static t => t.EndsWith("/providers", StringComparison.Ordinal)); // "providers" as the last name
        Assert.Contains(texts, static t => t.Contains("/providers/providers/", StringComparison.OrdinalIgnoreCase)); // a name "providers", then a section
        Assert.Contains(texts, static t => t.Contains("/rg1/", StringComparison.Ordinal));
        Assert.Contains(texts, static t => t.Contains("/rg10/", StringComparison.Ordinal));
        Assert.Contains(texts, static t => t.StartsWith("/SUBSCRIPTIONS/", StringComparison.Ordinal));
        Assert.Contains(texts, static t => t.Contains("ED40E6C1", StringComparison.Ordinal));
        Assert.Contains(scopes, static s => s.Kind == ScopeKind.Resource && s.ToString().Split('/').Length > 12);

        static int Providers(string t) => t.Split('/').Count(static s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Helpers_ListOf_ReachesBothEnds_AndText_KeepsCodePointsWhole()
    {
        var lists = ModelGenerators.ListOf(FsCheck.Fluent.Gen.Constant(1), 4).Sample(200, 1);
        Assert.Equal([0, 1, 2, 3, 4], lists.Select(static l => l.Length).Distinct().Order());

        var texts = ModelGenerators.Text(["a", "🚀"], 0, 3).Sample(2000, 1);
        Assert.All(texts, static t => Assert.Equal(t.Length, t.Replace("🚀", "x", StringComparison.Ordinal).Length + t.Split("🚀").Length - 1));
        Assert.Contains("", texts);
        Assert.Contains(texts, static t => t.Length == 6);

        var subsets = ModelGenerators.SubsetOf(ImmutableArray.Create(1, 2, 3)).Sample(200, 1);
        Assert.Contains(subsets, static s => s.IsEmpty);
        Assert.Contains(subsets, static s => s.Length == 3);
    }
}
