using System.Collections.Immutable;
using ManagedServices.Offers;
using ManagedServices.Arm;

namespace ManagedServices.Tests.Arm;

/// <summary>Hand-written inputs shared by the template tests.</summary>
internal static class TemplateSamples
{
    public static readonly TenantId Tenant = TenantId.Parse("fbcdd0f3-dc82-4cee-bcde-7301d24e9bf6");
    public static readonly PrincipalId Ops = PrincipalId.Parse("4c8d1a2e-0f2b-4b6e-9d0a-5f1c2b3a4d5e");
    public static readonly PrincipalId Approver = PrincipalId.Parse("9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d");
    public static readonly RoleDefinitionId Reader = RoleDefinitionId.Parse("acdd72a7-3385-48ef-bd42-f606fba81ae7");
    public static readonly RoleDefinitionId Contributor = RoleDefinitionId.Parse("b24988ac-6180-42a0-ab88-20f7382dd24c");
    public static readonly RoleDefinitionId UserAccessAdministrator = RoleDefinitionId.Parse("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9");
    public static readonly RoleDefinitionId ResourcePolicyContributor = RoleDefinitionId.Parse("36243c78-bf99-498c-9df9-86d9f8d28608");

    public static DelegationManifest Manifest(bool eligible = true, bool approvers = true) => new()
    {
        ManagingTenantId = Tenant,
        Authorizations =
        [
            new Authorization { Principal = new Principal { Id = Ops, DisplayName = "Contoso Ops" }, RoleDefinitionId = Reader },
            new Authorization
            {
                Principal = new Principal { Id = Ops, DisplayName = "Contoso Ops" },
                RoleDefinitionId = UserAccessAdministrator,
                DelegatedRoleDefinitionIds = [Contributor],
            },
        ],
        EligibleAuthorizations = eligible
            ?
            [
                new EligibleAuthorization
                {
                    Principal = new Principal { Id = Ops, DisplayName = "Contoso Ops" },
                    RoleDefinitionId = ResourcePolicyContributor,
                    JustInTimeAccessPolicy = new JustInTimeAccessPolicy
                    {
                        MultiFactorAuthProvider = MultiFactorAuthProvider.Azure,
                        MaximumActivationDuration = TimeSpan.FromMinutes(90),
                        Approvers = approvers ? [new Principal { Id = Approver, DisplayName = "Approvers" }] : ImmutableArray<Principal>.Empty,
                    },
                },
            ]
            : [],
    };

    public static OnboardingDefinition Definition(bool eligible = true, bool approvers = true, bool plan = false) => new()
    {
        Name = "Contoso Managed Infrastructure",
        Description = "Monitoring and patching by Contoso",
        Manifest = Manifest(eligible, approvers),
        Plan = plan ? new MarketplacePlanReference { Publisher = "contoso", Product = "managed-infra", Name = "gold", Version = "1.0.0" } : null,
    };
}
