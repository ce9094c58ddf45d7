namespace ManagedServices;

/// <summary>The object ID (a GUID) of a user, group or service principal in the managing tenant.</summary>
/// <remarks>
/// Formats as a lower-case GUID with hyphens (<c>D</c> format). The default value is the empty GUID. Parsing, formatting,
/// equality, ordering and the operators are generated (<c>GuidIdentifierGenerator</c> in src/ManagedServices.Core.Generators).
/// </remarks>
[GuidIdentifier("principal ID")]
public readonly partial struct PrincipalId;
