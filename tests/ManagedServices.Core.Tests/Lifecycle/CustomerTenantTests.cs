using ManagedServices.Lifecycle;
using ManagedServices.Offers;
using ManagedServices.Arm;
using static ManagedServices.Tests.Lifecycle.LifecycleArbitraries;
using static ManagedServices.Tests.Lifecycle.LifecycleFixtures;

namespace ManagedServices.Tests.Lifecycle;

public class CustomerTenantTests
{
    private static readonly ResourceScope Sub0 = ResourceScope.ForSubscription(Subscriptions[0]);
    private static readonly ResourceScope Rg1 = ResourceScope.ForResourceGroup(Subscriptions[0], "rg-app");
    private static readonly ResourceScope Rg2 = ResourceScope.ForResourceGroup(Subscriptions[0], "rg-data");

    private static OfferLifecycle PublishedOffer() =>
        OfferLifecycle.Create(Offer(PublicPlan(), PrivatePlan("plan-b", Subscriptions[0], Subscriptions[1]))).Publish().GetValueOrThrow();

    private static CustomerTenant Bought(OfferLifecycle offer, string planId = "plan-a") =>
        CustomerTenant.Create(CustomerTenantId).Purchase(offer, planId, [Subscriptions[0], Subscriptions[1]]).GetValueOrThrow();

    private static void AssertRefused(LifecycleResult<CustomerTenant> result, CustomerTenant before, string code)
    {
        Assert.True(result.HasErrors);
        Assert.Same(before, result.Value);
        Assert.Contains(result.Diagnostics, d => d.Code == code && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Purchase_PublicPlan_RecordsLatestVersion()
    {
        var customer = Bought(PublishedOffer());
        var purchase = Assert.Single(customer.Purchases);
        Assert.Equal(("contoso", "contoso-managed", "Contoso Managed Operations", "plan-a"), (purchase.PublisherId, purchase.OfferId, purchase.OfferName, purchase.PlanId));
        Assert.Equal([Subscriptions[0], Subscriptions[1]], purchase.Subscriptions.ToArray());
        Assert.Equal(new ManifestVersion(1, 0, 0), purchase.AcceptedVersion.Version);
        Assert.Equal("1.0.0", purchase.PlanReference.Version);
        Assert.Empty(customer.Delegations);
    }

    [Fact]
    public void Purchase_Again_AddsSubscriptions()
    {
        var offer = PublishedOffer();
        var customer = Bought(offer).Purchase(offer, "plan-a", [Subscriptions[1], Subscriptions[2]]).GetValueOrThrow();
        Assert.Equal([Subscriptions[0], Subscriptions[1], Subscriptions[2]], Assert.Single(customer.Purchases).Subscriptions.ToArray());
    }

    [Fact]
    public void Purchase_PrivatePlan_OnlyForAudience()
    {
        var offer = PublishedOffer();
        var customer = CustomerTenant.Create(CustomerTenantId);
        Assert.False(customer.Purchase(offer, "plan-b", [Subscriptions[1]]).HasErrors);
        var result = customer.Purchase(offer, "plan-b", [Subscriptions[1], Subscriptions[3]]);
        AssertRefused(result, customer, DiagnosticCodes.SubscriptionNotInAudience);
        Assert.Equal("subscriptions[1]", Assert.Single(result.Diagnostics).Path);
    }

    [Fact]
    public void Purchase_StopSoldPlan_IsRefused()
    {
        var offer = PublishedOffer().StopSelling("plan-a").GetValueOrThrow();
        var customer = CustomerTenant.Create(CustomerTenantId);
        AssertRefused(customer.Purchase(offer, "plan-a", [Subscriptions[0]]), customer, DiagnosticCodes.PlanStopSold);
    }

    [Fact]
    public void Purchase_ByManagingTenantItself_IsRefused()
    {
        var customer = CustomerTenant.Create(ManagingTenant);
        AssertRefused(customer.Purchase(PublishedOffer(), "plan-a", [Subscriptions[0]]), customer, DiagnosticCodes.ManagingTenantIsCustomerTenant);
    }

    [Fact]
    public void Purchase_NoSubscriptionOrUnpublishedPlan_IsRefused()
    {
        var customer = CustomerTenant.Create(CustomerTenantId);
        AssertRefused(customer.Purchase(PublishedOffer(), "plan-a", []), customer, DiagnosticCodes.NothingSelected);
        AssertRefused(customer.Purchase(PublishedOffer(), "plan-z", [Subscriptions[0]]), customer, DiagnosticCodes.PlanNotPublished);
        AssertRefused(customer.Purchase(OfferLifecycle.Create(Offer(PublicPlan())), "plan-a", [Subscriptions[0]]), customer, DiagnosticCodes.PlanNotPublished);
    }

    [Fact]
    public void Onboard_SubscriptionAndResourceGroups_NamesLikeTheTemplates()
    {
        var customer = Bought(PublishedOffer());
        var sub1 = ResourceScope.ForSubscription(Subscriptions[1]);
        var onboarded = customer.Onboard("contoso-managed", "plan-a", [Rg1, Rg2, sub1]).GetValueOrThrow();
        Assert.Equal(3, onboarded.Delegations.Length);
        var expected = ArmGuid.Create("Contoso Managed Operations");
        Assert.All(onboarded.Delegations, d =>
        {
            Assert.Equal(CustomerTenantId, d.CustomerTenantId);
            Assert.Equal(expected, d.Definition.Id);
            Assert.Equal(expected, d.AssignmentId);
            Assert.Equal("Contoso Managed Operations", d.Definition.Name);
            Assert.Equal("Operations by Contoso", d.Definition.Description);
            Assert.Equal(ReaderManifest(), d.Definition.Manifest);
            Assert.Equal(new MarketplacePlanReference { Publisher = "contoso", Product = "contoso-managed", Name = "plan-a", Version = "1.0.0" }, d.Definition.Plan);
        });
        Assert.Equal([Rg1, Rg2, sub1], onboarded.Delegations.Select(d => d.Scope));
        Assert.Equal(3, onboarded.DelegationsOf(onboarded.Purchases[0]).Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Onboard_DefinitionName_MatchesWhatTheOnboardingTemplateEvaluatesTo(bool resourceGroup)
    {
        var onboarded = Bought(PublishedOffer()).Onboard("contoso-managed", "plan-a", [resourceGroup ? Rg1 : Sub0]).GetValueOrThrow();
        var definition = new OnboardingDefinition { Name = "Contoso Managed Operations", Manifest = ReaderManifest() };
        var target = resourceGroup ? OnboardingTarget.ForResourceGroup("rg-app") : OnboardingTarget.ForSubscription();
        var files = OnboardingTemplate.Write(definition, target).GetValueOrThrow();
        var content = OnboardingTemplate.Read(files.Template, files.Parameters).GetValueOrThrow();
        Assert.Equal(Assert.Single(content.RegistrationDefinitions).Id, Assert.Single(onboarded.Delegations).Definition.Id);
    }

    [Fact]
    public void Onboard_SecondAssignmentAtSameScope_IsRefusedQuotingTheService()
    {
        var customer = Bought(PublishedOffer()).Onboard("contoso-managed", "plan-a", [Rg1]).GetValueOrThrow();
        var result = customer.Onboard("contoso-managed", "plan-a", [Rg2, Rg1]);
        AssertRefused(result, customer, DiagnosticCodes.MultipleRegistrationAssignments);
        var d = Assert.Single(result.Diagnostics);
        Assert.Contains("Multiple registration assignments are not allowed", d.Message, StringComparison.Ordinal);
        Assert.Equal("scopes[1]", d.Path);

        var fresh = Bought(PublishedOffer());
        AssertRefused(fresh.Onboard("contoso-managed", "plan-a", [Rg1, Rg1]), fresh, DiagnosticCodes.MultipleRegistrationAssignments);
    }

    [Fact]
    public void Onboard_OtherPlanOfSameOfferInSameSubscription_IsRefused()
    {
        var offer = PublishedOffer();
        var customer = Bought(offer).Purchase(offer, "plan-b", [Subscriptions[0], Subscriptions[1]]).GetValueOrThrow()
            .Onboard("contoso-managed", "plan-a", [Sub0]).GetValueOrThrow();
        AssertRefused(customer.Onboard("contoso-managed", "plan-b", [Sub0]), customer, DiagnosticCodes.RegistrationDefinitionTaken);
        AssertRefused(customer.Onboard("contoso-managed", "plan-b", [Rg1]), customer, DiagnosticCodes.RegistrationDefinitionTaken);
        Assert.False(customer.Onboard("contoso-managed", "plan-b", [ResourceScope.ForSubscription(Subscriptions[1])]).HasErrors);
    }

    [Fact]
    public void Onboard_ScopeOutsidePurchase_IsRefused()
    {
        var customer = Bought(PublishedOffer());
        AssertRefused(customer.Onboard("contoso-managed", "plan-a", [ResourceScope.ForResourceGroup(Subscriptions[4], "rg")]), customer, DiagnosticCodes.ScopeNotPurchased);
        AssertRefused(customer.Onboard("contoso-managed", "plan-a", [ResourceScope.Parse("/providers/Microsoft.Management/managementGroups/mg")]), customer, DiagnosticCodes.ScopeNotDelegable);
        AssertRefused(customer.Onboard("contoso-managed", "plan-a", [ResourceScope.Parse(Rg1 + "/providers/Microsoft.Compute/virtualMachines/vm")]), customer, DiagnosticCodes.ScopeNotDelegable);
        AssertRefused(customer.Onboard("contoso-managed", "plan-a", []), customer, DiagnosticCodes.NothingSelected);
        AssertRefused(customer.Onboard("contoso-managed", "plan-b", [Sub0]), customer, DiagnosticCodes.PlanNotPurchased);
    }

    private static OfferLifecycle WithVersion(OfferLifecycle offer, DelegationManifest manifest) =>
        offer.UpdateDraft(offer.Draft.Replace("plan-a", p => p with { Manifest = manifest })).GetValueOrThrow().Publish().GetValueOrThrow();

    [Fact]
    public void AcceptUpdate_NewVersion_AppliesToEveryDelegatedScopeOnlyAfterAcceptance()
    {
        var offer = PublishedOffer();
        var customer = Bought(offer).Onboard("contoso-managed", "plan-a", [Rg1, Rg2]).GetValueOrThrow();
        var v11 = ReaderManifest("1.1.0").ToBuilder().AddAuthorization(Principals[0], BuiltInRoleIds.Contributor).Build();
        var offer2 = WithVersion(offer, v11);

        // Until accepted, the old version stays in force.
        Assert.All(customer.Delegations, d => Assert.Equal(ReaderManifest(), d.Definition.Manifest));
        var review = customer.ReviewUpdate(offer2, "plan-a");
        Assert.False(review.HasErrors);
        Assert.Contains(review.Value.Widenings, c => c.RoleDefinitionId == BuiltInRoleIds.Contributor);

        var updated = customer.AcceptUpdate(offer2, "plan-a").GetValueOrThrow();
        Assert.Equal(new ManifestVersion(1, 1, 0), updated.Purchases[0].AcceptedVersion.Version);
        Assert.All(updated.Delegations, d =>
        {
            Assert.Equal(v11, d.Definition.Manifest);
            Assert.Equal("1.1.0", d.Definition.Plan!.Version);
        });
        Assert.Equal(customer.Delegations.Select(d => (d.Scope, d.AssignmentId)), updated.Delegations.Select(d => (d.Scope, d.AssignmentId)));
    }

    [Fact]
    public void AcceptUpdate_NoNewerVersion_IsRefused()
    {
        var offer = PublishedOffer();
        var customer = Bought(offer);
        AssertRefused(customer.AcceptUpdate(offer, "plan-a"), customer, DiagnosticCodes.NoNewerVersion);
        Assert.Contains(customer.ReviewUpdate(offer, "plan-a").Diagnostics, d => d.Code == DiagnosticCodes.NoNewerVersion);
        AssertRefused(customer.AcceptUpdate(offer, "plan-b"), customer, DiagnosticCodes.PlanNotPurchased);
    }

    [Fact]
    public void AcceptUpdate_ManagingTenantChanged_NeverReachesTheCustomer_PublishRefusesIt()
    {
        // One rule (OfferLifecycle.ManagingTenantChange): the version is refused where it is published, so no
        // customer is ever offered it.
        var offer = PublishedOffer();
        var moved = ReaderManifest("2.0.0") with { ManagingTenantId = OtherManagingTenant };
        var publish = offer.UpdateDraft(offer.Draft.Replace("plan-a", p => p with { Manifest = moved })).GetValueOrThrow().Publish();
        Assert.True(publish.HasErrors);
        Assert.Contains(publish.Diagnostics, static d => d.Code == DiagnosticCodes.ManagingTenantChangeRequiresNewOffer);
    }

    [Fact]
    public void AcceptUpdate_StopSoldPlan_StillAllowedForExistingCustomers()
    {
        var offer = PublishedOffer();
        var customer = Bought(offer);
        var offer2 = WithVersion(offer, ReaderManifest("1.0.1")).StopSelling("plan-a").GetValueOrThrow();
        Assert.False(customer.AcceptUpdate(offer2, "plan-a").HasErrors);
    }

    [Fact]
    public void Remove_ByCustomer_RemovesOnlyThatDelegation()
    {
        var customer = Bought(PublishedOffer()).Onboard("contoso-managed", "plan-a", [Rg1, Rg2]).GetValueOrThrow();
        var removed = customer.Remove(customer.Delegations[0]).GetValueOrThrow();
        Assert.Equal(Rg2, Assert.Single(removed.Delegations).Scope);
        Assert.Single(removed.Purchases);
        AssertRefused(removed.Remove(customer.Delegations[0]), removed, DiagnosticCodes.DelegationNotFound);
        // The scope is free again for the same offer.
        Assert.False(removed.Onboard("contoso-managed", "plan-a", [Rg1]).HasErrors);
    }

    [Fact]
    public void ToString_CountsPurchasesAndDelegations() =>
        Assert.Equal($"{CustomerTenantId}: 1 purchase(s), 0 delegation(s)", Bought(PublishedOffer()).ToString());
}
