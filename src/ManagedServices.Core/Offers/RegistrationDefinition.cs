namespace ManagedServices.Offers;

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
