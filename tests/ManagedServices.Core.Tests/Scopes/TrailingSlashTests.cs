using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Tests.Access;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Scopes;

/// <summary>
/// One trailing '/' on a resource ID is accepted and ignored, as Azure.Core's <c>ResourceIdentifier</c> does ("trim
/// trailing '/' off the end if it exists", sdk/core/Azure.Core/src/ResourceIdentifier.cs); two, '//' inside, dot
/// segments and collection IDs (a type with no name) stay malformed. Holds for <see cref="ResourceScope"/> and the
/// evaluator's own scope scanner alike.
/// </summary>
public class TrailingSlashTests
{
    private const string Sub = "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b";

    [Theory]
    [InlineData(Sub)]
    [InlineData(Sub + "/resourceGroups/rg1")]
    [InlineData("/SUBSCRIPTIONS/ED40E6C1-4292-4DD6-88F1-89E0DA98D68B/resourcegroups/RG-App")]
    [InlineData(Sub + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1")]
    [InlineData(Sub + "/providers/Microsoft.Network/networkWatchers/nw/providers/Microsoft.Insights/diagnosticSettings/d")]
    [InlineData("/providers/Microsoft.Management/managementGroups/mg1")]
    public void TryParse_OneTrailingSlash_IsTheSameScope(string scope)
    {
        Assert.True(ResourceScope.TryParse(scope + "/", out var withSlash, out var error), error);
        var without = ResourceScope.Parse(scope);

        Assert.Equal(without, withSlash);
        Assert.Equal(without.Kind, withSlash.Kind);
        Assert.Equal(without.ToString(), withSlash.ToString());
        Assert.False(withSlash.ToString().EndsWith('/'));
        Assert.True(RequestText.TryScanScope(scope + "/", out var parts));
        Assert.Equal(without.Kind, parts.Kind);
        Assert.Equal(without.ResourceGroupName ?? "", parts.ResourceGroup.ToString());
    }

    [Theory]
    [InlineData("//")] // not the tenant root: only one '/' after a segment is trimmed
    [InlineData("///")]
    [InlineData(Sub + "//")]
    [InlineData(Sub + "///")]
    [InlineData(Sub + "/resourceGroups/rg1//")]
    [InlineData(Sub + "/resourceGroups/")] // collection IDs: a type with no name
    [InlineData(Sub + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/")]
    [InlineData(Sub + "/resourceGroups/rg1/providers/Microsoft.Compute/")]
    [InlineData(Sub + "/resourceGroups/rg1/providers/")]
    [InlineData("/subscriptions/")]
    [InlineData(Sub + "/resourceGroups/rg1/./")]
    [InlineData(Sub + "/resourceGroups/rg1/../")]
    [InlineData(Sub + "/resourceGroups/rg./")] // the name still ends in '.'
    [InlineData("/providers/Microsoft.Management/managementGroups/")]
    public void TryParse_OtherSlashShapes_StayMalformed(string scope)
    {
        Assert.False(ResourceScope.TryParse(scope, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.False(RequestText.TryScanScope(scope, out _));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Check_DenyAssignmentAtExactlyTheScope_AlsoDeniesTheScopeWithATrailingSlash(bool exact)
    {
        // A deny assignment compared with the raw request text would miss "{scope}/" and let the request through.
        var user = AccessArbitraries.Users[0];
        var deny = new DenyAssignment
        {
            Id = Guid.Parse("da000000-0000-4000-8000-000000000001"),
            Name = "lock",
            Scope = ResourceScope.Parse(Sub + "/resourceGroups/rg1"),
            DoNotApplyToChildScopes = exact,
            Actions = ["*"],
            Principals = [DenyAssignment.AllPrincipals],
        };
        var evaluator = AccessEvaluator.Create(Open.Snapshot, new AccessEvaluatorOptions { RoleCatalog = AccessArbitraries.Catalog, DenyAssignments = [deny] });

        foreach (var scope in new[] { Sub + "/resourceGroups/rg1", Sub + "/resourceGroups/rg1/", Sub + "/RESOURCEGROUPS/RG1/" })
        {
            var request = new AccessRequest(user, "Microsoft.Compute/virtualMachines/read", scope);
            Assert.Equal(AccessReason.DeniedByDenyAssignment, evaluator.Check(request).Reason);
            Assert.Equal(AccessReason.DeniedByDenyAssignment, evaluator.Explain(request).Decision.Reason);
        }

        Assert.Empty(evaluator.WhoCan("Microsoft.Compute/virtualMachines/read", Sub + "/resourceGroups/rg1/"));
    }

    [Property(MaxTest = 500)]
    public Property TryParse_ValidScopeWithOneTrailingSlash_ParsesToTheSameScope() =>
        Prop.ForAll(Arb.From(ScopeArbitraries.ScopeText()), static s =>
            ResourceScope.TryParse(s + "/", out var withSlash) && withSlash == ResourceScope.Parse(s) &&
            withSlash.ToString() == ResourceScope.Parse(s).ToString() &&
            RequestText.TryScanScope(s + "/", out var parts) && parts.Kind == withSlash.Kind &&
            !ResourceScope.TryParse(s + "//", out _) && !RequestText.TryScanScope(s + "//", out _));

    /// <summary>Issue 13's property: a scope and the same scope with one trailing '/' get the same decision.</summary>
    [Property(Arbitrary = [typeof(AccessDenyAssignmentTests.DenyGenerators)], MaxTest = 300)]
    public bool Check_ScopeAndScopeWithTrailingSlash_GetTheSameDecision(AccessWorld world, AccessRequest request)
    {
        if (request.Scope is null || request.Scope.Length <= 1 || request.Scope.EndsWith('/'))
        {
            return true; // "/" + "/" is "//", which is refused (see TryParse_OtherSlashShapes_StayMalformed)
        }

        var evaluator = AccessEvaluator.Create(world.Snapshot, world.Options());
        var slashed = WithScope(request, request.Scope + "/");
        var a = evaluator.Check(request);
        var b = evaluator.Check(slashed);
        return a == b &&
               evaluator.Explain(slashed).Decision.Reason == a.Reason;
    }

    /// <summary>The same for hostile scope text: adding one '/' never changes the decision (or only refuses).</summary>
    [Property(MaxTest = 1000)]
    public Property Check_HostileScopeWithTrailingSlash_GetsTheSameDecision() =>
        Prop.ForAll(HostileText.AnyArbitrary(), static scope =>
        {
            if (scope.Length <= 1 || scope.EndsWith('/'))
            {
                return true;
            }

            var request = new AccessRequest(AccessArbitraries.Users[0], "Microsoft.Compute/virtualMachines/read", scope);
            var slashed = new AccessRequest(AccessArbitraries.Users[0], "Microsoft.Compute/virtualMachines/read", scope + "/");
            return Open.Check(request).Reason == Open.Check(slashed).Reason &&
                   ResourceScope.TryParse(scope, out var s1) == ResourceScope.TryParse(scope + "/", out var s2) && s1 == s2;
        });

    private static readonly AccessEvaluator Open = AccessEvaluator.Create(
        DelegationSnapshot.Create([AccessEvaluatorScenarioTests.Delegate(Sub + "/resourceGroups/rg1",
            new Authorization { Principal = Principal.User(AccessArbitraries.Users[0]), RoleDefinitionId = AccessArbitraries.ContributorLike })]),
        new AccessEvaluatorOptions { RoleCatalog = AccessArbitraries.Catalog });

    private static AccessRequest WithScope(AccessRequest r, string scope)
    {
        var copy = r.PrincipalIdText is { } text ? new AccessRequest(text, r.Action, scope) : new AccessRequest(r.PrincipalId, r.Action, scope);
        return copy with
        {
            PrincipalTenantId = r.PrincipalTenantId,
            IsDataAction = r.IsDataAction,
            GroupIds = r.GroupIds,
            ActivatedRoleDefinitionIds = r.ActivatedRoleDefinitionIds,
            TargetRoleDefinitionId = r.TargetRoleDefinitionId,
            TargetPrincipalKind = r.TargetPrincipalKind,
            TargetIsManagedIdentity = r.TargetIsManagedIdentity,
        };
    }
}
