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

/// <summary>
/// A registration definition in a customer tenant (<c>Microsoft.ManagedServices/registrationDefinitions</c>):
/// the manifest a customer accepted, under an offer name.
/// </summary>
public sealed record RegistrationDefinition
{
    /// <summary>The resource name (a GUID; ARM onboarding derives it with <c>guid()</c>).</summary>
    public required Guid Id { get; init; }

    /// <summary>The offer name shown to the customer (<c>registrationDefinitionName</c>, from <c>mspOfferName</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The description shown to the customer, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The delegated authorizations and the managing tenant.</summary>
    public required DelegationManifest Manifest { get; init; }

    /// <summary>The Marketplace plan, when the definition came from a Marketplace offer.</summary>
    public MarketplacePlanReference? Plan { get; init; }
}

/// <summary>
/// A delegation in force: a registration definition assigned at one subscription or resource group of a customer
/// tenant (<c>Microsoft.ManagedServices/registrationAssignments</c>).
/// </summary>
public sealed record Delegation
{
    /// <summary>The customer tenant that owns the delegated scope.</summary>
    public required TenantId CustomerTenantId { get; init; }

    /// <summary>The registration definition.</summary>
    public required RegistrationDefinition Definition { get; init; }

    /// <summary>The registration assignment's resource name (a GUID).</summary>
    public required Guid AssignmentId { get; init; }

    /// <summary>The delegated scope: a subscription or a resource group.</summary>
    public required ResourceScope Scope { get; init; }
}
