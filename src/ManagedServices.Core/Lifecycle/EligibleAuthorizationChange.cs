using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>An eligible authorization added, removed or changed (for example its policy), keyed by principal ID and role.</summary>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="PrincipalId">The principal of the key.</param>
/// <param name="RoleDefinitionId">The role of the key.</param>
/// <param name="RoleName">The role's name from the role catalog, or <see langword="null"/> when the catalog does not know it.</param>
/// <param name="Old">The entry in the older manifest; <see langword="null"/> when added.</param>
/// <param name="New">The entry in the newer manifest; <see langword="null"/> when removed.</param>
public sealed record EligibleAuthorizationChange(
    ManifestChangeKind Kind, PrincipalId PrincipalId, RoleDefinitionId RoleDefinitionId, string? RoleName, EligibleAuthorization? Old,
    EligibleAuthorization? New);
