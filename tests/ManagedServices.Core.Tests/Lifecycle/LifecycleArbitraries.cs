using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Offers;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Lifecycle;

/// <summary>Generators for the lifecycle area: manifests over small pools of principals and roles so that diffs overlap.</summary>
public static class LifecycleArbitraries
{
    public static readonly TenantId ManagingTenant = TenantId.Parse("11111111-1111-1111-1111-111111111111");
    public static readonly TenantId OtherManagingTenant = TenantId.Parse("22222222-2222-2222-2222-222222222222");

    public static readonly ImmutableArray<Principal> Principals =
    [
        Principal.Group(PrincipalId.Parse("a0000000-0000-0000-0000-000000000001"), "Operators"),
        Principal.User(PrincipalId.Parse("a0000000-0000-0000-0000-000000000002"), "Alice"),
        Principal.ServicePrincipal(PrincipalId.Parse("a0000000-0000-0000-0000-000000000003"), "Automation"),
        Principal.User(PrincipalId.Parse("a0000000-0000-0000-0000-000000000004")),
    ];

    public static readonly ImmutableArray<Principal> Approvers =
    [
        Principal.User(PrincipalId.Parse("b0000000-0000-0000-0000-000000000001"), "Approver One"),
        Principal.Group(PrincipalId.Parse("b0000000-0000-0000-0000-000000000002"), "Approvers"),
        Principal.User(PrincipalId.Parse("a0000000-0000-0000-0000-000000000002"), "Alice"),
    ];

    public static readonly RoleDefinitionId MonitoringReader = RoleDefinitionId.Parse("43d0d8ad-25c7-4714-9337-8ba259a9fe05");
    public static readonly RoleDefinitionId MonitoringContributor = RoleDefinitionId.Parse("749f88d5-cbae-40b8-bcfc-e573ddc772fa");
    public static readonly RoleDefinitionId VirtualMachineContributor = RoleDefinitionId.Parse("9980e02c-c2be-4d73-94e8-173b1dc7cf3c");

    public static readonly ImmutableArray<RoleDefinitionId> Roles =
    [
        BuiltInRoleIds.Reader,
        BuiltInRoleIds.Contributor,
        BuiltInRoleIds.RegistrationAssignmentDelete,
        MonitoringReader,
        MonitoringContributor,
        VirtualMachineContributor,
        BuiltInRoleIds.UserAccessAdministrator,
    ];

    public static readonly ImmutableArray<RoleDefinitionId> DelegatableRoles =
        [BuiltInRoleIds.Contributor, MonitoringContributor, BuiltInRoleIds.Reader];

    /// <summary>Just-in-time policies: Azure or no MFA, four durations, any subset of <see cref="Approvers"/>.</summary>
    public static Gen<JustInTimeAccessPolicy> Policy() =>
        ModelGenerators.Policy(
            Gen.Elements(MultiFactorAuthProvider.Azure, MultiFactorAuthProvider.None),
            Gen.Elements(30, 60, 240, 480).Select(static m => TimeSpan.FromMinutes(m)),
            ModelGenerators.SubsetOf(Approvers));

    /// <summary>Permanent authorizations over the pools; only User Access Administrator delegates roles.</summary>
    public static Gen<Authorization> Authorization() =>
        ModelGenerators.Authorization(
            Gen.Elements(Principals.AsEnumerable()),
            Gen.Elements(Roles.AsEnumerable()),
            ModelGenerators.SubsetOf(DelegatableRoles),
            delegatedOnlyForUserAccessAdministrator: true);

    /// <summary>Eligible authorizations over the pools (never User Access Administrator).</summary>
    public static Gen<EligibleAuthorization> Eligible() =>
        ModelGenerators.Eligible(
            Gen.Elements(Principals.AsEnumerable()),
            Gen.Elements(Roles.Where(r => r != BuiltInRoleIds.UserAccessAdministrator)),
            Policy());

    /// <summary>Versions with every part from 0 to 3.</summary>
    public static Gen<ManifestVersion> Version() => ModelGenerators.Version(Gen.Choose(0, 3));

    /// <summary>Manifests of 0 to 5 permanent and 0 to 3 eligible authorizations, mostly for <see cref="ManagingTenant"/>.</summary>
    public static Gen<DelegationManifest> Manifest() =>
        ModelGenerators.Manifest(
            Gen.Frequency((9, Gen.Constant(ManagingTenant)), (1, Gen.Constant(OtherManagingTenant))),
            Version(),
            ModelGenerators.ListOf(Authorization(), 5),
            ModelGenerators.ListOf(Eligible(), 3));

    /// <summary>Arbitrary manifests.</summary>
    public static Arbitrary<DelegationManifest> ManifestArbitrary() => Arb.From(Manifest());
}
