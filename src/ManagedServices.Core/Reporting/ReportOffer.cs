using ManagedServices.Offers;

namespace ManagedServices.Reporting;

/// <summary>An offer in an <see cref="AccessReport"/>: a registration definition and where it is assigned.</summary>
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

    /// <inheritdoc/>
    public bool Equals(ReportOffer? other) =>
        other is not null && Definition == other.Definition && Sequence.Equal(Scopes, other.Scopes) && Sequence.Equal(CustomerTenants, other.CustomerTenants);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Definition, Sequence.Hash(Scopes), Sequence.Hash(CustomerTenants));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Definition = ").Append(Definition.Id).Append(", ");
        Sequence.Print(builder, nameof(Scopes), Scopes);
        builder.Append(", ");
        Sequence.Print(builder, nameof(CustomerTenants), CustomerTenants);
        return true;
    }
}
