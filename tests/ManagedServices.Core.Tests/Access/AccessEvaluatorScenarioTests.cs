using ManagedServices.Access;
using ManagedServices.Offers;
using Microsoft.Extensions.Time.Testing;

namespace ManagedServices.Tests.Access;

/// <summary>Scenarios from the Lighthouse documentation, on the built-in role catalog.</summary>
public class AccessEvaluatorScenarioTests
{
    internal const string Sub = "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b";
    private static readonly TenantId Managing = TenantId.Parse("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40");
    internal static readonly TenantId Customer = TenantId.Parse("d0aa2562-09cb-4f55-afc6-f5352607f8c8");
    internal static readonly PrincipalId Ops = PrincipalId.Parse("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6");
    private static readonly PrincipalId Automation = PrincipalId.Parse("9f2c7a10-3c1e-4a55-8b5e-2f1f6b1f0c3a");
    private static readonly PrincipalId Oncall = PrincipalId.Parse("c1a2b3d4-0000-4e5f-8a9b-0c1d2e3f4a5b");
    internal static readonly PrincipalId Member = PrincipalId.Parse("1b7e323c-4ae6-4615-a9cb-6d56469ba988");
    private static readonly RoleDefinitionId VmContributor = RoleDefinitionId.Parse("9980e02c-c2be-4d73-94e8-173b1dc7cf3c");

    internal static Delegation Delegate(string scope, params Authorization[] authorizations) => Delegate(scope, authorizations, []);

    internal static Delegation Delegate(string scope, Authorization[] authorizations, EligibleAuthorization[] eligible) => new()
    {
        CustomerTenantId = Customer,
        AssignmentId = Guid.Parse("af8a44d1-0b3c-40b0-af3d-662477a95e39"),
        Scope = ResourceScope.Parse(scope),
        Definition = new RegistrationDefinition
        {
            Id = Guid.Parse("52cd7214-5d46-447f-bec6-e29ee28cad85"),
            Name = "Contoso Managed Infrastructure",
            Manifest = new DelegationManifest { ManagingTenantId = Managing, Authorizations = [.. authorizations], EligibleAuthorizations = [.. eligible] },
        },
    };

    private static Authorization Grant(PrincipalId principal, RoleDefinitionId role, params RoleDefinitionId[] delegated) =>
        new() { Principal = Principal.User(principal), RoleDefinitionId = role, DelegatedRoleDefinitionIds = [.. delegated] };

    private static AccessEvaluator Evaluator(params Delegation[] delegations) => AccessEvaluator.Create(DelegationSnapshot.Create(delegations));

    [Fact]
    public void Check_ContributorWritesRoleAssignment_DeniedByNotActions()
    {
        var evaluator = Evaluator(Delegate(Sub, Grant(Ops, BuiltInRoleIds.Contributor)));
        var write = evaluator.Check(new AccessRequest(Ops, "Microsoft.Authorization/roleAssignments/write", Sub));
        Assert.Equal(AccessReason.ExcludedByNotActions, write.Reason);
        Assert.Equal(BuiltInRoleIds.Contributor, write.Grant!.RoleDefinitionId);
        Assert.True(evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/write", Sub + "/resourceGroups/rg1")).IsAllowed);
    }

    [Fact]
    public void Check_UserAccessAdministrator_AssignsOnlyDelegatedRolesToManagedIdentities()
    {
        var evaluator = Evaluator(Delegate(Sub, Grant(Automation, BuiltInRoleIds.UserAccessAdministrator, BuiltInRoleIds.Contributor)));
        var assign = new AccessRequest(Automation, "Microsoft.Authorization/roleAssignments/write", Sub + "/resourceGroups/rg1")
        {
            TargetRoleDefinitionId = BuiltInRoleIds.Contributor,
            TargetIsManagedIdentity = true,
            TargetPrincipalKind = PrincipalKind.ServicePrincipal,
        };
        Assert.True(evaluator.Check(assign).IsAllowed);
        Assert.True(evaluator.Check(new AccessRequest(Automation, "Microsoft.Authorization/roleAssignments/delete", Sub) { TargetRoleDefinitionId = BuiltInRoleIds.Contributor, TargetIsManagedIdentity = true }).IsAllowed);
        Assert.Equal(AccessReason.UserAccessAdministratorRestricted, evaluator.Check(assign with { TargetRoleDefinitionId = BuiltInRoleIds.Reader }).Reason);
        Assert.Equal(AccessReason.UserAccessAdministratorRestricted, evaluator.Check(assign with { TargetRoleDefinitionId = BuiltInRoleIds.Owner }).Reason);
        Assert.Equal(AccessReason.UserAccessAdministratorRestricted, evaluator.Check(assign with { TargetIsManagedIdentity = false }).Reason);
        Assert.Equal(AccessReason.UserAccessAdministratorRestricted, evaluator.Check(assign with { TargetPrincipalKind = PrincipalKind.User }).Reason);
        Assert.Equal(AccessReason.UserAccessAdministratorRestricted,
            evaluator.Check(new AccessRequest(Automation, "Microsoft.Authorization/roleAssignments/write", Sub)).Reason);
        Assert.True(evaluator.Check(new AccessRequest(Automation, "Microsoft.Authorization/roleAssignments/read", Sub)).IsAllowed);
        Assert.True(evaluator.Check(new AccessRequest(Automation, "Microsoft.Support/supportTickets/write", Sub)).IsAllowed);
        Assert.Equal(AccessReason.ActionNotInRole, evaluator.Check(new AccessRequest(Automation, "Microsoft.Compute/virtualMachines/read", Sub)).Reason);
        Assert.Equal(AccessReason.ActionNotInRole, evaluator.Check(new AccessRequest(Automation, "Microsoft.Authorization/roleDefinitions/write", Sub)).Reason);
    }

    [Fact]
    public void Check_RegistrationAssignmentDeleteRole_DeletesTheAssignment()
    {
        var evaluator = Evaluator(Delegate(Sub, Grant(Ops, BuiltInRoleIds.RegistrationAssignmentDelete)));
        var assignment = Sub + "/providers/Microsoft.ManagedServices/registrationAssignments/af8a44d1-0b3c-40b0-af3d-662477a95e39";
        Assert.True(evaluator.Check(new AccessRequest(Ops, "Microsoft.ManagedServices/registrationAssignments/delete", assignment)).IsAllowed);
        Assert.True(evaluator.Check(new AccessRequest(Ops, "microsoft.managedservices/REGISTRATIONASSIGNMENTS/read", assignment)).IsAllowed);
        Assert.Equal(AccessReason.ActionNotInRole,
            evaluator.Check(new AccessRequest(Ops, "Microsoft.ManagedServices/registrationDefinitions/delete", assignment)).Reason);
    }

    [Theory]
    [InlineData(Sub, AccessReason.NoDelegationCoversScope)]
    [InlineData(Sub + "/resourceGroups/rg10", AccessReason.PrincipalNotAuthorized)]
    [InlineData(Sub + "/resourceGroups/rg10/providers/Microsoft.Compute/virtualMachines/vm1", AccessReason.PrincipalNotAuthorized)]
    [InlineData(Sub + "/resourceGroups/rg2", AccessReason.NoDelegationCoversScope)]
    [InlineData("/subscriptions/d8ad3a03-7d6f-4c1c-9ef9-96af50fbc39f/resourceGroups/rg1", AccessReason.NoDelegationCoversScope)]
    [InlineData(Sub + "/resourceGroups/rg1", AccessReason.Allowed)]
    [InlineData(Sub + "/resourceGroups/RG1/providers/Microsoft.Compute/virtualMachines/vm1", AccessReason.Allowed)]
    public void Check_ResourceGroupDelegation_GivesNothingOnSubscriptionOrSiblings(string scope, AccessReason expected)
    {
        var evaluator = Evaluator(
            Delegate(Sub + "/resourceGroups/rg1", Grant(Ops, BuiltInRoleIds.Reader)),
            Delegate(Sub + "/resourceGroups/rg10", Grant(Oncall, BuiltInRoleIds.Reader)));
        Assert.Equal(expected, evaluator.Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", scope)).Reason);
    }

    [Fact]
    public void Check_WrongTenant_Denied()
    {
        var evaluator = Evaluator(Delegate(Sub, Grant(Ops, BuiltInRoleIds.Reader)));
        var request = new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", Sub) { PrincipalTenantId = Customer };
        Assert.Equal(AccessReason.TenantMismatch, evaluator.Check(request).Reason);
        Assert.True(evaluator.Check(request with { PrincipalTenantId = Managing }).IsAllowed);
    }

    [Fact]
    public void Check_DataAction_Denied()
    {
        var evaluator = Evaluator(Delegate(Sub, Grant(Ops, BuiltInRoleIds.Contributor)));
        var request = new AccessRequest(Ops, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", Sub) { IsDataAction = true };
        Assert.Equal(AccessReason.DataActionNotDelegated, evaluator.Check(request).Reason);
    }

    [Theory]
    [InlineData("not-a-guid", "Microsoft.Compute/virtualMachines/read", Sub)]
    [InlineData("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6", "Microsoft.Compute/*", Sub)]
    [InlineData("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6", "Microsoft.Compute/virtualMachines/read", Sub + "/resourceGroups/*")]
    [InlineData("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6", "Microsoft.Compute/virtualMachines/read", "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68z")]
    [InlineData("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6", "Microsoft.Compute/virtualMachines/read", Sub + "/resourceGroups/rg 1")]
    [InlineData("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6", "Microsoft.Compute/virtualMachines/read", Sub + "//")]
    [InlineData("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6", "Microsoft.Compute/virtualMachines/read", "")]
    [InlineData("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6", "", Sub)]
    public void Check_MalformedRequest_DeniedWithItsOwnReason(string principal, string action, string scope)
    {
        var evaluator = Evaluator(Delegate(Sub, Grant(Ops, BuiltInRoleIds.Contributor)));
        Assert.Equal(AccessReason.MalformedRequest, evaluator.Check(new AccessRequest(principal, action, scope)).Reason);
        Assert.Equal(AccessReason.MalformedRequest, evaluator.Check(default(AccessRequest)).Reason);
    }

    [Fact]
    public void Check_GroupMembership_GrantsThroughGroupAndTokenGroups()
    {
        var group = Ops;
        var delegation = Delegate(Sub, new Authorization { Principal = Principal.Group(group), RoleDefinitionId = VmContributor });
        var request = new AccessRequest(Member, "Microsoft.Compute/virtualMachines/restart/action", Sub + "/resourceGroups/rg1");
        Assert.Equal(AccessReason.PrincipalNotAuthorized, Evaluator(delegation).Check(request).Reason);
        Assert.True(Evaluator(delegation).Check(request with { GroupIds = [group] }).IsAllowed);
        var groups = InMemoryGroupMembership.Create([KeyValuePair.Create(Member, (IEnumerable<PrincipalId>)[group])]);
        var decision = AccessEvaluator.Create(DelegationSnapshot.Create([delegation]), new AccessEvaluatorOptions { Groups = groups }).Check(request);
        Assert.True(decision.IsAllowed);
        Assert.Equal(group, decision.Grant!.PrincipalId);
    }

    [Fact]
    public void Check_EligibleAuthorization_NeedsLiveActivationWithMfaAndApproval()
    {
        var policy = new JustInTimeAccessPolicy { MultiFactorAuthProvider = MultiFactorAuthProvider.Azure, Approvers = [Principal.User(Ops)] };
        var delegation = Delegate(Sub, [Grant(Oncall, BuiltInRoleIds.Reader)], [new EligibleAuthorization { Principal = Principal.User(Oncall), RoleDefinitionId = BuiltInRoleIds.Contributor, JustInTimeAccessPolicy = policy }]);
        var start = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start.AddMinutes(-1));
        var activation = new JustInTimeActivation { PrincipalId = Oncall, RoleDefinitionId = BuiltInRoleIds.Contributor, Start = start, End = start.AddHours(1), MultiFactorAuthenticated = true, Approved = true };
        AccessReason Decide(JustInTimeActivation? a) => AccessEvaluator.Create(DelegationSnapshot.Create([delegation]), new AccessEvaluatorOptions
        {
            TimeProvider = time,
            Activations = a is null ? [] : [a],
        }).Check(new AccessRequest(Oncall, "Microsoft.Compute/virtualMachines/write", Sub)).Reason;

        Assert.Equal(AccessReason.EligibleNotActivated, Decide(null));
        Assert.Equal(AccessReason.EligibleNotActivated, Decide(activation));
        time.SetUtcNow(start);
        Assert.Equal(AccessReason.Allowed, Decide(activation));
        Assert.Equal(AccessReason.MfaRequired, Decide(activation with { MultiFactorAuthenticated = false }));
        Assert.Equal(AccessReason.ApprovalRequired, Decide(activation with { Approved = false }));
        Assert.Equal(AccessReason.EligibleNotActivated, Decide(activation with { RegistrationDefinitionId = Guid.NewGuid() }));
        time.SetUtcNow(start.AddHours(1));
        Assert.Equal(AccessReason.ActivationExpired, Decide(activation));

        var asserted = AccessEvaluator.Create(DelegationSnapshot.Create([delegation]))
            .Check(new AccessRequest(Oncall, "Microsoft.Compute/virtualMachines/write", Sub) { ActivatedRoleDefinitionIds = [BuiltInRoleIds.Contributor] });
        Assert.True(asserted.IsAllowed);
        Assert.True(asserted.Grant!.IsEligible);
    }

    [Fact]
    public void Check_ActivationLongerThanPolicyMaximum_CountsOnlyUpToTheMaximum()
    {
        var start = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        EligibleAuthorization Eligible(TimeSpan maximum) => new()
        {
            Principal = Principal.User(Oncall),
            RoleDefinitionId = BuiltInRoleIds.Contributor,
            JustInTimeAccessPolicy = new JustInTimeAccessPolicy { MaximumActivationDuration = maximum },
        };
        var activation = new JustInTimeActivation { PrincipalId = Oncall, RoleDefinitionId = BuiltInRoleIds.Contributor, Start = start, End = start.AddHours(3) };
        AccessReason Decide(TimeSpan maximum, JustInTimeActivation a, DateTimeOffset at)
        {
            time.AdjustTime(at);
            return AccessEvaluator.Create(DelegationSnapshot.Create([Delegate(Sub, [], [Eligible(maximum)])]), new AccessEvaluatorOptions { TimeProvider = time, Activations = [a] })
                .Check(new AccessRequest(Oncall, "Microsoft.Compute/virtualMachines/write", Sub)).Reason;
        }

        // Three hours requested, one allowed: it counts for exactly one hour.
        Assert.Equal(AccessReason.Allowed, Decide(TimeSpan.FromHours(1), activation, start));
        Assert.Equal(AccessReason.Allowed, Decide(TimeSpan.FromHours(1), activation, start.AddHours(1).AddTicks(-1)));
        Assert.Equal(AccessReason.ActivationExpired, Decide(TimeSpan.FromHours(1), activation, start.AddHours(1)));
        Assert.Equal(AccessReason.ActivationExpired, Decide(TimeSpan.FromHours(1), activation, start.AddHours(2)));
        Assert.Equal(AccessReason.ActivationExpired, Decide(TimeSpan.FromHours(1), activation, start.AddHours(3)));
        // End exactly at the cap, and End before the cap: End decides.
        Assert.Equal(AccessReason.Allowed, Decide(TimeSpan.FromHours(3), activation, start.AddHours(3).AddTicks(-1)));
        Assert.Equal(AccessReason.ActivationExpired, Decide(TimeSpan.FromHours(3), activation, start.AddHours(3)));
        Assert.Equal(AccessReason.ActivationExpired, Decide(TimeSpan.FromHours(8), activation with { End = start.AddMinutes(30) }, start.AddMinutes(30)));
        // A zero or negative maximum never lets an activation count (fails closed); the default policy allows eight hours.
        Assert.Equal(AccessReason.ActivationExpired, Decide(TimeSpan.Zero, activation, start));
        Assert.Equal(AccessReason.ActivationExpired, Decide(TimeSpan.FromHours(-1), activation, start));
        Assert.Equal(AccessReason.ActivationExpired, Decide(JustInTimeAccessPolicy.Default.MaximumActivationDuration, activation with { End = start.AddHours(9) }, start.AddHours(8)));
        // Near the end of time the cap does not overflow.
        var late = DateTimeOffset.MaxValue.AddHours(-2);
        Assert.Equal(AccessReason.Allowed, Decide(TimeSpan.FromHours(8), activation with { Start = late, End = DateTimeOffset.MaxValue }, late.AddHours(1)));
    }

    [Fact]
    public void Check_ActivationForTwoEligibleAuthorizations_IsCutByTheMaximumOfEach()
    {
        var start = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start.AddHours(2));
        Delegation With(Guid definition, string scope, TimeSpan maximum)
        {
            var policy = new JustInTimeAccessPolicy { MaximumActivationDuration = maximum };
            var d = Delegate(scope, [], [new EligibleAuthorization { Principal = Principal.Group(Ops), RoleDefinitionId = BuiltInRoleIds.Contributor, JustInTimeAccessPolicy = policy }]);
            return d with { Definition = d.Definition with { Id = definition } };
        }

        var shortDefinition = Guid.Parse("00000000-0000-4000-8000-000000000001");
        var longDefinition = Guid.Parse("00000000-0000-4000-8000-000000000002");
        var evaluator = AccessEvaluator.Create(
            DelegationSnapshot.Create([With(shortDefinition, Sub + "/resourceGroups/rg1", TimeSpan.FromHours(1)), With(longDefinition, Sub + "/resourceGroups/rg2", TimeSpan.FromHours(4))]),
            new AccessEvaluatorOptions
            {
                TimeProvider = time,
                Groups = InMemoryGroupMembership.Create([KeyValuePair.Create(Member, (IEnumerable<PrincipalId>)[Ops])]),
                Activations = [new JustInTimeActivation { PrincipalId = Member, RoleDefinitionId = BuiltInRoleIds.Contributor, Start = start, End = start.AddHours(4) }],
            });
        // Two hours in: past the one-hour maximum of the first offer, within the four hours of the second.
        Assert.Equal(AccessReason.ActivationExpired, evaluator.Check(new AccessRequest(Member, "Microsoft.Compute/virtualMachines/write", Sub + "/resourceGroups/rg1")).Reason);
        var allowed = evaluator.Check(new AccessRequest(Member, "Microsoft.Compute/virtualMachines/write", Sub + "/resourceGroups/rg2"));
        Assert.True(allowed.IsAllowed);
        Assert.Equal(longDefinition, allowed.Grant!.RegistrationDefinitionId);
    }

    [Fact]
    public void Check_RoleMissingFromCatalogOrOwner_NeverAllows()
    {
        var missing = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000ff");
        Assert.Equal(AccessReason.RoleNotInCatalog, Evaluator(Delegate(Sub, Grant(Ops, missing))).Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", Sub)).Reason);
        Assert.Equal(AccessReason.RoleNotDelegable, Evaluator(Delegate(Sub, Grant(Ops, BuiltInRoleIds.Owner))).Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", Sub)).Reason);
    }

    [Fact]
    public void Check_CustomerTenantIsManagingTenant_DelegationIgnored()
    {
        var delegation = Delegate(Sub, Grant(Ops, BuiltInRoleIds.Reader)) with { CustomerTenantId = Managing };
        Assert.Equal(AccessReason.NoDelegationCoversScope, Evaluator(delegation).Check(new AccessRequest(Ops, "Microsoft.Compute/virtualMachines/read", Sub)).Reason);
    }

    [Fact]
    public void Check_MoreThan64Roles_AgreesWithReference()
    {
        var roles = Enumerable.Range(0, 70).Select(i => new RoleDefinition
        {
            Id = new RoleDefinitionId(new Guid(i + 1, 0, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 0)),
            Name = "R" + i,
            Permissions = [new RolePermissionBlock { Actions = [$"Microsoft.R{i}/*"], NotActions = [$"Microsoft.R{i}/secret/*"] }],
        }).ToList();
        var delegation = Delegate(Sub, [.. roles.Select(r => Grant(Ops, r.Id))], [new EligibleAuthorization { Principal = Principal.User(Ops), RoleDefinitionId = roles[69].Id }]);
        var options = new AccessEvaluatorOptions { RoleCatalog = RoleCatalog.Create(roles) };
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([delegation]), options);
        var reference = new ReferenceEvaluator(DelegationSnapshot.Create([delegation]), options);
        for (var round = 0; round < 2; round++)
        {
            foreach (var i in new[] { 0, 5, 63, 64, 69, 70 })
            {
                foreach (var action in new[] { $"Microsoft.R{i}/things/read", $"microsoft.r{i}/SECRET/read" })
                {
                    var request = new AccessRequest(Ops, action, Sub + "/resourceGroups/rg1");
                    Assert.Equal(reference.Decide(request), evaluator.Check(request).Reason);
                }
            }
        }

        Assert.True(evaluator.Check(new AccessRequest(Ops, "Microsoft.R69/x", Sub)).IsAllowed);
        Assert.Equal(AccessReason.ExcludedByNotActions, evaluator.Check(new AccessRequest(Ops, "Microsoft.R64/secret/x", Sub)).Reason);
        Assert.Equal(AccessReason.ActionNotInRole, evaluator.Check(new AccessRequest(Ops, "Microsoft.R70/x", Sub)).Reason);
    }
}
