namespace ManagedServices;

/// <summary>The ID (a GUID) of an Azure subscription.</summary>
/// <remarks>
/// Formats as a lower-case GUID with hyphens (<c>D</c> format). The default value is the empty GUID. Parsing, formatting,
/// equality, ordering and the operators are generated (<c>GuidIdentifierGenerator</c> in src/ManagedServices.Core.Generators).
/// </remarks>
[GuidIdentifier("subscription ID")]
public readonly partial struct SubscriptionId;
