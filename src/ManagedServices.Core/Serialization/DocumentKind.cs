namespace ManagedServices.Serialization;

/// <summary>What a JSON input document holds, as <see cref="DocumentFile.DetectKind"/> guesses it from its top-level shape.</summary>
public enum DocumentKind
{
    /// <summary>None of the kinds below (not JSON, or JSON of another shape).</summary>
    Unknown = 0,

    /// <summary>An offer document (<see cref="OfferDocument"/>): an object with <c>schemaVersion</c> and <c>plans</c>.</summary>
    Offer = 1,

    /// <summary>An ARM onboarding template: an object with <c>resources</c> or <c>$schema</c>.</summary>
    Template = 2,

    /// <summary>
    /// Registration resources in the REST shape (<c>Rest.RegistrationResources</c>): a JSON array (as the Azure CLI
    /// prints a list), a REST list <c>{ "value": [...] }</c>, or one resource whose <c>type</c> starts with
    /// <c>Microsoft.ManagedServices/</c>.
    /// </summary>
    RegistrationDefinitions = 3,
}
