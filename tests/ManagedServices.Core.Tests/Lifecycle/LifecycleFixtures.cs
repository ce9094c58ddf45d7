using ManagedServices.Offers;
using static ManagedServices.Tests.Lifecycle.LifecycleArbitraries;

namespace ManagedServices.Tests.Lifecycle;

/// <summary>Shared values for the lifecycle tests.</summary>
internal static class LifecycleFixtures
{
    public static readonly TenantId CustomerTenantId = TenantId.Parse("c0000000-0000-0000-0000-00000000c001");

    public static readonly SubscriptionId[] Subscriptions =
    [
        SubscriptionId.Parse("5b000000-0000-0000-0000-000000000001"),
        SubscriptionId.Parse("5b000000-0000-0000-0000-000000000002"),
        SubscriptionId.Parse("5b000000-0000-0000-0000-000000000003"),
        SubscriptionId.Parse("5b000000-0000-0000-0000-000000000004"),
        SubscriptionId.Parse("5b000000-0000-0000-0000-000000000005"),
    ];

    public static DelegationManifest ReaderManifest(string version = "1.0.0") =>
        new DelegationManifestBuilder()
            .WithManagingTenant(ManagingTenant)
            .WithVersion(version)
            .AddAuthorization(Principals[0], BuiltInRoleIds.Reader)
            .AddAuthorization(Principals[0], BuiltInRoleIds.RegistrationAssignmentDelete)
            .Build();

    public static Plan PublicPlan(string id = "plan-a", DelegationManifest? manifest = null) => new()
    {
        Id = id,
        Name = "Plan " + id,
        Visibility = PlanVisibility.Public,
        Manifest = manifest ?? ReaderManifest(),
    };

    public static Plan PrivatePlan(string id, params SubscriptionId[] audience) => new()
    {
        Id = id,
        Name = "Plan " + id,
        Visibility = PlanVisibility.Private,
        Audience = [.. audience],
        Manifest = ReaderManifest(),
    };

    public static Offer Offer(params Plan[] plans) => new()
    {
        Id = "contoso-managed",
        DisplayName = "Contoso Managed Operations",
        PublisherId = "contoso",
        Description = "Operations by Contoso",
        Plans = [.. plans],
    };

    public static Plan WithPlan(this Offer offer, string planId, Func<Plan, Plan> change) =>
        change(offer.Plans.Single(p => p.Id == planId));

    public static Offer Replace(this Offer offer, string planId, Func<Plan, Plan> change) =>
        offer with { Plans = [.. offer.Plans.Select(p => p.Id == planId ? change(p) : p)] };
}
