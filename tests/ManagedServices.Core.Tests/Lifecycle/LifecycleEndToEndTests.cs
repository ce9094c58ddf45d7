using ManagedServices.Access;
using ManagedServices.Lifecycle;
using ManagedServices.Offers;
using static ManagedServices.Tests.Lifecycle.LifecycleFixtures;

namespace ManagedServices.Tests.Lifecycle;

/// <summary>
/// The worked example of docs/lifecycle.md, step by step: publish 1.0.0, onboard two resource groups, publish 1.1.0
/// adding Contributor, review the diff, accept, check access, remove.
/// </summary>
public class LifecycleEndToEndTests
{
    private static readonly TenantId Contoso = TenantId.Parse("6d1b4c1a-0000-4000-8000-00000000c0de");
    private static readonly TenantId Customer = TenantId.Parse("fa6e1c2b-0000-4000-8000-0000000fab00");
    private static readonly SubscriptionId Subscription = SubscriptionId.Parse("0b5c3f6e-7a8d-4e2f-9c1b-2d3e4f5a6b7c");
    private static readonly Principal Ana = Principal.User(PrincipalId.Parse("a7a00000-0000-4000-8000-000000000001"), "Ana (operations)");
    private static readonly Principal Offboarding = Principal.ServicePrincipal(PrincipalId.Parse("0ff00000-0000-4000-8000-000000000002"), "Offboarding automation");

    private const string VmWrite = "Microsoft.Compute/virtualMachines/write";
    private const string VmRead = "Microsoft.Compute/virtualMachines/read";

    private static AccessDecision Check(CustomerTenant customer, Principal who, string action, ResourceScope scope) =>
        customer.CreateEvaluator().Check(new AccessRequest(who.Id, action, scope.ToString() + "/providers/Microsoft.Compute/virtualMachines/vm1") { PrincipalTenantId = Contoso });

    [Fact]
    public void WorkedExample_PublishOnboardUpdateRemove()
    {
        // 1. The provider publishes version 1.0.0: Ana reads, the offboarding automation may remove delegations.
        var v100 = new DelegationManifestBuilder()
            .WithManagingTenant(Contoso)
            .WithVersion("1.0.0")
            .AddAuthorization(Ana, BuiltInRoleIds.Reader)
            .AddAuthorization(Offboarding, BuiltInRoleIds.RegistrationAssignmentDelete)
            .Build();
        var offer = OfferLifecycle.Create(new Offer
        {
            Id = "contoso-operations",
            DisplayName = "Contoso Operations",
            PublisherId = "contoso",
            Plans = [new Plan { Id = "standard", Name = "Standard", Manifest = v100 }],
        }).Publish().GetValueOrThrow();

        // 2. The customer buys the plan for a subscription and delegates two resource groups.
        var rgApp = ResourceScope.ForResourceGroup(Subscription, "rg-app");
        var rgData = ResourceScope.ForResourceGroup(Subscription, "rg-data");
        var customer = CustomerTenant.Create(Customer)
            .Purchase(offer, "standard", [Subscription]).GetValueOrThrow()
            .Onboard("contoso-operations", "standard", [rgApp, rgData]).GetValueOrThrow();
        Assert.Equal(2, customer.Delegations.Length);
        Assert.True(Check(customer, Ana, VmRead, rgApp).IsAllowed);
        Assert.Equal(AccessReason.ActionNotInRole, Check(customer, Ana, VmWrite, rgApp).Reason);
        Assert.Equal(AccessReason.NoDelegationCoversScope, Check(customer, Ana, VmRead, ResourceScope.ForResourceGroup(Subscription, "rg-other")).Reason);

        // A Reader cannot remove a delegation: the evaluator denies registrationAssignments/delete.
        var refused = customer.RemoveAsProvider(customer.Delegations[0], Ana.Id);
        Assert.True(refused.HasErrors);
        Assert.Same(customer, refused.Value);
        Assert.Equal(DiagnosticCodes.RemovalNotAuthorized, Assert.Single(refused.Diagnostics).Code);

        // 3. The provider publishes 1.1.0, which adds Contributor for Ana.
        var v110 = v100.ToBuilder().WithVersion("1.1.0").AddAuthorization(Ana, BuiltInRoleIds.Contributor).Build();
        offer = offer.UpdateDraft(offer.Draft with { Plans = [offer.Draft.Plans[0] with { Manifest = v110 }] }).GetValueOrThrow()
            .Publish().GetValueOrThrow();

        // 4. The customer reviews the diff: Contributor widens Ana's access.
        var diff = customer.ReviewUpdate(offer, "standard").GetValueOrThrow();
        var widening = Assert.Single(diff.Widenings);
        Assert.Equal((AccessChangeRule.Role, AccessChangeSeverity.High, BuiltInRoleIds.Contributor), (widening.Rule, widening.Severity, widening.RoleDefinitionId!.Value));
        Assert.Contains("'Ana (operations)'", diff.ToText(), StringComparison.Ordinal);

        // Until the customer accepts, 1.0.0 stays in force.
        Assert.False(Check(customer, Ana, VmWrite, rgApp).IsAllowed);

        // 5. The customer accepts: the new manifest applies to both resource groups.
        customer = customer.AcceptUpdate(offer, "standard").GetValueOrThrow();
        Assert.True(Check(customer, Ana, VmWrite, rgApp).IsAllowed);
        Assert.True(Check(customer, Ana, VmWrite, rgData).IsAllowed);

        // 6. The offboarding automation holds the Registration Assignment Delete Role and could remove a delegation;
        //    the customer always can.
        Assert.False(customer.RemoveAsProvider(customer.Delegations[0], Offboarding.Id).HasErrors);

        customer = customer.Remove(customer.Delegations[0]).GetValueOrThrow();
        Assert.Equal(AccessReason.NoDelegationCoversScope, Check(customer, Ana, VmWrite, rgApp).Reason);
        Assert.True(Check(customer, Ana, VmWrite, rgData).IsAllowed);
    }

    [Fact]
    public void RemoveAsProvider_WithoutDeleteRole_IsRefusedWithReason()
    {
        var manifest = new DelegationManifestBuilder().WithManagingTenant(Contoso).AddAuthorization(Ana, BuiltInRoleIds.Reader).Build();
        var offer = OfferLifecycle.Create(new Offer { Id = "o", DisplayName = "O", PublisherId = "p", Plans = [new Plan { Id = "p1", Name = "P1", Manifest = manifest }] })
            .Publish().GetValueOrThrow();
        var customer = CustomerTenant.Create(Customer).Purchase(offer, "p1", [Subscription]).GetValueOrThrow()
            .Onboard("o", "p1", [ResourceScope.ForSubscription(Subscription)]).GetValueOrThrow();
        var result = customer.RemoveAsProvider(customer.Delegations[0], Ana.Id);
        Assert.True(result.HasErrors);
        Assert.Contains(nameof(AccessReason.ActionNotInRole), result.Diagnostics[0].Message, StringComparison.Ordinal);
        var stranger = customer.RemoveAsProvider(customer.Delegations[0], Offboarding.Id);
        Assert.Contains(nameof(AccessReason.PrincipalNotAuthorized), stranger.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticCodes.DelegationNotFound,
            Assert.Single(customer.RemoveAsProvider(customer.Delegations[0] with { Scope = ResourceScope.ForResourceGroup(Subscription, "x") }, Ana.Id).Diagnostics).Code);
    }

    [Fact]
    public void RemoveAsProvider_FromAnotherTenant_IsRefused()
    {
        var manifest = new DelegationManifestBuilder().WithManagingTenant(Contoso).AddAuthorization(Offboarding, BuiltInRoleIds.RegistrationAssignmentDelete).AddAuthorization(Ana, BuiltInRoleIds.Reader).Build();
        var offer = OfferLifecycle.Create(new Offer { Id = "o", DisplayName = "O", PublisherId = "p", Plans = [new Plan { Id = "p1", Name = "P1", Manifest = manifest }] })
            .Publish().GetValueOrThrow();
        var customer = CustomerTenant.Create(Customer).Purchase(offer, "p1", [Subscription]).GetValueOrThrow()
            .Onboard("o", "p1", [ResourceScope.ForSubscription(Subscription)]).GetValueOrThrow();
        Assert.True(customer.RemoveAsProvider(customer.Delegations[0], Offboarding.Id, principalTenantId: Customer).HasErrors);
        Assert.False(customer.RemoveAsProvider(customer.Delegations[0], Offboarding.Id).HasErrors);
    }

    [Fact]
    public void RemoveAsProvider_Contributor_IsRefusedBecauseOnlyTheDeleteRoleRemovesADelegation()
    {
        // Lighthouse's rule (rule book 2.3): Contributor's '*' does not reach registrationAssignments/delete.
        var manifest = new DelegationManifestBuilder().WithManagingTenant(Contoso).AddAuthorization(Ana, BuiltInRoleIds.Contributor).Build();
        var offer = OfferLifecycle.Create(new Offer { Id = "o", DisplayName = "O", PublisherId = "p", Plans = [new Plan { Id = "p1", Name = "P1", Manifest = manifest }] })
            .Publish().GetValueOrThrow();
        var customer = CustomerTenant.Create(Customer).Purchase(offer, "p1", [Subscription]).GetValueOrThrow()
            .Onboard("o", "p1", [ResourceScope.ForSubscription(Subscription)]).GetValueOrThrow();
        var refused = customer.RemoveAsProvider(customer.Delegations[0], Ana.Id);
        Assert.True(refused.HasErrors);
        var diagnostic = Assert.Single(refused.Diagnostics);
        Assert.Equal(DiagnosticCodes.RemovalNotAuthorized, diagnostic.Code);
        Assert.Contains(nameof(AccessReason.ManagedServicesOperationNotDelegable), diagnostic.Message, StringComparison.Ordinal);
    }
}
