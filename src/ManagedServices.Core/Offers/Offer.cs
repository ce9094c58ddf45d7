namespace ManagedServices.Offers;

/// <summary>An Azure Marketplace Managed Service offer: a publisher's listing with one or more plans.</summary>
/// <remarks>Immutable and thread-safe. Build one with <see cref="OfferBuilder"/>; check it with <c>OfferValidator</c>.</remarks>
public sealed record Offer
{
    /// <summary>The offer ID (lower-case letters, digits, '-' and '_', at most 50; becomes <c>plan.product</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The offer name shown to customers.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The publisher ID (becomes <c>plan.publisher</c>).</summary>
    public required string PublisherId { get; init; }

    /// <summary>The offer description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The plans.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<Plan> Plans { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Creates a builder initialized with this offer.</summary>
    /// <returns>A new builder.</returns>
    public OfferBuilder ToBuilder() => new(this);

    /// <inheritdoc/>
    public bool Equals(Offer? other) =>
        other is not null && Id == other.Id && DisplayName == other.DisplayName && PublisherId == other.PublisherId &&
        Description == other.Description && Sequence.Equal(Plans, other.Plans);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, DisplayName, PublisherId, Description, Sequence.Hash(Plans));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", DisplayName = ").Append(DisplayName).Append(", PublisherId = ").Append(PublisherId)
            .Append(", Description = ").Append(Description).Append(", ");
        Sequence.Print(builder, nameof(Plans), Plans);
        return true;
    }
}
