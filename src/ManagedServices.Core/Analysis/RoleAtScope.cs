namespace ManagedServices.Analysis;

/// <summary>A role at a scope.</summary>
public sealed record RoleAtScope
{
    /// <summary>The role.</summary>
    public required RoleDefinitionId RoleDefinitionId { get; init; }

    /// <summary>The role's name in the catalog (the ID when the catalog does not know it).</summary>
    public required string RoleName { get; init; }

    /// <summary>The subscription or resource group.</summary>
    public required ResourceScope Scope { get; init; }
}
