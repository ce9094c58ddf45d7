using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>A permanent authorization added, removed or changed, keyed by principal ID and role.</summary>
public sealed record AuthorizationChange
{
    /// <summary>Added, removed or changed.</summary>
    public required ManifestChangeKind Kind { get; init; }

    /// <summary>The principal of the key.</summary>
    public required PrincipalId PrincipalId { get; init; }

    /// <summary>The role of the key.</summary>
    public required RoleDefinitionId RoleDefinitionId { get; init; }

    /// <summary>The role's name from the role catalog, or <see langword="null"/> when the catalog does not know it.</summary>
    public string? RoleName { get; init; }

    /// <summary>The entry in the older manifest; <see langword="null"/> when added.</summary>
    public Authorization? Old { get; init; }

    /// <summary>The entry in the newer manifest; <see langword="null"/> when removed.</summary>
    public Authorization? New { get; init; }
}
