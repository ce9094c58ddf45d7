using ManagedServices.Lifecycle;
using ManagedServices.Arm;
using ManagedServices.Tests.Arm;

namespace ManagedServices.Tests.Lifecycle;

/// <summary>Delegations of templates in the lifecycle: <see cref="DelegationDiff"/> and <see cref="CustomerTenant.Deploy"/>.</summary>
public class TemplateDelegationLifecycleTests
{
    private static readonly SubscriptionId Subscription = SubscriptionId.Parse(DelegationTemplates.Subscription);
    private static readonly TenantId Customer = TenantId.Parse("33333333-3333-4333-8333-333333333333");

    private static OnboardingTemplateContent Read(IReadOnlyList<HandDefinition> definitions, IReadOnlyList<HandAssignment> assignments, SubscriptionId? subscription = null) =>
        OnboardingTemplate.Read(DelegationTemplates.Write(definitions, assignments), null, new OnboardingReadOptions { SubscriptionId = subscription ?? Subscription }).GetValueOrThrow();

    private static DelegationDiff Diff(IReadOnlyList<HandAssignment> older, IReadOnlyList<HandAssignment> newer, HandDefinition? newA = null) =>
        DelegationDiff.Compare(
            OnboardingTemplate.Delegations(Read([DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], older), Customer),
            OnboardingTemplate.Delegations(Read([newA ?? DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], newer), Customer));

    [Fact]
    public void Compare_NewlyAssignedDefinition_IsAnAddedWidening()
    {
        var diff = Diff([new HandAssignment("A", "alpha")], [new HandAssignment("A", "alpha"), new HandAssignment("B", "alpha")]);

        var change = Assert.Single(diff.Changes);
        Assert.Equal(ManifestChangeKind.Added, change.Kind);
        Assert.Equal(AccessChangeDirection.Widening, change.Direction);
        Assert.Equal("Contoso Managed Services B", change.New!.Name);
        Assert.True(diff.WidensAccess);
    }

    [Fact]
    public void Compare_ResourceGroupToSubscription_Widens_AndBackNarrows()
    {
        var widening = Diff([new HandAssignment("A", "alpha")], [new HandAssignment("A", null)]);
        var narrowing = Diff([new HandAssignment("A", null)], [new HandAssignment("A", "alpha")]);

        Assert.True(widening.WidensAccess);
        Assert.False(narrowing.WidensAccess);
        var covered = Assert.Single(narrowing.Changes, static c => c.Kind == ManifestChangeKind.Added);
        Assert.Equal($"/subscriptions/{Subscription}", covered.CoveringScope.ToString());
    }

    [Fact]
    public void Compare_CoveringDelegationWithLessAccess_StillWidens()
    {
        // The subscription had Reader for DelegationTemplates.Alice; the resource group now gives DelegationTemplates.Alice Contributor: not covered.
        var diff = Diff([new HandAssignment("A", null)], [new HandAssignment("A", "alpha")], newA: DelegationTemplates.ReaderForAlice with { Authorizations = [(DelegationTemplates.Alice, DelegationTemplates.Contributor)] });

        Assert.True(diff.WidensAccess);
    }

    [Fact]
    public void Compare_SameDelegations_IsEmpty_AndRemovalNarrows()
    {
        var same = Diff([new HandAssignment("A", "alpha"), new HandAssignment("B", null)], [new HandAssignment("B", null), new HandAssignment("A", "ALPHA")]);
        var removed = Diff([new HandAssignment("A", "alpha"), new HandAssignment("B", null)], [new HandAssignment("A", "alpha")]);

        Assert.True(same.IsEmpty, same.ToText());
        Assert.False(removed.WidensAccess);
        Assert.Equal(ManifestChangeKind.Removed, Assert.Single(removed.Changes).Kind);
    }

    [Fact]
    public void Compare_ManifestChangeInPlace_CarriesTheManifestDiff()
    {
        var diff = Diff([new HandAssignment("A", "alpha")], [new HandAssignment("A", "alpha")], newA: DelegationTemplates.ReaderForAlice with { Authorizations = [(DelegationTemplates.Alice, DelegationTemplates.Contributor)] });

        var change = Assert.Single(diff.Changes);
        Assert.Equal(ManifestChangeKind.Changed, change.Kind);
        Assert.True(change.Manifest!.WidensAccess);
        Assert.Contains("\"change\": \"changed\"", diff.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_AddsExactlyTheTemplatesDelegations()
    {
        var content = Read([DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], [new HandAssignment("B", "alpha")]);

        var result = CustomerTenant.Create(Customer).Deploy(content);

        Assert.Empty(result.Diagnostics);
        var delegation = Assert.Single(result.Value.Delegations);
        Assert.Equal("Contoso Managed Services B", delegation.Definition.Name);
        Assert.Equal($"/subscriptions/{Subscription}/resourceGroups/alpha", delegation.Scope.ToString());
        Assert.Equal(Customer, delegation.CustomerTenantId);
    }

    [Fact]
    public void Deploy_Refusals()
    {
        var tenant = CustomerTenant.Create(Customer);
        var unknown = OnboardingTemplate.Read(DelegationTemplates.Write([DelegationTemplates.ReaderForAlice], [new HandAssignment("A", null)])).Value!;
        var nothing = Read([DelegationTemplates.ReaderForAlice], []);
        var content = Read([DelegationTemplates.ReaderForAlice], [new HandAssignment("A", null)]);
        var twice = tenant.Deploy(content).Value.Deploy(content);

        Assert.Equal(DiagnosticCodes.DeploymentSubscriptionUnknown, Assert.Single(tenant.Deploy(unknown).Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.DeploymentDelegatesNothing, Assert.Single(tenant.Deploy(nothing).Diagnostics).Code);
        Assert.Equal(DiagnosticCodes.MultipleRegistrationAssignments, Assert.Single(twice.Diagnostics).Code);
        Assert.Same(tenant, tenant.Deploy(nothing).Value);
    }
}
