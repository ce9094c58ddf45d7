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

    public static Gen<JustInTimeAccessPolicy> PolicyGen =>
        ModelGenerators.Policies(
            Gen.Elements(MultiFactorAuthProvider.Azure, MultiFactorAuthProvider.None),
            Gen.Elements(30, 60, 240, 480).Select(static m => TimeSpan.FromMinutes(m)),
            ModelGenerators.SubsetOf(Approvers));

    public static Gen<Authorization> AuthorizationGen =>
        ModelGenerators.Authorizations(
            Gen.Elements(Principals.AsEnumerable()),
            Gen.Elements(Roles.AsEnumerable()),
            ModelGenerators.SubsetOf(DelegatableRoles),
            delegatedOnlyForUserAccessAdministrator: true);

    public static Gen<EligibleAuthorization> EligibleGen =>
        ModelGenerators.Eligible(
            Gen.Elements(Principals.AsEnumerable()),
            Gen.Elements(Roles.Where(r => r != BuiltInRoleIds.UserAccessAdministrator)),
            PolicyGen);

    public static Gen<ManifestVersion> VersionGen =>
        from major in Gen.Choose(0, 3)
        from minor in Gen.Choose(0, 3)
        from patch in Gen.Choose(0, 3)
        select new ManifestVersion(major, minor, patch);

    public static Gen<DelegationManifest> ManifestGen =>
        from tenant in Gen.Frequency((9, Gen.Constant(ManagingTenant)), (1, Gen.Constant(OtherManagingTenant)))
        from version in VersionGen
        from count in Gen.Choose(0, 5)
        from authorizations in Gen.ListOf(AuthorizationGen, count)
        from eligibleCount in Gen.Choose(0, 3)
        from eligible in Gen.ListOf(EligibleGen, eligibleCount)
        select new DelegationManifest
        {
            ManagingTenantId = tenant,
            Version = version,
            Authorizations = [.. authorizations],
            EligibleAuthorizations = [.. eligible],
        };

    public static Arbitrary<DelegationManifest> Manifest() => Arb.From(ManifestGen);
}
