using System.Collections.Immutable;
using ManagedServices.Lifecycle;
using ManagedServices.Offers;
using static ManagedServices.Tests.Lifecycle.LifecycleArbitraries;
using static ManagedServices.Tests.Lifecycle.LifecycleFixtures;

namespace ManagedServices.Tests.Lifecycle;

public class OfferLifecycleTests
{
    private static OfferLifecycle Published(Offer offer) => OfferLifecycle.Create(offer).Publish().GetValueOrThrow();

    private static void AssertRefused(LifecycleResult<OfferLifecycle> result, OfferLifecycle before, string code)
    {
        Assert.True(result.HasErrors);
        Assert.Same(before, result.Value);
        Assert.Contains(result.Diagnostics, d => d.Code == code && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Publish_FirstTime_StartsOneVersionPerPlan()
    {
        var state = OfferLifecycle.Create(Offer(PublicPlan(), PrivatePlan("plan-b", Subscriptions[0])));
        Assert.False(state.IsPublished);
        var result = state.Publish();
        Assert.False(result.HasErrors, result.ToString());
        var published = result.Value;
        Assert.True(published.IsPublished);
        Assert.Equal(1, published.Publications);
        Assert.Equal(["plan-a", "plan-b"], published.Plans.Select(p => p.PlanId));
        Assert.All(published.Plans, p => Assert.Equal(new ManifestVersion(1, 0, 0), Assert.Single(p.Versions).Version));
        Assert.Equal(1, published.Plans[0].Latest.Publication);
    }

    [Fact]
    public void UpdateDraft_BeforePublication_MayChangeAnything()
    {
        var state = OfferLifecycle.Create(Offer(PublicPlan()));
        var draft = Offer(PrivatePlan("other", Subscriptions[0])) with { Id = "renamed", PublisherId = "fabrikam" };
        Assert.False(state.UpdateDraft(draft).HasErrors);
    }

    [Fact]
    public void UpdateDraft_OfferIdChangedAfterPublication_IsRefused()
    {
        var state = Published(Offer(PublicPlan()));
        AssertRefused(state.UpdateDraft(state.Draft with { Id = "renamed" }), state, DiagnosticCodes.OfferIdChanged);
    }

    [Fact]
    public void UpdateDraft_PublisherChangedAfterPublication_IsRefused()
    {
        var state = Published(Offer(PublicPlan()));
        AssertRefused(state.UpdateDraft(state.Draft with { PublisherId = "fabrikam" }), state, DiagnosticCodes.PublisherChanged);
    }

    [Fact]
    public void UpdateDraft_PublishedPlanRemovedOrRenamed_IsRefused()
    {
        var state = Published(Offer(PublicPlan(), PublicPlan("plan-b")));
        AssertRefused(state.UpdateDraft(Offer(PublicPlan())), state, DiagnosticCodes.PublishedPlanRemoved);
        AssertRefused(state.UpdateDraft(state.Draft.Replace("plan-b", p => p with { Id = "plan-c" })), state, DiagnosticCodes.PublishedPlanRemoved);
    }

    [Fact]
    public void UpdateDraft_PublicPlanMadePrivate_IsRefused()
    {
        var state = Published(Offer(PublicPlan()));
        var privateDraft = state.Draft.Replace("plan-a", p => p with { Visibility = PlanVisibility.Private, Audience = [Subscriptions[0]] });
        var result = state.UpdateDraft(privateDraft);
        AssertRefused(result, state, DiagnosticCodes.PublicPlanMadePrivate);
        Assert.Equal("plans[0].visibility", result.Diagnostics.Single().Path);
    }

    [Fact]
    public void UpdateDraft_PrivatePlanMadePublic_IsAllowedAndThenFinal()
    {
        var state = Published(Offer(PrivatePlan("plan-b", Subscriptions[0])));
        var state2 = state.UpdateDraft(state.Draft.Replace("plan-b", p => p with { Visibility = PlanVisibility.Public })).GetValueOrThrow().Publish().GetValueOrThrow();
        Assert.Equal(PlanVisibility.Public, state2.Plans[0].Current.Visibility);
        AssertRefused(state2.UpdateDraft(state.Draft), state2, DiagnosticCodes.PublicPlanMadePrivate);
    }

    [Fact]
    public void Publish_PrivatePlanWithoutAudience_IsRefused()
    {
        var state = OfferLifecycle.Create(Offer(PrivatePlan("plan-b")));
        var result = state.Publish();
        AssertRefused(result, state, DiagnosticCodes.PrivatePlanWithoutAudience);
        Assert.Equal("plans[0].audience", result.Diagnostics.Single().Path);
    }

    [Fact]
    public void Publish_AudienceOver10000_IsRefused_AndExactly10000_IsAccepted()
    {
        var many = Enumerable.Range(1, 10_001).Select(i => new SubscriptionId(new Guid(i, 0, 0, new byte[8]))).ToArray();
        var state = OfferLifecycle.Create(Offer(PrivatePlan("plan-b", many)));
        AssertRefused(state.Publish(), state, DiagnosticCodes.AudienceTooLarge);
        Assert.False(OfferLifecycle.Create(Offer(PrivatePlan("plan-b", many[..10_000]))).Publish().HasErrors);
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("0.9.9")]
    public void Publish_ChangedManifestWithoutGreaterVersion_IsRefused(string version)
    {
        var state = Published(Offer(PublicPlan()));
        var changed = ReaderManifest(version).ToBuilder().AddAuthorization(Principals[1], BuiltInRoleIds.Reader).Build();
        var edited = state.UpdateDraft(state.Draft.Replace("plan-a", p => p with { Manifest = changed })).GetValueOrThrow();
        var result = edited.Publish();
        AssertRefused(result, edited, DiagnosticCodes.ManifestVersionNotIncreased);
        Assert.Equal("plans[0].manifest.version", result.Diagnostics.Single().Path);
    }

    /// <summary>
    /// A new version of a published plan that delegates to another managing tenant is refused (a new offer is needed),
    /// whatever else changed; the same tenant with any change is not refused for that reason.
    /// </summary>
    [Theory]
    [InlineData("2.0.0", true)]
    [InlineData("1.0.1", false)]
    [InlineData("1.0.0", false)]
    public void Publish_NewVersionWithAnotherManagingTenant_IsRefused(string version, bool otherChanges)
    {
        var state = Published(Offer(PublicPlan(), PublicPlan("plan-b")));
        var builder = ReaderManifest(version).ToBuilder().WithManagingTenant(OtherManagingTenant);
        var moved = otherChanges ? builder.AddAuthorization(Principals[1], BuiltInRoleIds.Reader).Build() : builder.Build();
        var edited = state.UpdateDraft(state.Draft.Replace("plan-b", p => p with { Manifest = moved })).GetValueOrThrow();

        var result = edited.Publish();

        AssertRefused(result, edited, DiagnosticCodes.ManagingTenantChangeRequiresNewOffer);
        var d = Assert.Single(result.Diagnostics, static d => d.Code == DiagnosticCodes.ManagingTenantChangeRequiresNewOffer);
        Assert.Equal("plans[1].manifest.managingTenantId", d.Path);
        Assert.Contains(OtherManagingTenant.ToString(), d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_NewPlanWithAnotherManagingTenant_IsNotAVersionChange()
    {
        // A plan that was never published starts its own history: its tenant is not compared with other plans'.
        var state = Published(Offer(PublicPlan()));
        var other = PublicPlan("plan-b", ReaderManifest() with { ManagingTenantId = OtherManagingTenant });
        var edited = state.UpdateDraft(state.Draft with { Plans = [.. state.Draft.Plans, other] }).GetValueOrThrow();

        Assert.DoesNotContain(edited.Publish().Diagnostics, static d => d.Code == DiagnosticCodes.ManagingTenantChangeRequiresNewOffer);
    }

    [Fact]
    public void Publish_NewManifestWithGreaterVersion_AppendsVersion()
    {
        var state = Published(Offer(PublicPlan()));
        var changed = ReaderManifest("1.1.0").ToBuilder().AddAuthorization(Principals[0], BuiltInRoleIds.Contributor).Build();
        var state2 = state.UpdateDraft(state.Draft.Replace("plan-a", p => p with { Manifest = changed })).GetValueOrThrow().Publish().GetValueOrThrow();
        var history = Assert.Single(state2.Plans);
        Assert.Equal(["1.0.0", "1.1.0"], history.Versions.Select(v => v.Version.ToString()));
        Assert.Equal(2, history.Latest.Publication);
        var diff = history.Compare(new ManifestVersion(1, 0, 0), new ManifestVersion(1, 1, 0));
        Assert.NotNull(diff);
        Assert.True(diff.WidensAccess);
        Assert.Null(history.Compare(new ManifestVersion(1, 0, 0), new ManifestVersion(9, 0, 0)));
        Assert.True(history.TryGetVersion(new ManifestVersion(1, 0, 0), out var first));
        Assert.Equal(ReaderManifest(), first.Manifest);
    }

    [Fact]
    public void Publish_ListingChangeOnly_UpdatesPlanWithoutNewVersion()
    {
        var state = Published(Offer(PublicPlan()));
        var state2 = state.UpdateDraft(state.Draft.Replace("plan-a", p => p with { Name = "Renamed plan" })).GetValueOrThrow().Publish().GetValueOrThrow();
        Assert.Single(state2.Plans[0].Versions);
        Assert.Equal("Renamed plan", state2.Plans[0].Current.Name);
        Assert.Equal(2, state2.Publications);
    }

    [Fact]
    public void Publish_NothingChanged_IsAcceptedWithInfoAndSameState()
    {
        var state = Published(Offer(PublicPlan()));
        var result = state.Publish();
        Assert.False(result.HasErrors);
        Assert.Same(state, result.Value);
        Assert.Equal(DiagnosticCodes.NothingToPublish, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Publish_ValidationErrors_AreRefusedWithPrefixedPaths()
    {
        var state = OfferLifecycle.Create(Offer(PublicPlan(), PublicPlan("plan-b")));
        ImmutableArray<Diagnostic> Validate(Plan p) => p.Id == "plan-b" ? [Diagnostic.Error("MSC1999", "bad role", "manifest.authorizations[0].roleDefinitionId")] : [];
        var result = state.Publish(Validate);
        AssertRefused(result, state, DiagnosticCodes.PlanHasValidationErrors);
        Assert.Contains(result.Diagnostics, d => d.Code == "MSC1999" && d.Path == "plans[1].manifest.authorizations[0].roleDefinitionId");
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.PlanHasValidationErrors && d.Path == "plans[1]");
    }

    [Fact]
    public void Publish_DefaultValidator_RefusesOwnerRole()
    {
        var owner = new DelegationManifestBuilder().WithManagingTenant(ManagingTenant).AddAuthorization(Principals[0], BuiltInRoleIds.Owner).Build();
        var state = OfferLifecycle.Create(Offer(PublicPlan(manifest: owner)));
        var result = state.Publish();
        AssertRefused(result, state, DiagnosticCodes.PlanHasValidationErrors);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.OwnerRoleNotAllowed && d.Path.StartsWith("plans[0].manifest.", StringComparison.Ordinal));
        Assert.False(state.Publish(_ => []).HasErrors);
    }

    [Fact]
    public void Publish_DefaultValidator_ReportsMissingAudienceOnce()
    {
        var state = OfferLifecycle.Create(Offer(PrivatePlan("plan-b")));
        var result = state.Publish();
        Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.PrivatePlanWithoutAudience);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCodes.PlanHasValidationErrors);
    }

    [Fact]
    public void Publish_ValidationWarningsOnly_IsAccepted()
    {
        var state = OfferLifecycle.Create(Offer(PublicPlan()));
        var result = state.Publish(p => [Diagnostic.Warning("MSC1998", "hmm")]);
        Assert.False(result.HasErrors);
        Assert.Equal("plans[0]", Assert.Single(result.Diagnostics).Path);
    }

    [Fact]
    public void Publish_NoPlans_IsRefused()
    {
        var state = OfferLifecycle.Create(Offer());
        AssertRefused(state.Publish(), state, DiagnosticCodes.OfferWithoutPlans);
    }

    [Fact]
    public void Publish_DuplicatePlanIds_IsRefused()
    {
        var state = OfferLifecycle.Create(Offer(PublicPlan(), PublicPlan()));
        AssertRefused(state.Publish(), state, DiagnosticCodes.DuplicatePlanId);
    }

    [Fact]
    public void StopSelling_PublishedPlan_IsImmediateAndFinal()
    {
        var state = Published(Offer(PublicPlan(), PublicPlan("plan-b")));
        var stopped = state.StopSelling("plan-b").GetValueOrThrow();
        Assert.True(stopped.Plans[1].IsStopSold);
        Assert.False(stopped.Plans[0].IsStopSold);
        Assert.True(stopped.Draft.Plans[1].IsStopSold);
        Assert.True(stopped.Published!.Plans[1].IsStopSold);
        Assert.Equal(state.Publications, stopped.Publications);

        var again = stopped.StopSelling("plan-b");
        Assert.False(again.HasErrors);
        Assert.Same(stopped, again.Value);
        Assert.Equal(DiagnosticCodes.PlanAlreadyStopSold, Assert.Single(again.Diagnostics).Code);

        AssertRefused(stopped.UpdateDraft(stopped.Draft.Replace("plan-b", p => p with { IsStopSold = false })), stopped, DiagnosticCodes.StopSoldPlanResumed);
    }

    [Fact]
    public void StopSelling_UnpublishedPlan_IsRefused()
    {
        var state = OfferLifecycle.Create(Offer(PublicPlan()));
        AssertRefused(state.StopSelling("plan-a"), state, DiagnosticCodes.PlanNotPublished);
        var published = Published(Offer(PublicPlan()));
        AssertRefused(published.StopSelling("nope"), published, DiagnosticCodes.PlanNotPublished);
    }

    [Fact]
    public void GetStateOrThrow_Refused_Throws()
    {
        var state = OfferLifecycle.Create(Offer());
        var ex = Assert.Throws<DiagnosticsException>(() => state.Publish().GetValueOrThrow());
        Assert.Contains(ex.Diagnostics, d => d.Code == DiagnosticCodes.OfferWithoutPlans);
        Assert.StartsWith("refused: error MSC1029", state.Publish().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ListsPlansAndVersions()
    {
        var state = Published(Offer(PublicPlan(), PrivatePlan("plan-b", Subscriptions[0])));
        Assert.Equal("contoso-managed: 1 publication(s); plan-a (Public): 1.0.0; plan-b (Private): 1.0.0", state.ToString());
    }
}
