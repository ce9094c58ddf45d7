using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;
using static ManagedServices.Tests.Access.AccessEvaluatorScenarioTests;

namespace ManagedServices.Tests.Access;

/// <summary>
/// Lighthouse's rule on delegations themselves (rule book 2.3, the seed, the shared workload's README): only the
/// Managed Services Registration Assignment Delete Role deletes registration assignments; nothing writes them, nor
/// writes or deletes registration definitions.
/// </summary>
public class LighthouseOperationsTests
{
    private const string Assignment = Sub + "/providers/Microsoft.ManagedServices/registrationAssignments/af8a44d1-0b3c-40b0-af3d-662477a95e39";
    private const string Definition = Sub + "/providers/Microsoft.ManagedServices/registrationDefinitions/52cd7214-5d46-447f-bec6-e29ee28cad85";

    public static TheoryData<string> Operations =>
    [
        "Microsoft.ManagedServices/registrationAssignments/write",
        "Microsoft.ManagedServices/registrationAssignments/delete",
        "Microsoft.ManagedServices/registrationDefinitions/write",
        "Microsoft.ManagedServices/registrationDefinitions/delete",
        "MICROSOFT.MANAGEDSERVICES/registrationassignments/DELETE",
    ];

    private static Authorization Grant(PrincipalId principal, RoleDefinitionId role) =>
        new() { Principal = Principal.User(principal), RoleDefinitionId = role };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Check_ContributorOnADelegationOperation_IsDeniedWithItsOwnReason(string action)
    {
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([Delegate(Sub, Grant(Ops, BuiltInRoleIds.Contributor))]));
        foreach (var scope in new[] { Sub, Assignment, Definition })
        {
            var decision = evaluator.Check(new AccessRequest(Ops, action, scope));
            Assert.Equal(AccessReason.ManagedServicesOperationNotDelegable, decision.Reason);
            Assert.Equal(BuiltInRoleIds.Contributor, decision.Grant!.RoleDefinitionId);
        }

        // Contributor keeps everything else it had, including reading delegations.
        Assert.True(evaluator.Check(new AccessRequest(Ops, "Microsoft.ManagedServices/registrationAssignments/read", Assignment)).IsAllowed);
        Assert.True(evaluator.Check(new AccessRequest(Ops, "Microsoft.ManagedServices/registrationDefinitions/read", Definition)).IsAllowed);
        Assert.True(evaluator.Check(new AccessRequest(Ops, "Microsoft.ManagedServices/registrationAssignments/writeX", Assignment)).IsAllowed);
        Assert.True(evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/delete", Sub)).IsAllowed);
    }

    [Fact]
    public void Check_DeleteRoleAlongsideContributor_DeletesTheAssignmentButNothingElse()
    {
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create(
            [Delegate(Sub, Grant(Ops, BuiltInRoleIds.Contributor), Grant(Ops, BuiltInRoleIds.RegistrationAssignmentDelete))]));
        var delete = evaluator.Check(new AccessRequest(Ops, "Microsoft.ManagedServices/registrationAssignments/delete", Assignment));
        Assert.True(delete.IsAllowed);
        Assert.Equal(BuiltInRoleIds.RegistrationAssignmentDelete, delete.Grant!.RoleDefinitionId);
        Assert.Equal(AccessReason.ManagedServicesOperationNotDelegable,
            evaluator.Check(new AccessRequest(Ops, "Microsoft.ManagedServices/registrationAssignments/write", Assignment)).Reason);
        Assert.Equal(AccessReason.ManagedServicesOperationNotDelegable,
            evaluator.Check(new AccessRequest(Ops, "Microsoft.ManagedServices/registrationDefinitions/delete", Definition)).Reason);
    }

    [Fact]
    public void Check_ReaderOnADelegationOperation_IsActionNotInRole()
    {
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([Delegate(Sub, Grant(Ops, BuiltInRoleIds.Reader))]));
        Assert.Equal(AccessReason.ActionNotInRole,
            evaluator.Check(new AccessRequest(Ops, "Microsoft.ManagedServices/registrationAssignments/delete", Assignment)).Reason);
    }

    [Fact]
    public void Check_WithoutCache_AppliesTheSameRule()
    {
        var evaluator = AccessEvaluator.Create(
            DelegationSnapshot.Create([Delegate(Sub, Grant(Ops, BuiltInRoleIds.Contributor))]),
            new AccessEvaluatorOptions { ActionCacheCapacity = 0 });
        Assert.Equal(AccessReason.ManagedServicesOperationNotDelegable,
            evaluator.Check(new AccessRequest(Ops, "Microsoft.ManagedServices/registrationAssignments/delete", Assignment)).Reason);
    }

    [Fact]
    public void Explain_ContributorDeletingTheAssignment_NamesTheRuleAndTheDeleteRole()
    {
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([Delegate(Sub, Grant(Ops, BuiltInRoleIds.Contributor))]));
        var explanation = evaluator.Explain(new AccessRequest(Ops, "Microsoft.ManagedServices/registrationAssignments/delete", Assignment));
        var candidate = Assert.Single(explanation.Candidates);
        Assert.Equal(AccessReason.ManagedServicesOperationNotDelegable, candidate.Outcome);
        Assert.Equal(explanation.Decision.Reason, candidate.Outcome);
        Assert.Contains("Delete Role", candidate.Detail, StringComparison.Ordinal);
        Assert.Contains(BuiltInRoleIds.RegistrationAssignmentDelete.ToString(), candidate.Detail, StringComparison.Ordinal);

        var write = Assert.Single(evaluator.Explain(new AccessRequest(Ops, "Microsoft.ManagedServices/registrationDefinitions/write", Definition)).Candidates);
        Assert.Equal(AccessReason.ManagedServicesOperationNotDelegable, write.Outcome);
        Assert.Contains("never", write.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void WhoCan_RegistrationOperations_ListsOnlyTheDeleteRoleForDelete()
    {
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create(
            [Delegate(Sub, Grant(Ops, BuiltInRoleIds.Contributor), Grant(Member, BuiltInRoleIds.RegistrationAssignmentDelete))]));
        var holder = Assert.Single(evaluator.WhoCan("Microsoft.ManagedServices/registrationAssignments/delete", Assignment));
        Assert.Equal(Member, holder.PrincipalId);
        Assert.Empty(evaluator.WhoCan("Microsoft.ManagedServices/registrationAssignments/write", Assignment));
        Assert.Empty(evaluator.WhoCan("Microsoft.ManagedServices/registrationDefinitions/write", Definition));
        Assert.Empty(evaluator.WhoCan("Microsoft.ManagedServices/registrationDefinitions/delete", Definition));

        var what = evaluator.WhatCan(Ops, Assignment, ["Microsoft.ManagedServices/registrationAssignments/delete"]);
        Assert.Equal(AccessReason.ManagedServicesOperationNotDelegable, Assert.Single(what.Actions).Decision.Reason);
    }

    private static readonly string[] Four =
    [
        "Microsoft.ManagedServices/registrationAssignments/write", "Microsoft.ManagedServices/registrationAssignments/delete",
        "Microsoft.ManagedServices/registrationDefinitions/write", "Microsoft.ManagedServices/registrationDefinitions/delete",
    ];

    /// <summary>The built-in roles whose permissions, without Lighthouse's rule, would include one of the four operations (Contributor among them).</summary>
    private static readonly RoleDefinitionId[] ReachingRoles =
        [.. RoleCatalog.BuiltIn.Roles.Where(r => Four.Any(r.PermitsAction)).Select(r => r.Id)];

    private static bool IsAssignmentDelete(string action) =>
        string.Equals(action, "Microsoft.ManagedServices/registrationAssignments/delete", StringComparison.OrdinalIgnoreCase);

    private static Gen<string> AnyCase(string s) =>
        Gen.ArrayOf(Gen.Elements(true, false), s.Length).Select(upper => new string([.. s.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))]));

    /// <summary>
    /// Every built-in role (delegable or not, permanent or eligible with an asserted activation, alone or beside the
    /// Delete Role for another principal), in any letter case and at any scope: none but the Delete Role reaches the
    /// four operations, and the Delete Role reaches only registrationAssignments/delete.
    /// </summary>
    [Property(MaxTest = 400)]
    public Property Check_EveryBuiltInRoleButTheDeleteRole_NeverReachesTheFourOperations() =>
        Prop.ForAll(
            Arb.From(
                from role in Gen.Frequency((1, Gen.Elements(RoleCatalog.BuiltIn.Roles.Select(r => r.Id).ToArray())), (2, Gen.Elements(ReachingRoles)))
                from op in Gen.Elements(Four).SelectMany(AnyCase)
                from scope in Gen.Elements(Sub, Sub + "/resourceGroups/rg1", Assignment, Definition)
                from eligible in Gen.Elements(false, true)
                select (role, op, scope, eligible)),
            t =>
            {
                var authorization = new Authorization { Principal = Principal.User(Ops), RoleDefinitionId = t.role, DelegatedRoleDefinitionIds = [BuiltInRoleIds.Contributor] };
                var delegation = t.eligible
                    ? Delegate(Sub, [Grant(Member, BuiltInRoleIds.RegistrationAssignmentDelete)], [new EligibleAuthorization { Principal = Principal.User(Ops), RoleDefinitionId = t.role }])
                    : Delegate(Sub, authorization, Grant(Member, BuiltInRoleIds.RegistrationAssignmentDelete));
                var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([delegation]));
                var request = new AccessRequest(Ops, t.op, t.scope)
                {
                    ActivatedRoleDefinitionIds = [t.role],
                    TargetRoleDefinitionId = BuiltInRoleIds.Contributor,
                    TargetIsManagedIdentity = true,
                };
                var decision = evaluator.Check(request);
                var mayAllow = t.role == BuiltInRoleIds.RegistrationAssignmentDelete && IsAssignmentDelete(t.op);
                var holders = evaluator.WhoCan(t.op, t.scope);
                return (decision.IsAllowed == mayAllow)
                    .And(holders.All(h => h.Grant.RoleDefinitionId == BuiltInRoleIds.RegistrationAssignmentDelete && IsAssignmentDelete(t.op)))
                    .And(evaluator.Explain(request).Decision == decision)
                    .Label($"{t}: {decision}");
            });

    /// <summary>In generated worlds (custom catalogs, groups, eligible grants, deny assignments), an Allow of one of the four operations is always the Delete Role deleting an assignment.</summary>
    [Property(Arbitrary = [typeof(AccessEvaluatorPropertyTests.Generators)], MaxTest = 300)]
    public bool Check_GeneratedWorlds_OnlyTheDeleteRoleReachesTheFourOperations(AccessWorld world, AccessRequest request, int pick)
    {
        var op = Four[Math.Abs(pick % Four.Length)];
        var r = new AccessRequest(request.PrincipalId, op, request.Scope)
        {
            PrincipalTenantId = request.PrincipalTenantId,
            GroupIds = request.GroupIds,
            ActivatedRoleDefinitionIds = request.ActivatedRoleDefinitionIds,
            TargetRoleDefinitionId = request.TargetRoleDefinitionId,
            TargetPrincipalKind = request.TargetPrincipalKind,
            TargetIsManagedIdentity = request.TargetIsManagedIdentity,
        };
        var decision = AccessEvaluator.Create(world.Snapshot, world.Options()).Check(r);
        return !decision.IsAllowed || (IsAssignmentDelete(op) && decision.Grant!.RoleDefinitionId == BuiltInRoleIds.RegistrationAssignmentDelete);
    }
}
