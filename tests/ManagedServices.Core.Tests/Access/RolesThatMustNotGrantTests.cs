using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;
using static ManagedServices.Tests.Access.AccessEvaluatorScenarioTests;

namespace ManagedServices.Tests.Access;

/// <summary>
/// Roles that must not grant (issue 11 section 3): ABAC-conditioned permission blocks, custom roles, and delegated
/// roles of User Access Administrator that are not themselves delegable.
/// </summary>
public class RolesThatMustNotGrantTests
{
    private static readonly RoleDefinitionId OracleDbSystemsAdministrator = RoleDefinitionId.Parse("63342533-d951-495d-a3c3-a459aa02362b");
    private static readonly RoleDefinitionId RbacAdministrator = RoleDefinitionId.Parse("f58310d9-a9f6-439a-9e8d-f62e7b41a168");
    private static readonly RoleDefinitionId KeyVaultAdministrator = RoleDefinitionId.Parse("00482a5a-887f-4fb3-b363-3b7fe8e74483");
    private static readonly PrincipalId Identity = PrincipalId.Parse("2e6f0c1a-4b7d-4c8e-9f10-a1b2c3d4e5f6");

    private static Authorization Grant(PrincipalId principal, RoleDefinitionId role, params RoleDefinitionId[] delegated) =>
        new() { Principal = Principal.User(principal), RoleDefinitionId = role, DelegatedRoleDefinitionIds = [.. delegated] };

    private static AccessEvaluator Evaluator(AccessEvaluatorOptions? options, params Authorization[] authorizations) =>
        AccessEvaluator.Create(DelegationSnapshot.Create([Delegate(Sub, authorizations)]), options);

    [Fact]
    public void Check_BuiltInRoleWithACondition_GrantsNothingOfTheConditionedBlock()
    {
        // Rule book 6.1 steps 7-9: conditions are evaluated after the role check; offline they cannot be.
        Assert.Contains(RoleCatalog.BuiltIn.Roles.Single(r => r.Id == OracleDbSystemsAdministrator).Permissions, p => p.Condition is not null);
        foreach (var cached in new[] { 16384, 0 })
        {
            var evaluator = Evaluator(new AccessEvaluatorOptions { ActionCacheCapacity = cached }, Grant(Ops, OracleDbSystemsAdministrator));
            var request = new AccessRequest(Ops, "Oracle.Database/dbSystems/databases/read", Sub + "/resourceGroups/rg1");
            for (var round = 0; round < 2; round++)
            {
                var decision = evaluator.Check(request);
                Assert.Equal(AccessReason.ConditionNotEvaluated, decision.Reason);
                Assert.Equal(OracleDbSystemsAdministrator, decision.Grant!.RoleDefinitionId);
            }

            Assert.Equal(AccessReason.ActionNotInRole, evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", Sub)).Reason);
            Assert.Empty(evaluator.WhoCan(request.Action, request.Scope));

            var candidate = Assert.Single(evaluator.Explain(request).Candidates);
            Assert.Equal(AccessReason.ConditionNotEvaluated, candidate.Outcome);
            Assert.Equal("Oracle.Database/dbSystems/*/read", candidate.MatchedAction);
            Assert.Contains("@Resource[HasObotoken] boolequals true", candidate.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_ConditionedBlockBesideAPlainOne_ThePlainOneStillGrants()
    {
        var role = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000d1");
        var catalog = RoleCatalog.Create(
        [
            new RoleDefinition
            {
                Id = role,
                Name = "Mixed",
                Permissions =
                [
                    new RolePermissionBlock { Actions = ["Microsoft.Compute/*"], Condition = "@Request[x] StringEquals 'y'", ConditionVersion = "2.0" },
                    new RolePermissionBlock { Actions = ["*/read"], NotActions = ["Microsoft.Compute/disks/read"] },
                ],
            },
        ]);
        var evaluator = Evaluator(new AccessEvaluatorOptions { RoleCatalog = catalog }, Grant(Ops, role));
        Assert.True(evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", Sub)).IsAllowed);
        Assert.Equal(AccessReason.ConditionNotEvaluated, evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/write", Sub)).Reason);
        // Excluded by the plain block's NotActions, granted only by the conditioned block: the condition is what stands in the way.
        Assert.Equal(AccessReason.ConditionNotEvaluated, evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/disks/read", Sub)).Reason);
        Assert.Equal(AccessReason.ExcludedByNotActions, Evaluator(
            new AccessEvaluatorOptions { RoleCatalog = RoleCatalog.Create([catalog.Roles[0] with { Permissions = [catalog.Roles[0].Permissions[1]] }]) },
            Grant(Ops, role)).Check(new AccessRequest(Ops, "Microsoft.Compute/disks/read", Sub)).Reason);
    }

    [Fact]
    public void Check_CustomRole_NeverGrants()
    {
        var custom = new RoleDefinition
        {
            Id = RoleDefinitionId.Parse("5c1e0d9b-7a6f-4e3d-8c2b-1a0f9e8d7c06"),
            Name = "Contoso Operator",
            IsBuiltIn = false,
            Permissions = [new RolePermissionBlock { Actions = ["*/read", "Microsoft.Compute/*"] }],
        };
        var options = new AccessEvaluatorOptions { RoleCatalog = RoleCatalog.Create(RoleCatalog.BuiltIn.Roles.Append(custom)) };
        var evaluator = Evaluator(options, Grant(Ops, custom.Id), Grant(Member, BuiltInRoleIds.Reader));
        var decision = evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", Sub));
        Assert.Equal(AccessReason.CustomRoleNotDelegable, decision.Reason);
        Assert.Equal(custom.Id, decision.Grant!.RoleDefinitionId);
        Assert.True(evaluator.Check(new AccessRequest(Member, "Microsoft.Compute/virtualMachines/read", Sub)).IsAllowed);
        Assert.Equal([Member], evaluator.WhoCan("Microsoft.Compute/virtualMachines/read", Sub).Select(h => h.PrincipalId));
        Assert.Empty(evaluator.WhatCan(Ops, Sub).Grants);
        var candidate = evaluator.Explain(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", Sub)).Candidates.First(c => c.MatchesPrincipal);
        Assert.Equal(AccessReason.CustomRoleNotDelegable, candidate.Outcome);
        Assert.Contains("custom role", candidate.Detail, StringComparison.Ordinal);

        // A custom role that reuses a built-in role's ID is still custom.
        var impostor = Evaluator(new AccessEvaluatorOptions { RoleCatalog = RoleCatalog.Create([custom with { Id = BuiltInRoleIds.Contributor }]) }, Grant(Ops, BuiltInRoleIds.Contributor));
        Assert.Equal(AccessReason.CustomRoleNotDelegable, impostor.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", Sub)).Reason);
    }

    public static TheoryData<string, bool> DelegatedRoles => new()
    {
        { BuiltInRoleIds.Contributor.ToString(), true },
        { "749f88d5-cbae-40b8-bcfc-e573ddc772fa", true },      // Monitoring Contributor
        { RbacAdministrator.ToString(), false },               // restricted actions
        { KeyVaultAdministrator.ToString(), false },           // data actions
        { Guid.Empty.ToString(), false },                      // the empty GUID
        { "00000000-0000-4000-8000-0000000000ee", false },     // not in the catalog
        { BuiltInRoleIds.Owner.ToString(), false },
        { BuiltInRoleIds.UserAccessAdministrator.ToString(), false },
    };

    [Theory]
    [MemberData(nameof(DelegatedRoles))]
    public void Check_UserAccessAdministrator_AssignsOnlyDelegatedRolesTheValidatorAccepts(string target, bool allowed)
    {
        var role = RoleDefinitionId.Parse(target);
        var evaluator = Evaluator(null, Grant(Ops, BuiltInRoleIds.UserAccessAdministrator, role));
        var request = new AccessRequest(Ops, "Microsoft.Authorization/roleAssignments/write", Sub)
        {
            TargetRoleDefinitionId = role,
            TargetIsManagedIdentity = true,
            TargetPrincipalKind = PrincipalKind.ServicePrincipal,
        };
        var decision = evaluator.Check(request);
        Assert.Equal(allowed ? AccessReason.Allowed : AccessReason.UserAccessAdministratorRestricted, decision.Reason);

        // The validator's MSC1007 says the same about this delegated role.
        var manifest = new DelegationManifest
        {
            ManagingTenantId = TenantId.Parse("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40"),
            Authorizations = [Grant(Ops, BuiltInRoleIds.UserAccessAdministrator, role)],
        };
        var msc1007 = ManagedServices.Validation.OfferValidator.Default.Validate(manifest).Diagnostics.Any(d => d.Code == DiagnosticCodes.DelegatedRoleNotAllowed);
        Assert.Equal(!allowed, msc1007);
        Assert.Equal(allowed, evaluator.WhoCan(request.Action, request.Scope).Any(h => h.Condition is not null && h.Condition.Contains(target, StringComparison.OrdinalIgnoreCase)));
    }

    private static readonly string[] PatternPool =
        ["Microsoft.Compute/*", "*/read", "Microsoft.Compute/virtualMachines/*", "Microsoft.Network/*/write", "microsoft.compute/VIRTUALMACHINES/start/action", "Microsoft.Storage/*"];

    private static readonly string[] ActionPool =
        ["Microsoft.Compute/virtualMachines/read", "Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/disks/write",
         "Microsoft.Network/virtualNetworks/write", "Microsoft.Storage/storageAccounts/read", "Microsoft.Insights/alertRules/read"];

    private static Gen<RolePermissionBlock> BlockGen() =>
        from actions in Gen.SubListOf(PatternPool)
        from notActions in Gen.SubListOf(PatternPool.Append("*").ToArray())
        from conditioned in Gen.Elements(true, false, false)
        select new RolePermissionBlock
        {
            Actions = [.. actions],
            NotActions = [.. notActions.Take(1)],
            Condition = conditioned ? "@Resource[Microsoft.Compute/virtualMachines:tags:env] StringEquals 'prod'" : null,
            ConditionVersion = conditioned ? "2.0" : null,
        };

    /// <summary>
    /// A conditioned block never grants: whatever the blocks, their conditions and the cache, an action is allowed
    /// exactly when a block without a condition permits it, and denied as ConditionNotEvaluated when only conditioned
    /// blocks do.
    /// </summary>
    [Property(MaxTest = 400)]
    public Property Check_AConditionedBlock_NeverGrants() =>
        Prop.ForAll(
            Arb.From(
                from blocks in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(BlockGen(), n))
                from action in Gen.Elements(ActionPool)
                from eligible in Gen.Elements(true, false)
                from cache in Gen.Elements(0, 16384)
                select (blocks, action, eligible, cache)),
            t =>
            {
                var role = new RoleDefinition { Id = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000d2"), Name = "Generated", Permissions = [.. t.blocks] };
                var options = new AccessEvaluatorOptions { RoleCatalog = RoleCatalog.Create([role]), ActionCacheCapacity = t.cache };
                var delegation = t.eligible
                    ? Delegate(Sub, [Grant(Member, BuiltInRoleIds.Reader)], [new EligibleAuthorization { Principal = Principal.User(Ops), RoleDefinitionId = role.Id }])
                    : Delegate(Sub, Grant(Ops, role.Id));
                var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([delegation]), options);
                var request = new AccessRequest(Ops, t.action, Sub + "/resourceGroups/rg1") { ActivatedRoleDefinitionIds = [role.Id] };
                var plain = t.blocks.Any(b => b.Condition is null && b.PermitsAction(t.action));
                var conditioned = t.blocks.Any(b => b.Condition is not null && b.PermitsAction(t.action));
                var first = evaluator.Check(request);
                var second = evaluator.Check(request);
                return (first == second)
                    .And(first.IsAllowed == plain)
                    .And(plain || !conditioned || first.Reason == AccessReason.ConditionNotEvaluated)
                    .And(evaluator.WhoCan(t.action, request.Scope).Any() == plain)
                    .Label($"{string.Join(" | ", t.blocks.Select(b => b.ToString()))} {t.action}: {first}");
            });

    /// <summary>In generated worlds, an Allow never comes from a custom role, and a User Access Administrator Allow only assigns a delegable role.</summary>
    [Property(Arbitrary = [typeof(AccessEvaluatorPropertyTests.Generators)], MaxTest = 300)]
    public bool Check_GeneratedWorlds_NoCustomRoleGrantsAndUaaAssignsOnlyDelegableRoles(AccessWorld world, AccessRequest[] requests)
    {
        var options = world.Options();
        var evaluator = AccessEvaluator.Create(world.Snapshot, options);
        foreach (var request in requests)
        {
            var decision = evaluator.Check(request);
            if (!decision.IsAllowed)
            {
                continue;
            }

            var role = decision.Grant!.RoleDefinitionId;
            var builtIn = options.RoleCatalog.TryGet(role, out var definition) && definition.IsBuiltIn;
            var assigns = role == BuiltInRoleIds.UserAccessAdministrator &&
                request.Action.StartsWith("Microsoft.Authorization/roleAssignments/", StringComparison.OrdinalIgnoreCase) &&
                !request.Action.EndsWith("/read", StringComparison.OrdinalIgnoreCase);
            if (!builtIn || (assigns && options.RoleCatalog.GetDelegability(request.TargetRoleDefinitionId!.Value) is not { IsDelegable: true }))
            {
                throw new InvalidOperationException($"{request}: {decision}\n{world}");
            }
        }

        return true;
    }
}
