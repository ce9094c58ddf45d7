using System.Text.Json;
using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>
/// The differences between an older and a newer <see cref="DelegationManifest"/>: permanent and eligible
/// authorizations added, removed and changed (keyed by principal ID and role), and every change of access flagged as
/// widening or narrowing with a severity. This is what a customer reviews before accepting a new plan version.
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe. Make one with <see cref="Compare(DelegationManifest, DelegationManifest, RoleCatalog?)"/>;
/// read it as a value, as text (<see cref="ToText"/>) or as JSON (<see cref="ToJson"/>, <see cref="WriteJson"/>).</para>
/// <para>Whether a role replacing another widens access is computed from the role catalog with a conservative subset
/// test (see <c>docs/lifecycle.md</c>): when coverage cannot be proved, the change is reported as widening. When a
/// manifest lists the same principal and role twice, the first entry is the one compared.</para>
/// </remarks>
/// <param name="OldVersion">The older manifest's version.</param>
/// <param name="NewVersion">The newer manifest's version.</param>
/// <param name="OldManagingTenantId">The older manifest's managing tenant.</param>
/// <param name="NewManagingTenantId">The newer manifest's managing tenant.</param>
/// <param name="Authorizations">Permanent authorizations added, removed or changed (a default array is taken as empty).</param>
/// <param name="EligibleAuthorizations">Eligible authorizations added, removed or changed (a default array is taken as empty).</param>
/// <param name="AccessChanges">Every flagged change of access (a default array is taken as empty).</param>
public sealed record ManifestDiff(
    ManifestVersion OldVersion, ManifestVersion NewVersion, TenantId OldManagingTenantId, TenantId NewManagingTenantId,
    ImmutableArray<AuthorizationChange> Authorizations, ImmutableArray<EligibleAuthorizationChange> EligibleAuthorizations,
    ImmutableArray<AccessChange> AccessChanges)
{
    /// <summary>Permanent authorizations added, removed or changed, ordered by principal ID then role ID.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<AuthorizationChange> Authorizations { get; init => field = value.OrEmpty(); } = Authorizations.OrEmpty();

    /// <summary>Eligible authorizations added, removed or changed, ordered by principal ID then role ID.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<EligibleAuthorizationChange> EligibleAuthorizations { get; init => field = value.OrEmpty(); } = EligibleAuthorizations.OrEmpty();

    /// <summary>Every flagged change of access: widening first, most severe first.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<AccessChange> AccessChanges { get; init => field = value.OrEmpty(); } = AccessChanges.OrEmpty();

    /// <summary>True when the manifests grant the same thing to the same tenant (the versions may differ).</summary>
    public bool IsEmpty => Authorizations.IsEmpty && EligibleAuthorizations.IsEmpty && AccessChanges.IsEmpty &&
                           OldManagingTenantId == NewManagingTenantId;

    /// <summary>True when any flagged change widens access.</summary>
    public bool WidensAccess => AccessChanges.Any(static c => c.Direction == AccessChangeDirection.Widening);

    /// <summary>The flagged changes that widen access.</summary>
    public ImmutableArray<AccessChange> Widenings => [.. AccessChanges.Where(static c => c.Direction == AccessChangeDirection.Widening)];

    /// <summary>The flagged changes that narrow access.</summary>
    public ImmutableArray<AccessChange> Narrowings => [.. AccessChanges.Where(static c => c.Direction == AccessChangeDirection.Narrowing)];

    /// <summary>The most severe widening, or <see langword="null"/> when nothing widens.</summary>
    public AccessChangeSeverity? HighestSeverity =>
        WidensAccess ? Widenings.Max(static c => c.Severity) : null;

    /// <summary>Compares two manifests.</summary>
    /// <param name="oldManifest">The manifest in force (for example the version the customer accepted).</param>
    /// <param name="newManifest">The proposed manifest.</param>
    /// <param name="catalog">The roles used for names and subset tests; <see cref="RoleCatalog.BuiltIn"/> when null.</param>
    /// <returns>The differences.</returns>
    /// <exception cref="ArgumentNullException">A manifest is null.</exception>
    public static ManifestDiff Compare(DelegationManifest oldManifest, DelegationManifest newManifest, RoleCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(oldManifest);
        ArgumentNullException.ThrowIfNull(newManifest);
        return new ManifestComparer(oldManifest, newManifest, catalog ?? RoleCatalog.BuiltIn).Run();
    }

    /// <summary>Compares two published versions of a plan.</summary>
    /// <param name="older">The version in force (for example the one a customer accepted).</param>
    /// <param name="newer">The proposed version.</param>
    /// <param name="catalog">The roles used for names and subset tests; <see cref="RoleCatalog.BuiltIn"/> when null.</param>
    /// <returns>The differences.</returns>
    /// <exception cref="ArgumentNullException">A version is null.</exception>
    public static ManifestDiff Compare(PublishedPlanVersion older, PublishedPlanVersion newer, RoleCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        return Compare(older.Manifest, newer.Manifest, catalog);
    }

    /// <summary>Formats the differences as readable multi-line text.</summary>
    /// <returns>The text.</returns>
    public string ToText() => ManifestDiffFormat.ToText(this);

    /// <summary>Formats the differences as an indented JSON document (written with <see cref="Utf8JsonWriter"/>; no reflection).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => ManifestDiffFormat.Indented(WriteJson);

    /// <summary>Writes the differences as one JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ManifestDiffFormat.WriteJson(writer, this);
    }

    /// <inheritdoc/>
    public bool Equals(ManifestDiff? other) =>
        other is not null && OldVersion == other.OldVersion && NewVersion == other.NewVersion &&
        OldManagingTenantId == other.OldManagingTenantId && NewManagingTenantId == other.NewManagingTenantId &&
        Sequence.Equal(Authorizations, other.Authorizations) &&
        Sequence.Equal(EligibleAuthorizations, other.EligibleAuthorizations) &&
        Sequence.Equal(AccessChanges, other.AccessChanges);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(OldVersion, NewVersion, OldManagingTenantId, NewManagingTenantId,
            Sequence.Hash(Authorizations), Sequence.Hash(EligibleAuthorizations), Sequence.Hash(AccessChanges));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("OldVersion = ").Append(OldVersion).Append(", NewVersion = ").Append(NewVersion)
            .Append(", OldManagingTenantId = ").Append(OldManagingTenantId)
            .Append(", NewManagingTenantId = ").Append(NewManagingTenantId).Append(", ");
        Sequence.Print(builder, nameof(Authorizations), Authorizations).Append(", ");
        Sequence.Print(builder, nameof(EligibleAuthorizations), EligibleAuthorizations).Append(", ");
        Sequence.Print(builder, nameof(AccessChanges), AccessChanges);
        return true;
    }
}
