using ManagedServices.Offers;

namespace ManagedServices.Tests.Validation;

/// <summary>A valid offer, plan and manifest (no errors, no warnings) that the rule tests change one rule at a time.</summary>
internal static class ValidationSamples
{
    public static readonly TenantId Tenant = TenantId.Parse("6b1c7a7e-2f55-4a8a-9a0b-0c0d3c5e1f21");
    public static readonly Principal Ops = Principal.Group(PrincipalId.Parse("0f3b1f43-8d53-4c0e-9a64-2d0e8e5f4a01"), "Contoso Ops");
    public static readonly Principal Alice = Principal.User(PrincipalId.Parse("7d9d5f3e-3c1a-4e1b-8b7e-5a2c1d0e9f02"), "Alice (on-call)");
    public static readonly Principal Bob = Principal.User(PrincipalId.Parse("c4b8e2a1-9f6d-4b3c-a2e1-8d7f6e5c4b03"), "Bob");
    public static readonly Principal Approvers = Principal.Group(PrincipalId.Parse("a1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a04"), "Approvers");
    public static readonly Principal Automation = Principal.ServicePrincipal(PrincipalId.Parse("e5f6a7b8-c9d0-4e1f-9a2b-3c4d5e6f7a05"), "Automation");

    public static readonly RoleDefinitionId MonitoringReader = RoleDefinitionId.Parse("43d0d8ad-25c7-4714-9337-8ba259a9fe05");
    public static readonly RoleDefinitionId VirtualMachineContributor = RoleDefinitionId.Parse("9980e02c-c2be-4d73-94e8-173b1dc7cf3c");
    public static readonly RoleDefinitionId RbacAdministrator = RoleDefinitionId.Parse("f58310d9-a9f6-439a-9e8d-f62e7b41a168");
    public static readonly RoleDefinitionId LogAnalyticsContributor = RoleDefinitionId.Parse("92aaf0da-9dab-42b6-94a3-d43ce8d16293");
    public static readonly RoleDefinitionId StorageBlobDataReader = RoleDefinitionId.Parse("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1");
    public static readonly RoleDefinitionId NotARole = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000aa");

    public static readonly JustInTimeAccessPolicy Policy = new()
    {
        MultiFactorAuthProvider = MultiFactorAuthProvider.Azure,
        MaximumActivationDuration = TimeSpan.FromHours(2),
        Approvers = [Approvers],
    };

    /// <summary>
    /// authorizations: [0] Ops Reader, [1] Ops Registration Assignment Delete, [2] Alice Reader;
    /// eligibleAuthorizations: [0] Alice Contributor under <see cref="Policy"/>.
    /// </summary>
    public static DelegationManifestBuilder Manifest() => new DelegationManifestBuilder()
        .WithManagingTenant(Tenant)
        .WithVersion(new ManifestVersion(1, 2, 0))
        .AddAuthorization(Ops, BuiltInRoleIds.Reader)
        .AddAuthorization(Ops, BuiltInRoleIds.RegistrationAssignmentDelete)
        .AddAuthorization(Alice, BuiltInRoleIds.Reader)
        .AddEligibleAuthorization(Alice, BuiltInRoleIds.Contributor, Policy);

    public static DelegationManifest Build(Action<DelegationManifestBuilder> change)
    {
        var builder = Manifest();
        change(builder);
        return builder.Build();
    }

    public static PlanBuilder Plan(string id = "standard", string name = "Standard") =>
        new PlanBuilder().WithId(id).WithName(name).WithManifest(Manifest().Build());

    public static OfferBuilder Offer() => new OfferBuilder()
        .WithId("contoso-managed-ops")
        .WithDisplayName("Contoso Managed Operations")
        .WithPublisher("contoso")
        .AddPlan(Plan().Build());
}
