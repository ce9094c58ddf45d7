using ManagedServices.Access;
using ManagedServices.Analysis;
using ManagedServices.Offers;
using static ManagedServices.Tests.Access.AccessEvaluatorScenarioTests;

namespace ManagedServices.Tests.Analysis;

/// <summary>
/// <c>ProveNever</c> and <c>WhichRolesCan</c> (issue 16): the tricky globs, every Lighthouse rule, and each
/// counterexample checked against <c>AccessEvaluator.Check</c>.
/// </summary>
public class AccessAnalysisTests
{
    internal static readonly RoleDefinitionId Custom = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000e1");
    internal static readonly PrincipalId Identity = PrincipalId.Parse("2e6f0c1a-4b7d-4c8e-9f10-a1b2c3d4e5f6");

    internal static Authorization Grant(RoleDefinitionId role, params RoleDefinitionId[] delegated) =>
        new() { Principal = Principal.User(Ops), RoleDefinitionId = role, DelegatedRoleDefinitionIds = [.. delegated] };

    internal static AccessEvaluator Evaluator(Authorization[] permanent, EligibleAuthorization[]? eligible = null, RoleCatalog? catalog = null) =>
        AccessEvaluator.Create(
            DelegationSnapshot.Create([Delegate(Sub, permanent, eligible ?? [])]),
            catalog is null ? null : new AccessEvaluatorOptions { RoleCatalog = catalog });

    /// <summary>The request a counterexample stands for, with what it requires.</summary>
    internal static AccessRequest RequestFor(Counterexample c, AccessEvaluator evaluator) =>
        new(c.PrincipalId, c.Operation, c.Scope.ToString())
        {
            ActivatedRoleDefinitionIds = c.Requires == AccessRequirement.Activation ? [c.RoleDefinitionId] : default,
            TargetIsManagedIdentity = c.Requires == AccessRequirement.ManagedIdentityTarget,
            TargetPrincipalKind = c.Requires == AccessRequirement.ManagedIdentityTarget ? PrincipalKind.ServicePrincipal : null,
            TargetRoleDefinitionId = c.Requires == AccessRequirement.ManagedIdentityTarget
                ? evaluator.Snapshot.Delegations.SelectMany(d => d.Definition.Manifest.Authorizations)
                    .First(a => a.RoleDefinitionId == c.RoleDefinitionId && !a.DelegatedRoleDefinitionIds.IsDefaultOrEmpty).DelegatedRoleDefinitionIds[0]
                : null,
        };

    internal static void AssertAllAllowed(DiagnosticResult<Proof> result, AccessEvaluator evaluator)
    {
        foreach (var c in result.Value.Counterexamples)
        {
            Assert.True(ActionPattern.Matches(c.Operation, c.Pattern), c.ToString());
            Assert.True(RequestText.IsValidAction(c.Operation), c.ToString());
            Assert.Equal(c.Known, OperationCatalogHas(c.Operation));
            var decision = evaluator.Check(RequestFor(c, evaluator));
            Assert.True(decision.IsAllowed, $"{c} -> {decision}");
        }
    }

    private static bool OperationCatalogHas(string op) => ManagedServices.Operations.OperationCatalog.Azure.GetPlane(op) != ManagedServices.Operations.OperationPlane.Unknown;

    private static RoleCatalog CatalogOf(bool builtIn, params RolePermissionBlock[] blocks) =>
        RoleCatalog.Create([new RoleDefinition { Id = Custom, Name = "Generated", IsBuiltIn = builtIn, Permissions = [.. blocks] }]);

    /// <summary>
    /// The table: role, pattern, whether the guarantee holds, and (when it does not) the operation expected (null: any)
    /// and whether it is a known one.
    /// </summary>
    public static TheoryData<string, string, bool, string?, bool?> Table() => new()
    {
        // Contributor's '*' minus Microsoft.Authorization/*/Write (and */Delete, elevateAccess/Action, ...).
        { "Contributor", "Microsoft.Authorization/*/write", true, null, null },
        { "Contributor", "Microsoft.Authorization/*/delete", true, null, null },
        { "Contributor", "Microsoft.Authorization/locks/read", false, "Microsoft.Authorization/locks/read", true },
        { "Contributor", "Microsoft.Authorization/x/write/y", false, "microsoft.authorization/x/write/y", false },
        { "Contributor", "MICROSOFT.AUTHORIZATION/*WRITE*", false, null, false },
        { "Contributor", "Microsoft.Authorization/roleAssignments/write", true, null, null },
        // '*/read' and '*/delete' never overlap.
        { "Reader", "*/delete", true, null, null },
        { "Reader", "*/write", true, null, null },
        { "Reader", "*/read", false, null, true },
        { "Reader", "Microsoft.Compute/*", false, null, true },
        // Lighthouse's four operations: no role reaches them, except the Delete Role the assignment delete.
        { "Contributor", "Microsoft.ManagedServices/registrationAssignments/write", true, null, null },
        { "Contributor", "Microsoft.ManagedServices/registrationDefinitions/write", true, null, null },
        { "Contributor", "Microsoft.ManagedServices/registrationDefinitions/*e", false, null, null }, // exact names: .../xe is not one of the four
        { "Contributor", "Microsoft.ManagedServices/registrationAssignments/delete", true, null, null },
        { "Contributor", "Microsoft.ManagedServices/registrationAssignments/*", false, null, true },
        { "Contributor", "Microsoft.ManagedServices/registration*s/write", false, null, null },
        { "RegistrationAssignmentDelete", "Microsoft.ManagedServices/registrationAssignments/delete", false, "Microsoft.ManagedServices/registrationAssignments/delete", true },
        { "RegistrationAssignmentDelete", "Microsoft.ManagedServices/registrationDefinitions/*", true, null, null },
        // Data-only operations are never granted through Actions.
        { "Contributor", "Microsoft.KeyVault/vaults/secrets/getSecret/action", true, null, null },
        { "Contributor", "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", true, null, null },
        { "Reader", "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*", false, null, null },
        // Not delegable: Owner (and roles with restricted actions) grant nothing.
        { "Owner", "*", true, null, null },
        { "RoleBasedAccessControlAdministrator", "*", true, null, null },
        // User Access Administrator: role assignment read and Microsoft.Support/* outright; write and delete for a managed identity.
        { "UserAccessAdministrator", "Microsoft.Authorization/roleAssignments/write", false, "Microsoft.Authorization/roleAssignments/write", true },
        { "UserAccessAdministrator", "Microsoft.Support/*", false, null, true },
        { "UserAccessAdministrator", "Microsoft.Authorization/roleDefinitions/*", true, null, null },
        { "UserAccessAdministrator", "Microsoft.Compute/*", true, null, null },
        // The name grammar: no trailing '/', empty, '.' or '..' segment; a namespace has a '.'.
        { "Contributor", "*/", true, null, null },
        { "Contributor", "*//*", true, null, null },
        { "Contributor", "*/./*", true, null, null },
        { "Contributor", "*/../*", true, null, null },
        { "Contributor", "Microsoft/*", true, null, null },
        { "Contributor", "Microsoft.Compute", true, null, null },
        { "Contributor", "zz.zz/.../*", false, "zz.zz/.../a", false },
    };

    private static RoleDefinitionId RoleNamed(string name) => name switch
    {
        "Contributor" => BuiltInRoleIds.Contributor,
        "Reader" => BuiltInRoleIds.Reader,
        "Owner" => BuiltInRoleIds.Owner,
        "UserAccessAdministrator" => BuiltInRoleIds.UserAccessAdministrator,
        "RegistrationAssignmentDelete" => BuiltInRoleIds.RegistrationAssignmentDelete,
        "RoleBasedAccessControlAdministrator" => RoleDefinitionId.Parse("f58310d9-a9f6-439a-9e8d-f62e7b41a168"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void ProveNever_Table(string role, string pattern, bool holds, string? operation, bool? known)
    {
        var id = RoleNamed(role);
        var grant = id == BuiltInRoleIds.UserAccessAdministrator ? Grant(id, BuiltInRoleIds.Contributor) : Grant(id);
        var evaluator = Evaluator([grant]);
        var result = evaluator.ProveNever([pattern]);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(holds, result.Value.Holds);
        Assert.Equal(holds, result.Value.Counterexamples.IsEmpty);
        AssertAllAllowed(result, evaluator);
        if (!holds)
        {
            var c = Assert.Single(result.Value.Counterexamples);
            Assert.Equal(id, c.RoleDefinitionId);
            Assert.Equal(Ops, c.PrincipalId);
            Assert.Equal(Sub, c.Scope.ToString());
            if (operation is not null)
            {
                Assert.Equal(operation, c.Operation, ignoreCase: true);
            }

            if (known is not null)
            {
                Assert.Equal(known, c.Known);
            }

            Assert.Equal(id == BuiltInRoleIds.UserAccessAdministrator && pattern.Contains("roleAssignments/write", StringComparison.Ordinal)
                ? AccessRequirement.ManagedIdentityTarget : AccessRequirement.None, c.Requires);
        }

        // The catalog-level answer agrees.
        Assert.Equal(!holds, RoleCatalog.BuiltIn.WhichRolesCan(pattern).Value.Any(r => r.Role.Id == id));
    }

    [Fact]
    public void ProveNever_AUserAccessAdministratorWithoutDelegatedRoles_NeverWritesRoleAssignments()
    {
        var evaluator = Evaluator([Grant(BuiltInRoleIds.UserAccessAdministrator)]);
        Assert.True(evaluator.ProveNever(["Microsoft.Authorization/roleAssignments/*e"]).Value.Holds);
        Assert.False(evaluator.ProveNever(["Microsoft.Authorization/roleAssignments/*"]).Value.Holds); // read
    }

    [Fact]
    public void ProveNever_Eligible_CountsOnlyWhenAsked_AndRequiresActivation()
    {
        var eligible = new EligibleAuthorization { Principal = Principal.User(Ops), RoleDefinitionId = BuiltInRoleIds.Contributor };
        var evaluator = Evaluator([Grant(BuiltInRoleIds.Reader)], [eligible]);
        Assert.True(evaluator.ProveNever(["*/write"]).Value.Holds);
        var result = evaluator.ProveNever(["*/write"], new ProofOptions { IncludeEligible = true });
        Assert.False(result.Value.Holds);
        var c = Assert.Single(result.Value.Counterexamples);
        Assert.Equal(AccessRequirement.Activation, c.Requires);
        Assert.Equal(BuiltInRoleIds.Contributor, c.RoleDefinitionId);
        Assert.True(c.Known);
        AssertAllAllowed(result, evaluator);
        Assert.False(evaluator.Check(new AccessRequest(c.PrincipalId, c.Operation, c.Scope.ToString())).IsAllowed); // not without the activation
    }

    [Fact]
    public void ProveNever_ConditionedBlocksAndCustomRoles_GrantNothing()
    {
        var conditioned = CatalogOf(true,
            new RolePermissionBlock { Actions = ["Microsoft.Compute/*"], Condition = "@Request[x] StringEquals 'y'", ConditionVersion = "2.0" },
            new RolePermissionBlock { Actions = ["*/read"], NotActions = ["Microsoft.Compute/disks/read"] });
        var evaluator = Evaluator([Grant(Custom)], catalog: conditioned);
        Assert.True(evaluator.ProveNever(["Microsoft.Compute/*/write"]).Value.Holds);
        Assert.True(evaluator.ProveNever(["Microsoft.Compute/disks/read"]).Value.Holds);
        var result = evaluator.ProveNever(["Microsoft.Compute/*/read"]);
        Assert.False(result.Value.Holds);
        AssertAllAllowed(result, evaluator);

        var custom = Evaluator([Grant(Custom)], catalog: CatalogOf(false, new RolePermissionBlock { Actions = ["*"] }));
        Assert.True(custom.ProveNever(["*"]).Value.Holds);
        Assert.True(Evaluator([Grant(RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000ff"))]).ProveNever(["*"]).Value.Holds); // not in the catalog
    }

    [Fact]
    public void ProveNever_NotActionsApplyPerBlock()
    {
        // Azure's NotActions subtract within their block: another block can still grant what one block excludes.
        var catalog = CatalogOf(true,
            new RolePermissionBlock { Actions = ["*"], NotActions = ["*/write", "Microsoft.Authorization/*"] },
            new RolePermissionBlock { Actions = ["Microsoft.Compute/virtualMachines/*"] });
        var evaluator = Evaluator([Grant(Custom)], catalog: catalog);
        var result = evaluator.ProveNever(["*/write"]);
        Assert.False(result.Value.Holds);
        Assert.StartsWith("Microsoft.Compute/virtualMachines/", Assert.Single(result.Value.Counterexamples).Operation, StringComparison.OrdinalIgnoreCase);
        AssertAllAllowed(result, evaluator);
        Assert.True(evaluator.ProveNever(["Microsoft.Network/*/write"]).Value.Holds);
    }

    [Fact]
    public void ProveNever_ASynthesizedWitness_IsShortestAndWellFormed()
    {
        // No known operation under this namespace: the witness is synthesized, the shortest well-formed name.
        var evaluator = Evaluator([Grant(BuiltInRoleIds.Contributor)]);
        var result = evaluator.ProveNever(["Zz.Q*"]);
        var c = Assert.Single(result.Value.Counterexamples);
        Assert.False(c.Known);
        Assert.Equal("zz.q/a", c.Operation);
        AssertAllAllowed(result, evaluator);
    }

    [Fact]
    public void ProveNever_PrincipalGroupAndScope_FilterTheAuthorizations()
    {
        var group = PrincipalId.Parse("6f1b1c5e-2a3d-4e4f-8a9b-0c1d2e3f4a5b");
        var delegations = DelegationSnapshot.Create(
        [
            Delegate(Sub + "/resourceGroups/rg1", [new Authorization { Principal = Principal.Group(group), RoleDefinitionId = BuiltInRoleIds.Contributor }], []),
            Delegate(Sub, Grant(BuiltInRoleIds.Reader)),
        ]);
        var evaluator = AccessEvaluator.Create(delegations);
        Assert.False(evaluator.ProveNever(["*/write"]).Value.Holds);
        Assert.True(evaluator.ProveNever(["*/write"], new ProofOptions { PrincipalId = Ops }).Value.Holds);
        var viaGroup = evaluator.ProveNever(["*/write"], new ProofOptions { GroupId = group });
        Assert.Equal(group, Assert.Single(viaGroup.Value.Counterexamples).PrincipalId);
        AssertAllAllowed(viaGroup, evaluator);
        Assert.True(evaluator.ProveNever(["*/write"], new ProofOptions { Scope = Sub + "/resourceGroups/rg2" }).Value.Holds);
        var inRg = evaluator.ProveNever(["*/write"], new ProofOptions { Scope = Sub + "/resourceGroups/RG1/providers/Microsoft.Compute/virtualMachines/vm1" });
        Assert.Equal(Sub + "/resourceGroups/RG1/providers/Microsoft.Compute/virtualMachines/vm1", Assert.Single(inRg.Value.Counterexamples).Scope.ToString());
        AssertAllAllowed(inRg, evaluator);

        // A member of the group (through the evaluator's group membership) inherits the group's authorizations.
        var member = AccessEvaluator.Create(delegations, new AccessEvaluatorOptions { Groups = InMemoryGroupMembership.Create(new Dictionary<PrincipalId, IEnumerable<PrincipalId>> { [Member] = [group] }) });
        var asMember = member.ProveNever(["*/write"], new ProofOptions { PrincipalId = Member });
        Assert.Equal(Member, Assert.Single(asMember.Value.Counterexamples).PrincipalId);
        AssertAllAllowed(asMember, member);
        Assert.Throws<ArgumentException>(() => evaluator.ProveNever(["*"], new ProofOptions { PrincipalId = Ops, GroupId = group }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Microsoft.Compute/virtualMachines/read ")]
    [InlineData("Microsoft.Compute/?/read")]
    [InlineData("Microsoft.Compute/é/read")]
    public void ProveNever_AMalformedPattern_IsMSC4001_AndNeverHolds(string pattern)
    {
        var result = Evaluator([Grant(BuiltInRoleIds.Reader)]).ProveNever([pattern]);
        Assert.False(result.Value.Holds);
        Assert.Equal(DiagnosticCodes.InvalidOperationPattern, Assert.Single(result.Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.InvalidOperationPattern, Assert.Single(RoleCatalog.BuiltIn.WhichRolesCan(pattern).Diagnostics).Code);
    }

    [Fact]
    public void ProveNever_AMalformedScope_IsMSC0004()
    {
        var result = Evaluator([Grant(BuiltInRoleIds.Reader)]).ProveNever(["*"], new ProofOptions { Scope = "/subscriptions/nope" });
        Assert.False(result.Value.Holds);
        Assert.Equal(DiagnosticCodes.InvalidScope, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void WhichRolesCan_WriteRoleAssignments_IsOnlyUserAccessAdministrator()
    {
        var result = RoleCatalog.BuiltIn.WhichRolesCan("Microsoft.Authorization/roleAssignments/write");
        Assert.Empty(result.Diagnostics);
        var reach = Assert.Single(result.Value);
        Assert.Equal(BuiltInRoleIds.UserAccessAdministrator, reach.Role.Id);
        Assert.Equal(AccessRequirement.ManagedIdentityTarget, reach.Requires);
        Assert.Contains(RoleCatalog.BuiltIn.WhichRolesCan("*/read").Value, r => r.Role.Id == BuiltInRoleIds.Reader);
        Assert.DoesNotContain(RoleCatalog.BuiltIn.WhichRolesCan("*").Value, r => r.Role.Id == BuiltInRoleIds.Owner);
    }
}
