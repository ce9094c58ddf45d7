namespace ManagedServices;

/// <summary>The ID (a GUID) of an Azure role definition. Parsing also accepts the ARM form <c>/providers/Microsoft.Authorization/roleDefinitions/{guid}</c> (optionally under a subscription).</summary>
/// <remarks>
/// Formats as a lower-case GUID with hyphens (<c>D</c> format). The default value is the empty GUID. Parsing, formatting,
/// equality, ordering and the operators are generated (<c>GuidIdentifierGenerator</c> in src/ManagedServices.Core.Generators).
/// </remarks>
[GuidIdentifier(
    "role definition ID",
    Parser = nameof(GuidText.TryParseRoleDefinition),
    ParseSummary = "Parses a role definition ID: a GUID (36 characters with hyphens) or an ARM role definition resource ID.")]
public readonly partial struct RoleDefinitionId;
