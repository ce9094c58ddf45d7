namespace ManagedServices.Offers;

/// <summary>A plan of a Managed Service offer: its listing, who can buy it, and its delegation manifest.</summary>
public sealed record Plan
{
    /// <summary>The plan ID (lower-case letters, digits, '-' and '_', at most 50; becomes <c>plan.name</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The plan name shown to customers.</summary>
    public required string Name { get; init; }

    /// <summary>The plan description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>Public or private.</summary>
    /// <value>The default value is <see cref="PlanVisibility.Public"/>.</value>
    public PlanVisibility Visibility { get; init; }

    /// <summary>For a private plan, the subscriptions that may buy it (up to 10,000); empty for a public plan.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<SubscriptionId> Audience { get; init => field = value.OrEmpty(); } = [];

    /// <summary>True when the plan is no longer sold; existing customers keep it.</summary>
    public bool IsStopSold { get; init; }

    /// <summary>The delegation manifest (technical configuration).</summary>
    public required DelegationManifest Manifest { get; init; }

    /// <summary>Creates a builder initialized with this plan.</summary>
    /// <returns>A new builder.</returns>
    public PlanBuilder ToBuilder() => new(this);

    /// <inheritdoc/>
    public bool Equals(Plan? other) =>
        other is not null && Id == other.Id && Name == other.Name && Description == other.Description &&
        Visibility == other.Visibility && IsStopSold == other.IsStopSold && Manifest == other.Manifest &&
        Sequence.Equal(Audience, other.Audience);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Id, Name, Description, Visibility, IsStopSold, Manifest, Sequence.Hash(Audience));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Name = ").Append(Name).Append(", Description = ").Append(Description)
            .Append(", Visibility = ").Append(Visibility).Append(", ");
        Sequence.Print(builder, nameof(Audience), Audience).Append(", IsStopSold = ").Append(IsStopSold).Append(", Manifest = ").Append(Manifest);
        return true;
    }
}
