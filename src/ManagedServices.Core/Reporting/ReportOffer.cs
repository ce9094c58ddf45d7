using ManagedServices.Offers;

namespace ManagedServices.Reporting;

/// <summary>
/// An offer in an <see cref="AccessReport"/>: a registration definition and where it is assigned. The delegations of a
/// definition that the access evaluator ignores form an offer of their own (<see cref="IgnoredBecause"/>).
/// </summary>
public sealed record ReportOffer
{
    /// <summary>The registration definition (offer name, description, managing tenant, authorizations, plan).</summary>
    public required RegistrationDefinition Definition { get; init; }

    /// <summary>The scopes the definition is assigned at, ordered.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<ResourceScope> Scopes { get; init => field = value.OrEmpty(); } = [];

    /// <summary>The customer tenants of those assignments, ordered.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<TenantId> CustomerTenants { get; init => field = value.OrEmpty(); } = [];

    /// <summary>
    /// Why the access evaluator ignores these delegations, so that they give no access (for example "the customer
    /// tenant is the managing tenant", which Azure refuses to create, or "the scope is not a subscription or resource
    /// group"), in the evaluator's words; <see langword="null"/> for delegations in force. Every authorization of an
    /// ignored offer is refused with <see cref="Access.AccessReason.NoDelegationCoversScope"/>.
    /// </summary>
    public string? IgnoredBecause { get; init; }

    /// <inheritdoc/>
    public bool Equals(ReportOffer? other) =>
        other is not null && Definition == other.Definition && Sequence.Equal(Scopes, other.Scopes) && Sequence.Equal(CustomerTenants, other.CustomerTenants) &&
        IgnoredBecause == other.IgnoredBecause;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Definition, Sequence.Hash(Scopes), Sequence.Hash(CustomerTenants), IgnoredBecause);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Definition = ").Append(Definition.Id).Append(", ");
        Sequence.Print(builder, nameof(Scopes), Scopes);
        builder.Append(", ");
        Sequence.Print(builder, nameof(CustomerTenants), CustomerTenants);
        builder.Append(", IgnoredBecause = ").Append(IgnoredBecause);
        return true;
    }
}
