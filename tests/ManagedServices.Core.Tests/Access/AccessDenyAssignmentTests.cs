using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;

namespace ManagedServices.Tests.Access;

/// <summary>Deny assignments: precedence over grants, scope and principal matching, fail-closed data, Explain and reverse queries.</summary>
public class AccessDenyAssignmentTests
{
    private const int Runs = 300;
    private const string Sub = AccessEvaluatorScenarioTests.Sub;
    private const string Vm = Sub + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1";
    private const string Restart = "Microsoft.Compute/virtualMachines/restart/action";
    private static readonly PrincipalId Ops = AccessEvaluatorScenarioTests.Ops;
    private static readonly PrincipalId Alice = AccessEvaluatorScenarioTests.Member;
    private static readonly PrincipalId Bob = PrincipalId.Parse("2c8f434d-5bf7-4726-b0dc-7e67570cb099");
    private static readonly PrincipalId Auditors = PrincipalId.Parse("3d90545e-6c08-4837-81ed-8f78681dc1aa");
    private static readonly Guid DenyId = Guid.Parse("da000000-0000-4000-8000-0000000000aa");

    private static DenyAssignment Deny(string scope, params string[] actions) => new()
    {
        Id = DenyId,
        Name = "managed app lock",
        Scope = ResourceScope.Parse(scope),
        Actions = [.. actions],
        Principals = [DenyAssignment.AllPrincipals],
    };

    private static AccessEvaluator Evaluator(params DenyAssignment[] denies) => AccessEvaluator.Create(
        DelegationSnapshot.Create([AccessEvaluatorScenarioTests.Delegate(Sub, new Authorization { Principal = Principal.Group(Ops, "Ops"), RoleDefinitionId = BuiltInRoleIds.Contributor })]),
        new AccessEvaluatorOptions
        {
            Groups = InMemoryGroupMembership.Create(
            [
                KeyValuePair.Create(Alice, (IEnumerable<PrincipalId>)[Ops]),
                KeyValuePair.Create(Bob, (IEnumerable<PrincipalId>)[Ops, Auditors]),
            ]),
            DenyAssignments = [.. denies],
        });

    private static AccessReason Decide(AccessEvaluator evaluator, PrincipalId principal, string action, string scope) =>
        evaluator.Check(new AccessRequest(principal, action, scope)).Reason;

    [Fact]
    public void Check_EveryoneDenyOnResourceGroup_DeniesBelowItAndNowhereElse()
    {
        var evaluator = Evaluator(Deny(Sub + "/resourceGroups/rg1", "*"));
        var decision = evaluator.Check(new AccessRequest(Alice, Restart, Vm));
        Assert.Equal(AccessReason.DeniedByDenyAssignment, decision.Reason);
        Assert.False(decision.IsAllowed);
        Assert.Equal(BuiltInRoleIds.Contributor, decision.Grant!.RoleDefinitionId); // the grant that would have allowed it
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(evaluator, Alice, Restart, Sub + "/resourceGroups/rg1"));
        // Whole segments: rg1 does not cover rg10, nor the subscription.
        Assert.Equal(AccessReason.Allowed, Decide(evaluator, Alice, Restart, Sub + "/resourceGroups/rg10"));
        Assert.Equal(AccessReason.Allowed, Decide(evaluator, Alice, Restart, Sub + "/resourceGroups/rg10/providers/Microsoft.Compute/virtualMachines/vm1"));
        Assert.Equal(AccessReason.Allowed, Decide(evaluator, Alice, Restart, Sub));
        // Denials for other reasons keep their reason.
        Assert.Equal(AccessReason.ExcludedByNotActions, Decide(evaluator, Alice, "Microsoft.Authorization/roleAssignments/write", Vm));
        Assert.Equal(AccessReason.PrincipalNotAuthorized, Decide(evaluator, Auditors, Restart, Vm));
    }

    [Fact]
    public void Check_WrongCaseScopeAndActions_StillDenied()
    {
        var evaluator = Evaluator(Deny(Sub + "/resourcegroups/RG1", "microsoft.compute/VIRTUALMACHINES/*"));
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(evaluator, Alice, "MICROSOFT.COMPUTE/virtualMachines/Restart/Action", Vm.ToUpperInvariant()));
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(evaluator, Alice, Restart, Vm.Replace("resourceGroups/rg1", "RESOURCEGROUPS/Rg1", StringComparison.Ordinal)));
        Assert.Equal(AccessReason.Allowed, Decide(evaluator, Alice, "Microsoft.Network/virtualNetworks/write", Vm));
    }

    [Fact]
    public void Check_NotActions_SubtractFromTheDeniedActions()
    {
        var deny = Deny(Sub, "*") with { NotActions = ["*/read", "Microsoft.Compute/virtualMachines/restart/action"] };
        var evaluator = Evaluator(deny);
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(evaluator, Alice, "Microsoft.Compute/virtualMachines/delete", Vm));
        Assert.Equal(AccessReason.Allowed, Decide(evaluator, Alice, "Microsoft.Compute/virtualMachines/read", Vm));
        Assert.Equal(AccessReason.Allowed, Decide(evaluator, Alice, Restart, Vm));
    }

    [Fact]
    public void Check_DoNotApplyToChildScopes_DeniesAtExactlyTheScope()
    {
        var evaluator = Evaluator(Deny(Sub + "/resourceGroups/rg1", "*") with { DoNotApplyToChildScopes = true });
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(evaluator, Alice, Restart, Sub + "/resourceGroups/rg1"));
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(evaluator, Alice, Restart, Sub + "/RESOURCEGROUPS/RG1"));
        Assert.Equal(AccessReason.Allowed, Decide(evaluator, Alice, Restart, Vm));
        Assert.Equal(AccessReason.Allowed, Decide(evaluator, Alice, Restart, Sub));
        Assert.Equal(AccessReason.Allowed, Decide(evaluator, Alice, Restart, Sub + "/resourceGroups/rg10"));
    }

    [Fact]
    public void Check_PrincipalsAndExclusions_ResolveGroupsAsGrantsDo()
    {
        // Named directly, through a configured group, through a token group; excluded directly or through a group.
        var byUser = Evaluator(Deny(Sub, "*") with { Principals = [Alice] });
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(byUser, Alice, Restart, Vm));
        Assert.Equal(AccessReason.Allowed, Decide(byUser, Bob, Restart, Vm));

        var byGroup = Evaluator(Deny(Sub, "*") with { Principals = [Auditors] });
        Assert.Equal(AccessReason.Allowed, Decide(byGroup, Alice, Restart, Vm));
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(byGroup, Bob, Restart, Vm));
        Assert.Equal(AccessReason.DeniedByDenyAssignment, byGroup.Check(new AccessRequest(Alice, Restart, Vm) { GroupIds = [Auditors] }).Reason);

        var excludeGroup = Evaluator(Deny(Sub, "*") with { ExcludePrincipals = [Auditors] });
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(excludeGroup, Alice, Restart, Vm));
        Assert.Equal(AccessReason.Allowed, Decide(excludeGroup, Bob, Restart, Vm));
        Assert.Equal(AccessReason.Allowed, excludeGroup.Check(new AccessRequest(Alice, Restart, Vm) { GroupIds = [Auditors] }).Reason);
        Assert.Equal(AccessReason.Allowed, excludeGroup.Check(new AccessRequest(Alice.ToString().ToUpperInvariant(), Restart, Vm) { GroupIds = [Auditors] }).Reason);

        var excludeUser = Evaluator(Deny(Sub, "*") with { Principals = [Ops], ExcludePrincipals = [Bob] });
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(excludeUser, Alice, Restart, Vm));
        Assert.Equal(AccessReason.Allowed, Decide(excludeUser, Bob, Restart, Vm));
    }

    [Fact]
    public void Check_TenantRootAndManagementGroupDeny_CoverEverySubscription()
    {
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(Evaluator(Deny("/", "*")), Alice, Restart, Vm));
        // The evaluator cannot know which subscriptions a management group holds: it fails closed.
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(Evaluator(Deny("/providers/Microsoft.Management/managementGroups/mg1", "*")), Alice, Restart, Vm));
        Assert.Equal(AccessReason.Allowed, Decide(Evaluator(Deny("/", "*") with { DoNotApplyToChildScopes = true }), Alice, Restart, Vm));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Microsoft.Compute/virtual Machines/*")]
    [InlineData("Microsoft.Compute/\u00e9/*")]
    [InlineData(null)]
    public void Check_UnreadableActionPattern_FailsClosedAndIsExplained(string? pattern)
    {
        var evaluator = Evaluator(Deny(Sub, "Microsoft.Storage/*", pattern!));
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(evaluator, Alice, Restart, Vm));
        var deny = Assert.Single(evaluator.Explain(new AccessRequest(Alice, Restart, Vm)).DenyAssignments);
        Assert.True(deny.Applies);
        Assert.Contains("cannot be understood", deny.Detail, StringComparison.Ordinal);

        // In NotActions, an unreadable pattern is dropped: the assignment denies more, never less.
        var notActions = Evaluator(Deny(Sub, "Microsoft.Compute/*") with { NotActions = [pattern!, "Microsoft.Compute/*/read"] });
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(notActions, Alice, Restart, Vm));
        Assert.Equal(AccessReason.Allowed, Decide(notActions, Alice, "Microsoft.Compute/virtualMachines/read", Vm));
    }

    [Fact]
    public void Check_UnsetScopeOrNoPrincipals_FailsClosed()
    {
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(Evaluator(new DenyAssignment { Id = DenyId, Scope = default, Actions = ["*"], Principals = [Bob] }), Bob, Restart, Vm));
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(Evaluator(Deny(Sub, "*") with { Principals = [] }), Alice, Restart, Vm));
        // Excluding "everyone" is ignored rather than disabling the assignment.
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(Evaluator(Deny(Sub, "*") with { ExcludePrincipals = [DenyAssignment.AllPrincipals] }), Alice, Restart, Vm));
    }

    [Fact]
    public void Check_DataActionsDenyOnly_LeavesManagementActionsAlone()
    {
        var evaluator = Evaluator(Deny(Sub) with { DataActions = ["*"] });
        Assert.Equal(AccessReason.Allowed, Decide(evaluator, Alice, Restart, Vm));
        Assert.Equal(AccessReason.DataActionNotDelegated, evaluator.Check(new AccessRequest(Alice, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", Vm) { IsDataAction = true }).Reason);
        var explained = Assert.Single(evaluator.Explain(new AccessRequest(Alice, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", Vm) { IsDataAction = true }).DenyAssignments);
        Assert.True(explained.Applies);
    }

    [Fact]
    public void Options_NullDenyAssignment_Throws() =>
        Assert.Throws<ArgumentException>(() => new AccessEvaluatorOptions { DenyAssignments = [null!] });

    [Fact]
    public void DenyAssignment_Equality_IsElementWise()
    {
        var a = Deny(Sub, "*") with { ExcludePrincipals = [Bob] };
        var b = Deny(Sub, "*") with { ExcludePrincipals = [Bob] };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { NotActions = ["*/read"] });
        Assert.Contains("ExcludePrincipals = [ " + Bob + " ]", a.ToString(), StringComparison.Ordinal);
        Assert.True(new DenyAssignment { Id = DenyId, Scope = default, Principals = default }.Principals.IsEmpty);
    }

    [Fact]
    public void Explain_NamesTheDenyAssignmentAndWhy()
    {
        var evaluator = Evaluator(Deny(Sub + "/resourceGroups/rg1", "*") with { ExcludePrincipals = [Auditors] }, Deny(Sub + "/resourceGroups/rg10", "*"));
        var explanation = evaluator.Explain(new AccessRequest(Alice, Restart, Vm));
        Assert.Equal(AccessReason.DeniedByDenyAssignment, explanation.Decision.Reason);
        var deny = Assert.Single(explanation.DenyAssignments); // rg10 does not cover the request
        Assert.True(deny.Applies);
        Assert.Null(deny.ViaPrincipalId);
        Assert.Contains("to everyone", deny.Detail, StringComparison.Ordinal);
        Assert.Contains(DenyId.ToString(), explanation.ToString(), StringComparison.Ordinal);
        Assert.Contains(explanation.Candidates, c => c.Outcome == AccessReason.Allowed);

        var bob = Assert.Single(evaluator.Explain(new AccessRequest(Bob, Restart, Vm)).DenyAssignments);
        Assert.False(bob.Applies);
        Assert.Equal(Auditors, bob.ViaPrincipalId);
        Assert.Contains("excludes the principal's group", bob.Detail, StringComparison.Ordinal);
        Assert.Contains("do not include", Assert.Single(Evaluator(Deny(Sub, "Microsoft.Storage/*")).Explain(new AccessRequest(Alice, Restart, Vm)).DenyAssignments).Detail, StringComparison.Ordinal);
        Assert.Contains("names neither", Assert.Single(Evaluator(Deny(Sub, "*") with { Principals = [Auditors] }).Explain(new AccessRequest(Alice, Restart, Vm)).DenyAssignments).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void WhoCan_LeavesOutDeniedHolders()
    {
        Assert.Equal(3, Evaluator().WhoCan(Restart, Vm).Length); // Ops, and its members Alice and Bob
        Assert.Empty(Evaluator(Deny(Sub, "*")).WhoCan(Restart, Vm));
        Assert.Equal(3, Evaluator(Deny(Sub + "/resourceGroups/rg1", "*")).WhoCan(Restart, Sub + "/resourceGroups/rg10").Length);
        var exceptAuditors = Evaluator(Deny(Sub, "*") with { ExcludePrincipals = [Auditors] }).WhoCan(Restart, Vm);
        Assert.Equal([Bob], exceptAuditors.Select(h => h.PrincipalId));
        var onlyAlice = Evaluator(Deny(Sub, "*") with { Principals = [Alice] }).WhoCan(Restart, Vm);
        Assert.Equal([Ops, Bob], onlyAlice.Select(h => h.PrincipalId));
    }

    [Fact]
    public void WhatCanAndReport_DenyOfEverything_RemovesGrants_PartialDeny_IsNoted()
    {
        var all = Evaluator(Deny(Sub, "*") with { ExcludePrincipals = [Bob] });
        Assert.Empty(all.WhatCan(Alice, Vm).Grants);
        Assert.Single(all.WhatCan(Bob, Vm).Grants);
        Assert.Equal([Bob], all.GetCustomerAccessReport(AccessArbitraries.CustomerA).Select(h => h.PrincipalId));

        var partial = Evaluator(Deny(Sub + "/resourceGroups/rg1", "Microsoft.Compute/*/delete"));
        Assert.Single(partial.WhatCan(Alice, Vm).Grants);
        var report = partial.GetCustomerAccessReport(AccessArbitraries.CustomerA);
        Assert.Equal(3, report.Length);
        Assert.All(report, h => Assert.Contains("restricted by deny assignment managed app lock " + DenyId, h.Condition, StringComparison.Ordinal));

        // Everything denied, but only at the delegated scope itself: access below it remains.
        var exact = Evaluator(Deny(Sub, "*") with { DoNotApplyToChildScopes = true });
        Assert.Equal(3, exact.GetCustomerAccessReport(AccessArbitraries.CustomerA).Length);
        Assert.Empty(exact.WhatCan(Alice, Sub).Grants);
        Assert.Single(exact.WhatCan(Alice, Vm).Grants);
    }

    [Property(Arbitrary = [typeof(DenyGenerators)], MaxTest = 400)]
    public bool Check_WorldsWithDenyAssignments_AgreeWithReference(AccessWorld world, AccessRequest[] requests)
    {
        AccessEvaluatorPropertyTests.AgreeWithReference(world, requests, (evaluator, r, decision) =>
        {
            var explanation = evaluator.Explain(r);
            if (explanation.Decision != decision ||
                (decision.Reason == AccessReason.DeniedByDenyAssignment) != (explanation.Candidates.Any(c => c.Outcome == AccessReason.Allowed) && explanation.DenyAssignments.Any(d => d.Applies)))
            {
                throw new InvalidOperationException($"{r}: explanation disagrees with {decision}\n{explanation}\n{world}");
            }
        });
        return true;
    }

    [Property(Arbitrary = [typeof(DenyGenerators)], MaxTest = Runs)]
    public bool Check_AddingADenyAssignment_NeverTurnsDenyIntoAllow(AccessWorld world, AccessRequest request, DenyAssignment added)
    {
        var before = AccessEvaluator.Create(world.Snapshot, world.Options()).Check(request);
        var grown = world with { Denies = world.Denies.IsDefault ? [added] : world.Denies.Add(added) };
        var after = AccessEvaluator.Create(grown.Snapshot, grown.Options()).Check(request);
        return before.IsAllowed
            ? after.IsAllowed || after.Reason == AccessReason.DeniedByDenyAssignment
            : after == before;
    }

    [Property(Arbitrary = [typeof(DenyGenerators)], MaxTest = Runs)]
    public bool Check_EveryoneDenyCoveringScopeAndAction_DeniesEveryRequest(AccessWorld world, AccessRequest request, bool atRoot)
    {
        if (!ResourceScope.TryParse(request.Scope, out var scope))
        {
            return true;
        }

        var deny = new DenyAssignment { Id = DenyId, Scope = atRoot ? ResourceScope.TenantRoot : scope, Actions = ["*"], Principals = [DenyAssignment.AllPrincipals] };
        var denied = world with { Denies = world.Denies.IsDefault ? [deny] : world.Denies.Add(deny) };
        var evaluator = AccessEvaluator.Create(denied.Snapshot, denied.Options());
        return !evaluator.Check(request).IsAllowed && (request.Action is null || evaluator.WhoCan(request.Action, request.Scope).IsEmpty);
    }

    [Property(Arbitrary = [typeof(DenyGenerators)], MaxTest = Runs)]
    public bool WhoCan_NeverListsAPermanentHolderThatCheckDenies(AccessWorld world, AccessRequest generated)
    {
        var evaluator = AccessEvaluator.Create(world.Snapshot, world.Options());
        var principal = generated.PrincipalId;
        var request = new AccessRequest(principal, generated.Action, generated.Scope);
        var decision = evaluator.Check(request);
        var listed = evaluator.WhoCan(request.Action, request.Scope).Where(h => h.PrincipalId == principal && h.Condition is null && !h.IsEligible);
        return decision.Reason != AccessReason.DeniedByDenyAssignment || !listed.Any();
    }

    [Property(Arbitrary = [typeof(DenyGenerators)], MaxTest = 200)]
    public bool WhatCan_AllowedActionsHaveTheirGrantListed(AccessWorld world, AccessRequest generated)
    {
        var evaluator = AccessEvaluator.Create(world.Snapshot, world.Options());
        var access = evaluator.WhatCan(generated.PrincipalId, generated.Scope, AccessArbitraries.Actions);
        return access.Actions.Where(a => a.Decision.IsAllowed).All(a => access.Grants.Contains(a.Decision.Grant!));
    }

    public static class DenyGenerators
    {
        public static Arbitrary<AccessWorld> World() => Arb.From(AccessArbitraries.WorldWithDenies());

        public static Arbitrary<AccessRequest> Request() => AccessArbitraries.RequestArbitrary();

        public static Arbitrary<DenyAssignment> Deny() => Arb.From(AccessArbitraries.Deny());
    }
}
