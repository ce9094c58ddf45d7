using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>
/// A plan a customer bought: which offer and plan, for which subscriptions, and the published version the customer
/// accepted (the manifest in force on every scope delegated for it).
/// </summary>
/// <param name="PublisherId">The publisher ID.</param>
/// <param name="OfferId">The offer ID.</param>
/// <param name="OfferName">
/// The offer name the delegations carry (<c>registrationDefinitionName</c>); this library uses the offer's display
/// name, and derives the registration definition and assignment names from it with <c>guid(offerName)</c>.
/// </param>
/// <param name="OfferDescription">The offer description, carried to the registration definition.</param>
/// <param name="PlanId">The plan ID.</param>
/// <param name="Subscriptions">The subscriptions the plan was bought for (a default array is taken as empty).</param>
/// <param name="AcceptedVersion">The published version the customer accepted (at purchase, or by a later update).</param>
public sealed record PlanPurchase(
    string PublisherId, string OfferId, string OfferName, string? OfferDescription, string PlanId,
    ImmutableArray<SubscriptionId> Subscriptions, PublishedPlanVersion AcceptedVersion)
{
    /// <summary>The subscriptions the plan was bought for.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<SubscriptionId> Subscriptions { get; init => field = value.OrEmpty(); } = Subscriptions.OrEmpty();

    /// <summary>The Marketplace plan reference the registration definitions carry (<c>plan</c>).</summary>
    public MarketplacePlanReference PlanReference => new()
    {
        Publisher = PublisherId,
        Product = OfferId,
        Name = PlanId,
        Version = AcceptedVersion.Version.ToString(),
    };

    /// <inheritdoc/>
    public bool Equals(PlanPurchase? other) =>
        other is not null && PublisherId == other.PublisherId && OfferId == other.OfferId && OfferName == other.OfferName &&
        OfferDescription == other.OfferDescription && PlanId == other.PlanId &&
        Sequence.Equal(Subscriptions, other.Subscriptions) && AcceptedVersion == other.AcceptedVersion;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(PublisherId, OfferId, OfferName, OfferDescription, PlanId, Sequence.Hash(Subscriptions), AcceptedVersion);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("PublisherId = ").Append(PublisherId).Append(", OfferId = ").Append(OfferId)
            .Append(", OfferName = ").Append(OfferName).Append(", PlanId = ").Append(PlanId).Append(", ");
        Sequence.Print(builder, nameof(Subscriptions), Subscriptions).Append(", AcceptedVersion = ").Append(AcceptedVersion.Version);
        return true;
    }
}
