using System.Collections.Immutable;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Reporting;
using ManagedServices.Tests.TestSupport;
using static ManagedServices.Tests.Reporting.ReportFixtures;

namespace ManagedServices.Tests.Reporting;

/// <summary>
/// Authorizations that give no access are marked as refused in the access report, by the access evaluator's own rule,
/// in every format, and never count as a way to remove a delegation: an auditor is never told someone has access they
/// do not have. The property compares the report with the evaluator's public <see cref="AccessEvaluator.Check(in AccessRequest)"/>
/// on every generated authorization.
/// </summary>
public class RefusedGrantTests
{
    private static readonly RoleDefinitionId CustomRoleId = new(new Guid("c0570000-0000-4000-8000-000000000001"));
    private static readonly RoleDefinitionId MissingRoleId = new(new Guid("0155e000-0000-4000-8000-000000000001"));

    /// <summary>Storage Blob Data Reader: built in, with data actions and no restricted action.</summary>
    private static readonly RoleDefinitionId DataRoleId = new(new Guid("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"));

    private static readonly Principal Nobody = Principal.User(new PrincipalId(Guid.Empty), "placeholder");

    /// <summary>The built-in catalog and one custom role (a catalog from the customer's tenant would have some).</summary>
    private static readonly RoleCatalog Catalog = RoleCatalog.Create(RoleCatalog.BuiltIn.Roles.Append(new RoleDefinition
    {
        Id = CustomRoleId,
        Name = "Contoso VM Reader",
        IsBuiltIn = false,
        Permissions = [new RolePermissionBlock { Actions = ["Microsoft.Compute/virtualMachines/read"] }],
    }));

    [Fact]
    public void EligibleOwner_IsRefusedAsNotDelegable_InEveryFormat()
    {
        var report = AccessReport.Create(DelegationSnapshot.Create(
        [
            Delegation("offer", SubscriptionScope, [Permanent(Operators, BuiltInRoleIds.Reader)], [Eligible(Alice, BuiltInRoleIds.Owner)]),
        ]));

        var owner = report.Grants.Single(static g => g.RoleDefinitionId == BuiltInRoleIds.Owner);
        Assert.Equal(AccessReason.RoleNotDelegable, owner.RefusedBecause);
        Assert.Null(report.Grants.Single(static g => g.RoleDefinitionId == BuiltInRoleIds.Reader).RefusedBecause);

        var markdown = report.ToMarkdown();
        Assert.Contains("| `offer` | `Alice` | user | `a1000000-0000-4000-8000-000000000001` | `Owner` | eligible<br>**refused**: role not delegable (`RoleNotDelegable`) |", markdown, StringComparison.Ordinal);
        Assert.Contains("**1 of these authorization(s) give no access**", markdown, StringComparison.Ordinal);
        Assert.Contains("\n**refused**: the authorization gives no access", markdown, StringComparison.Ordinal);

        var mermaid = report.ToMermaid();
        Assert.Contains("  P1 -.-x|\"refused: role not delegable\"| R2\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("  R2 -.-x|\"refused: role not delegable\"| S1\n", mermaid, StringComparison.Ordinal); // Owner reaches no scope
        Assert.Contains("  P2 --> R1\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("  R1 --> S1\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("  linkStyle 1,3 stroke:grey,color:grey\n", mermaid, StringComparison.Ordinal);
        Assert.True(ReportTools.IsInFlowchartSubset(mermaid, out var bad), bad);

        var dot = report.ToDot();
        Assert.Contains("  \"P1\" -> \"R2\" [style=dotted, color=grey, fontcolor=grey, arrowhead=tee, label=\"refused: role not delegable\"];\n", dot, StringComparison.Ordinal);
        Assert.Contains("  \"P2\" -> \"R1\";\n", dot, StringComparison.Ordinal);
        AccessReportTests.AssertDotWellFormed(dot, "eligible Owner");

        using var json = JsonDocument.Parse(report.ToJson());
        var authorizations = json.RootElement.GetProperty("authorizations").EnumerateArray().ToList();
        Assert.Equal("RoleNotDelegable", authorizations.Single(static a => a.GetProperty("access").GetString() == "eligible").GetProperty("refusedBecause").GetString());
        Assert.False(authorizations.Single(static a => a.GetProperty("access").GetString() == "permanent").TryGetProperty("refusedBecause", out _));
    }

    [Fact]
    public void PermanentOwner_IsRefusedAsNotDelegable()
    {
        var grant = Assert.Single(AccessReport.Create(DelegationSnapshot.Create([Delegation("offer", SubscriptionScope, [Permanent(Alice, BuiltInRoleIds.Owner)])])).Grants);

        Assert.Equal(AccessReason.RoleNotDelegable, grant.RefusedBecause);
    }

    [Fact]
    public void EligibleUserAccessAdministrator_IsRefused_ThePermanentOneIsNot_AndTheRoleStillReachesTheScope()
    {
        var report = AccessReport.Create(DelegationSnapshot.Create(
        [
            Delegation("offer", SubscriptionScope, [Permanent(Automation, BuiltInRoleIds.UserAccessAdministrator, BuiltInRoleIds.Contributor)], [Eligible(Alice, BuiltInRoleIds.UserAccessAdministrator)]),
        ]));

        Assert.Equal(
            [(false, (AccessReason?)null), (true, AccessReason.RoleNotDelegable)],
            report.Grants.Select(static g => (g.IsEligible, g.RefusedBecause)));
        var mermaid = report.ToMermaid();
        Assert.Contains("  R1 --> S1\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("  P1 -.-x|\"refused: role not delegable\"| R1\n", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomRole_IsRefusedAsCustom()
    {
        var report = AccessReport.Create(DelegationSnapshot.Create([Delegation("offer", SubscriptionScope, [Permanent(Alice, CustomRoleId)])]), Catalog);

        var grant = Assert.Single(report.Grants);
        Assert.Equal(AccessReason.CustomRoleNotDelegable, grant.RefusedBecause);
        Assert.Equal("Contoso VM Reader", grant.RoleName);
        Assert.Contains("**refused**: custom role, not delegable (`CustomRoleNotDelegable`)", report.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void RoleMissingFromTheCatalog_IsRefused()
    {
        var report = AccessReport.Create(DelegationSnapshot.Create([Delegation("offer", SubscriptionScope, [Permanent(Alice, MissingRoleId)])]));

        Assert.Equal(AccessReason.RoleNotInCatalog, Assert.Single(report.Grants).RefusedBecause);
        Assert.Contains("-.-x|\"refused: role not in the catalog\"|", report.ToMermaid(), StringComparison.Ordinal);
    }

    [Fact]
    public void CustomerTenantIsTheManagingTenant_TheDelegationIsIgnored_AndItsOfferStandsApart()
    {
        // The same definition at the subscription for a customer and at a resource group of the provider's own tenant.
        var good = Delegation("offer", SubscriptionScope, [Permanent(Alice, BuiltInRoleIds.Reader), Permanent(Operators, BuiltInRoleIds.RegistrationAssignmentDelete)], assignmentId: new Guid("a5000000-0000-4000-8000-000000000001"));
        var own = good with { CustomerTenantId = Provider, Scope = ResourceScope.ForResourceGroup(SubscriptionId.Parse("5e000000-0000-4000-8000-000000000002"), "rg-own"), AssignmentId = new Guid("a5000000-0000-4000-8000-000000000002") };

        var report = AccessReport.Create(DelegationSnapshot.Create([own, good]));

        Assert.Equal([null, "the customer tenant is the managing tenant"], report.Offers.Select(static o => o.IgnoredBecause));
        Assert.Equal([SubscriptionScope], report.Offers[0].Scopes.ToArray());
        Assert.Equal([own.Scope], report.Offers[1].Scopes.ToArray());
        Assert.All(report.Grants.Where(g => g.Offer == report.Offers[0]), static g => Assert.Null(g.RefusedBecause));
        Assert.All(report.Grants.Where(g => g.Offer == report.Offers[1]), static g => Assert.Equal(AccessReason.NoDelegationCoversScope, g.RefusedBecause));
        // The Delete Role of the ignored delegation removes nothing; the one in force removes its own delegation.
        Assert.Equal([(SubscriptionScope, Operators.Id)], report.Removers.Select(static r => (r.Scope, r.Grant.PrincipalId)));

        var markdown = report.ToMarkdown();
        Assert.Contains("`/subscriptions/5e000000-0000-4000-8000-000000000002/resourceGroups/rg-own`<br>**ignored**: `the customer tenant is the managing tenant` |", markdown, StringComparison.Ordinal);
        Assert.Contains("permanent<br>**refused**: the customer tenant is the managing tenant (`NoDelegationCoversScope`) |", markdown, StringComparison.Ordinal);
        Assert.Contains("-.-x|\"refused: the customer tenant is the managing tenant\"| S2\n", report.ToMermaid(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal("the customer tenant is the managing tenant", json.RootElement.GetProperty("offers")[1].GetProperty("ignoredBecause").GetString());
        Assert.False(json.RootElement.GetProperty("offers")[0].TryGetProperty("ignoredBecause", out _));
    }

    [Fact]
    public void ScopeNotASubscriptionOrResourceGroup_TheDelegationIsIgnored()
    {
        var report = AccessReport.Create(DelegationSnapshot.Create(
            [Delegation("offer", ResourceScope.Parse("/providers/Microsoft.Management/managementGroups/mg-1"), [Permanent(Alice, BuiltInRoleIds.Reader)])]));

        Assert.Equal("the scope is not a subscription or resource group", Assert.Single(report.Offers).IgnoredBecause);
        Assert.Equal(AccessReason.NoDelegationCoversScope, Assert.Single(report.Grants).RefusedBecause);
    }

    [Fact]
    public void EmptyPrincipalId_NamesNoOne_IsRefused_AndRemovesNothing()
    {
        var report = AccessReport.Create(DelegationSnapshot.Create(
            [Delegation("offer", SubscriptionScope, [Permanent(Nobody, BuiltInRoleIds.Reader), Permanent(Nobody, BuiltInRoleIds.RegistrationAssignmentDelete)])]));

        Assert.All(report.Grants, static g => Assert.Equal(AccessReason.PrincipalNotAuthorized, g.RefusedBecause));
        Assert.Empty(report.Removers);
        Assert.Contains("No principal of a managing tenant can remove these delegations", report.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void RoleWithDataActions_IsEffective_AsTheEvaluatorAllowsItsManagementActions()
    {
        // Rule book 2.1 rule 6: a delegated role that has data actions keeps its management access; the evaluator allows it.
        var snapshot = DelegationSnapshot.Create([Delegation("offer", SubscriptionScope, [Permanent(Alice, DataRoleId)])]);

        Assert.Null(Assert.Single(AccessReport.Create(snapshot).Grants).RefusedBecause);
        Assert.True(AccessEvaluator.Create(snapshot).Check(new AccessRequest(Alice.Id, "Microsoft.Storage/storageAccounts/blobServices/containers/read", SubscriptionScope.ToString())).IsAllowed);
    }

    [Fact]
    public void UserAccessAdministrator_RemovesThroughAManagedIdentity_OnlyWhenTheEvaluatorLetsItAssignTheDeleteRole()
    {
        // A catalog without the Delete Role: the evaluator cannot let User Access Administrator assign it.
        var catalog = RoleCatalog.Create(RoleCatalog.BuiltIn.Roles.Where(static r => r.Id != BuiltInRoleIds.RegistrationAssignmentDelete));
        var snapshot = DelegationSnapshot.Create(
            [Delegation("offer", SubscriptionScope, [Permanent(Automation, BuiltInRoleIds.UserAccessAdministrator, BuiltInRoleIds.Contributor, BuiltInRoleIds.RegistrationAssignmentDelete)])]);

        Assert.Empty(AccessReport.Create(snapshot, catalog).Removers);
        Assert.Equal(RemovalPath.ThroughManagedIdentity, Assert.Single(AccessReport.Create(snapshot).Removers).Path);
    }

    [Fact]
    public void ReportWithoutARefusedGrant_HasNoMarkAtAll()
    {
        var report = AccessReport.Create(Typical());

        Assert.All(report.Grants, static g => Assert.Null(g.RefusedBecause));
        Assert.DoesNotContain("refused", report.ToMarkdown(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("-.-x", report.ToMermaid(), StringComparison.Ordinal);
        Assert.DoesNotContain("linkStyle", report.ToMermaid(), StringComparison.Ordinal);
        Assert.DoesNotContain("refused", report.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("ignored", report.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("grey", report.ToDot(), StringComparison.Ordinal);
    }

    /// <summary>
    /// For every authorization of every generated delegation: the report marks it effective exactly when the evaluator
    /// allows some request through it — asked through <see cref="AccessEvaluator.Check(in AccessRequest)"/> on the
    /// delegation alone with that authorization alone, at its scope, for actions each effective role of the pool
    /// permits, activated when eligible. The offer it is listed under is ignored exactly when the rule book says the
    /// delegation is void (reference model below).
    /// </summary>
    [Property(Arbitrary = [typeof(RefusedGrantTests)], MaxTest = 200)]
    public void ReportMarksAGrantEffective_IffTheEvaluatorAllowsARequestThroughIt(ImmutableArray<Delegation> delegations)
    {
        var report = AccessReport.Create(DelegationSnapshot.Create(delegations), Catalog);

        foreach (var d in delegations)
        {
            var offer = Assert.Single(report.Offers, o =>
                o.Definition == d.Definition && o.Scopes.Contains(d.Scope) && o.CustomerTenants.Contains(d.CustomerTenantId) &&
                (o.IgnoredBecause is not null) == ReferenceIgnored(d));
            var m = d.Definition.Manifest;
            var all = m.Authorizations.Select(a => (Single: m with { Authorizations = [a], EligibleAuthorizations = [] }, a.Principal, a.RoleDefinitionId, Eligible: false))
                .Concat(m.EligibleAuthorizations.Select(e => (Single: m with { Authorizations = [], EligibleAuthorizations = [e] }, e.Principal, e.RoleDefinitionId, Eligible: true)));
            foreach (var (single, principal, role, eligible) in all)
            {
                var evaluator = AccessEvaluator.Create(
                    DelegationSnapshot.Create([d with { Definition = d.Definition with { Manifest = single } }]),
                    new AccessEvaluatorOptions { RoleCatalog = Catalog });
                var allows = Witnesses.Any(action => evaluator.Check(new AccessRequest(principal.Id, action, d.Scope.ToString())
                {
                    ActivatedRoleDefinitionIds = eligible ? [role] : [],
                }).IsAllowed);

                var grants = report.Grants.Where(g => g.Offer == offer && g.Principal == principal && g.RoleDefinitionId == role && g.IsEligible == eligible).ToList();
                Assert.NotEmpty(grants);
                Assert.All(grants, g => Assert.True(allows == (g.RefusedBecause is null), $"{g}: the evaluator {(allows ? "allows" : "refuses")} it"));
            }
        }
    }

    /// <summary>Every principal the report names as able to remove a delegation is allowed to by the evaluator's public check.</summary>
    [Property(Arbitrary = [typeof(RefusedGrantTests)], MaxTest = 200)]
    public void EveryRemover_IsAllowedByTheEvaluator(ImmutableArray<Delegation> delegations)
    {
        var snapshot = DelegationSnapshot.Create(delegations);
        var evaluator = AccessEvaluator.Create(snapshot, new AccessEvaluatorOptions { RoleCatalog = Catalog });

        foreach (var r in AccessReport.Create(snapshot, Catalog).Removers)
        {
            var resource = $"{r.Scope}/providers/Microsoft.ManagedServices/registrationAssignments/{r.AssignmentId:D}";
            var request = r.Path == RemovalPath.ThroughManagedIdentity
                ? new AccessRequest(r.Grant.PrincipalId, "Microsoft.Authorization/roleAssignments/write", resource)
                {
                    TargetIsManagedIdentity = true,
                    TargetPrincipalKind = PrincipalKind.ServicePrincipal,
                    TargetRoleDefinitionId = BuiltInRoleIds.RegistrationAssignmentDelete,
                }
                : new AccessRequest(r.Grant.PrincipalId, "Microsoft.ManagedServices/registrationAssignments/delete", resource)
                {
                    ActivatedRoleDefinitionIds = r.Path == RemovalPath.AfterActivation ? [BuiltInRoleIds.RegistrationAssignmentDelete] : [],
                };
            Assert.True(evaluator.Check(request).IsAllowed, $"{r}: {evaluator.Check(request).Reason}");
        }
    }

    /// <summary>
    /// Management actions such that each role of the pool that Lighthouse honours permits at least one (Reader,
    /// Contributor, the Delete Role, User Access Administrator's role assignment read, Storage Blob Data Reader's
    /// container read); Owner, the custom role and the missing role would permit some of them were they honoured.
    /// </summary>
    private static readonly string[] Witnesses =
    [
        "Microsoft.Compute/virtualMachines/read",
        "Microsoft.Compute/virtualMachines/write",
        "Microsoft.ManagedServices/registrationAssignments/read",
        "Microsoft.Authorization/roleAssignments/read",
        "Microsoft.Storage/storageAccounts/blobServices/containers/read",
    ];

    /// <summary>
    /// Rule book 1.6 and 6.5: a delegation is void when its managing tenant is the customer tenant (Azure refuses to
    /// create it) or is no tenant, or when it is not at a subscription or resource group (the assignment's scope).
    /// </summary>
    private static bool ReferenceIgnored(Delegation d) =>
        d.Definition.Manifest.ManagingTenantId.Value == Guid.Empty || d.CustomerTenantId == d.Definition.Manifest.ManagingTenantId ||
        d.Scope.Kind is not (ScopeKind.Subscription or ScopeKind.ResourceGroup);

    private static readonly ImmutableArray<RoleDefinitionId> Roles =
    [
        BuiltInRoleIds.Reader, BuiltInRoleIds.Contributor, BuiltInRoleIds.RegistrationAssignmentDelete, BuiltInRoleIds.UserAccessAdministrator,
        BuiltInRoleIds.Owner, CustomRoleId, MissingRoleId, DataRoleId,
    ];

    private static readonly ImmutableArray<TenantId> Tenants = [Provider, OtherProvider, new TenantId(Guid.Empty)];

    private static Gen<Principal> PrincipalGen() => ModelGenerators.Principal(
        Gen.Elements(Alice.Id, Operators.Id, Nobody.Id), Gen.Elements(PrincipalKind.User, PrincipalKind.Group), Gen.Elements<string?>("a", "b", null));

    private static Gen<RegistrationDefinition> DefinitionGen(int index) =>
        from manifest in ModelGenerators.Manifest(
            Gen.Frequency((4, Gen.Elements(Provider, OtherProvider)), (1, Gen.Constant(Tenants[2]))),
            Gen.Constant(ManifestVersion.Initial),
            ModelGenerators.ListOf(ModelGenerators.Authorization(
                PrincipalGen(), Gen.Elements(Roles.AsEnumerable()),
                ModelGenerators.SubsetOf([BuiltInRoleIds.Contributor, BuiltInRoleIds.RegistrationAssignmentDelete, BuiltInRoleIds.Owner, MissingRoleId]),
                delegatedOnlyForUserAccessAdministrator: true), 4),
            ModelGenerators.ListOf(ModelGenerators.Eligible(PrincipalGen(), Gen.Elements(Roles.AsEnumerable()), Gen.Constant(JustInTimeAccessPolicy.Default)), 3))
        select new RegistrationDefinition { Id = new Guid($"de000000-0000-4000-8000-{index:D12}"), Name = "offer " + index, Manifest = manifest };

    private static readonly ImmutableArray<ResourceScope> Scopes =
    [
        SubscriptionScope, ResourceGroup("rg-a"), ResourceScope.Parse("/providers/Microsoft.Management/managementGroups/mg-1"),
        ResourceScope.Parse("/subscriptions/5e000000-0000-4000-8000-000000000001/resourceGroups/rg-a/providers/Microsoft.Compute/virtualMachines/vm1"),
    ];

    /// <summary>One to three definitions, each placed at one to three scopes, for a customer or for a managing tenant itself.</summary>
    public static Arbitrary<ImmutableArray<Delegation>> DelegationsArbitrary() => Arb.From(
        from count in Gen.Choose(1, 3)
        from definitions in Gen.CollectToList(Enumerable.Range(1, count).Select(DefinitionGen))
        from placements in Gen.CollectToList(definitions.Select(_ =>
            Gen.ListOf(Gen.Zip(Gen.Elements(Scopes.AsEnumerable()), Gen.Elements(Customer, Provider))).Select(static l => l.Take(3).ToList()).Where(static l => l.Count > 0)))
        select definitions.Zip(placements).SelectMany(static (x, i) => x.Second.DistinctBy(static p => p.Item1).Select((p, j) => new Delegation
        {
            CustomerTenantId = p.Item2,
            Definition = x.First,
            Scope = p.Item1,
            AssignmentId = new Guid($"a5000000-0000-4000-8000-{i * 10 + j:D12}"),
        })).ToImmutableArray());
}
