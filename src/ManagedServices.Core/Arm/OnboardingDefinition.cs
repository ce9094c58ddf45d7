using ManagedServices.Offers;

namespace ManagedServices.Arm;

/// <summary>
/// What an onboarding template creates, independent of the target: the offer name (<c>mspOfferName</c>), its
/// description (<c>mspOfferDescription</c>), the delegation manifest and, for a Marketplace offer, the plan.
/// </summary>
/// <remarks>ARM templates carry neither the manifest version nor principal kinds: reading gives
/// <see cref="PrincipalKind.Unknown"/>, and the version of the plan (when it is <c>n.n.n</c>) or <c>1.0.0</c>.</remarks>
public sealed partial record OnboardingDefinition
{
    /// <summary>The offer name shown to the customer (<c>mspOfferName</c>, <c>registrationDefinitionName</c>); it seeds the resource names.</summary>
    public required string Name { get; init; }

    /// <summary>The description shown to the customer (<c>mspOfferDescription</c>); when null the template has no description.</summary>
    public string? Description { get; init; }

    /// <summary>The managing tenant and the authorizations.</summary>
    public required DelegationManifest Manifest { get; init; }

    /// <summary>The Marketplace plan (<c>plan</c> block), when the delegation comes from a Marketplace offer.</summary>
    public MarketplacePlanReference? Plan { get; init; }
}
