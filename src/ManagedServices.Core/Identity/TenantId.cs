namespace ManagedServices;

/// <summary>The ID of a Microsoft Entra tenant (a GUID), such as the managing tenant of a delegation.</summary>
/// <remarks>
/// Formats as a lower-case GUID with hyphens (<c>D</c> format). The default value is the empty GUID. Parsing, formatting,
/// equality, ordering and the operators are generated (<c>GuidIdentifierGenerator</c> in src/ManagedServices.Core.Generators).
/// </remarks>
[GuidIdentifier("tenant ID")]
public readonly partial struct TenantId;
