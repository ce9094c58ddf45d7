using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>
/// A plan a customer bought: which offer and plan, for which subscriptions, and the published version the customer
/// accepted (the manifest in force on every scope delegated for it).
/// </summary>
public sealed record PlanPurchase
{
    /// <summary>The publisher ID.</summary>
    public required string PublisherId { get; init; }

    /// <summary>The offer ID.</summary>
    public required string OfferId { get; init; }

    /// <summary>
    /// The offer name the delegations carry (<c>registrationDefinitionName</c>); this library uses the offer's display
    /// name, and derives the registration definition and assignment names from it with <c>guid(offerName)</c>.
    /// </summary>
    public required string OfferName { get; init; }

    /// <summary>The offer description, carried to the registration definition.</summary>
    public string? OfferDescription { get; init; }

    /// <summary>The plan ID.</summary>
    public required string PlanId { get; init; }

    /// <summary>The subscriptions the plan was bought for.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<SubscriptionId> Subscriptions { get; init => field = value.OrEmpty(); } = [];

    /// <summary>The published version the customer accepted (at purchase, or by a later update).</summary>
    public required PublishedPlanVersion AcceptedVersion { get; init; }

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
