using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>
/// The published life of one plan: the plan as it is live now and every manifest version published so far, oldest first
/// (versions strictly increase).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class PlanHistory
{
    internal PlanHistory(Plan current, ImmutableArray<PublishedPlanVersion> versions)
    {
        Current = current;
        Versions = versions;
    }

    /// <summary>The plan ID (immutable once published).</summary>
    public string PlanId => Current.Id;

    /// <summary>The plan as live now (listing, visibility, audience, stop-sold flag and latest manifest).</summary>
    public Plan Current { get; }

    /// <summary>Every published manifest version, oldest first; never empty.</summary>
    public ImmutableArray<PublishedPlanVersion> Versions { get; }

    /// <summary>The newest published version.</summary>
    public PublishedPlanVersion Latest => Versions[^1];

    /// <summary>True when the plan can no longer be bought.</summary>
    public bool IsStopSold => Current.IsStopSold;

    /// <summary>Finds a published version.</summary>
    /// <param name="version">The manifest version.</param>
    /// <param name="published">The published version, when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGetVersion(ManifestVersion version, [NotNullWhen(true)] out PublishedPlanVersion? published)
    {
        published = Versions.FirstOrDefault(v => v.Version == version);
        return published is not null;
    }

    /// <summary>Compares two published versions of this plan (for example the one a customer accepted and the latest).</summary>
    /// <param name="from">The older version.</param>
    /// <param name="to">The newer version.</param>
    /// <param name="catalog">The role catalog; <see cref="RoleCatalog.BuiltIn"/> when null.</param>
    /// <returns>The diff, or <see langword="null"/> when either version was never published.</returns>
    public ManifestDiff? Compare(ManifestVersion from, ManifestVersion to, RoleCatalog? catalog = null) =>
        TryGetVersion(from, out var a) && TryGetVersion(to, out var b) ? ManifestDiff.Compare(a.Manifest, b.Manifest, catalog) : null;

    /// <summary>Formats the plan ID and its versions.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{PlanId} ({Current.Visibility}{(IsStopSold ? ", stop-sold" : "")}): {string.Join(", ", Versions.Select(static v => v.Version))}";
}
