using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>One published manifest version of a plan, with the plan as it was published then.</summary>
public sealed record PublishedPlanVersion
{
    /// <summary>The manifest version (<c>n.n.n</c>).</summary>
    public ManifestVersion Version => Plan.Manifest.Version;

    /// <summary>The plan as published with this manifest.</summary>
    public required Plan Plan { get; init; }

    /// <summary>The manifest of this version.</summary>
    public DelegationManifest Manifest => Plan.Manifest;

    /// <summary>The offer publication (1 for the first <see cref="OfferLifecycle.Publish"/>) that introduced this version.</summary>
    public required int Publication { get; init; }
}
