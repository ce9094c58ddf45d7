namespace ManagedServices.Offers;

/// <summary>
/// What a customer delegates to a service provider: the managing tenant, the permanent authorizations and the
/// eligible (just-in-time) authorizations, under a version. In a Marketplace plan this is the plan's
/// technical configuration; in ARM onboarding it is the body of the registration definition.
/// </summary>
public sealed record DelegationManifest
{
    /// <summary>The manifest version (<c>n.n.n</c>).</summary>
    /// <value>The default value is <see cref="ManifestVersion.Initial"/> (<c>1.0.0</c>): ARM onboarding has no version.</value>
    public ManifestVersion Version { get; init; } = ManifestVersion.Initial;

    /// <summary>The tenant of the service provider (<c>managedByTenantId</c>).</summary>
    public required TenantId ManagingTenantId { get; init; }

    /// <summary>Permanent authorizations.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<Authorization> Authorizations { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Eligible (just-in-time) authorizations.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<EligibleAuthorization> EligibleAuthorizations { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Creates a builder initialized with this manifest.</summary>
    /// <returns>A new builder.</returns>
    public DelegationManifestBuilder ToBuilder() => new(this);

    /// <inheritdoc/>
    public bool Equals(DelegationManifest? other) =>
        other is not null && Version == other.Version && ManagingTenantId == other.ManagingTenantId &&
        Sequence.Equal(Authorizations, other.Authorizations) &&
        Sequence.Equal(EligibleAuthorizations, other.EligibleAuthorizations);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Version, ManagingTenantId, Sequence.Hash(Authorizations), Sequence.Hash(EligibleAuthorizations));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Version = ").Append(Version).Append(", ManagingTenantId = ").Append(ManagingTenantId).Append(", ");
        Sequence.Print(builder, nameof(Authorizations), Authorizations).Append(", ");
        Sequence.Print(builder, nameof(EligibleAuthorizations), EligibleAuthorizations);
        return true;
    }
}
