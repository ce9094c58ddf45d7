namespace ManagedServices.Offers;

/// <summary>
/// The Marketplace plan a registration definition came from (<c>plan</c> on the resource):
/// publisher ID, offer ID (<c>product</c>), plan ID (<c>name</c>) and manifest version.
/// </summary>
public sealed record MarketplacePlanReference
{
    /// <summary>The publisher ID.</summary>
    public required string Publisher { get; init; }

    /// <summary>The offer ID.</summary>
    public required string Product { get; init; }

    /// <summary>The plan ID.</summary>
    public required string Name { get; init; }

    /// <summary>The manifest version, as text (the service stores a string).</summary>
    public required string Version { get; init; }
}
