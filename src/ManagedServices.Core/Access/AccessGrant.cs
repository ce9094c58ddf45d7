namespace ManagedServices.Access;

/// <summary>
/// One authorization of one delegation: a principal (user, group or service principal, as the authorization names
/// it) holds a role at the delegation's scope, permanently or as eligible.
/// </summary>
public sealed record AccessGrant
{
    /// <summary>The principal the authorization names (a user, group or service principal).</summary>
    public required PrincipalId PrincipalId { get; init; }

    /// <summary>The kind of <see cref="PrincipalId"/>, as the authorization records it.</summary>
    public PrincipalKind PrincipalKind { get; init; }

    /// <summary>The display name of <see cref="PrincipalId"/>, if the authorization has one.</summary>
    public string? PrincipalDisplayName { get; init; }

    /// <summary>The role.</summary>
    public required RoleDefinitionId RoleDefinitionId { get; init; }

    /// <summary>The role's name in the catalog, or <see langword="null"/> when the catalog does not have it.</summary>
    public string? RoleName { get; init; }

    /// <summary>The delegated scope (the registration assignment's scope).</summary>
    public required ResourceScope Scope { get; init; }

    /// <summary>The registration definition ID.</summary>
    public required Guid RegistrationDefinitionId { get; init; }

    /// <summary>The registration definition's name (the offer name).</summary>
    public required string RegistrationDefinitionName { get; init; }

    /// <summary>The registration assignment ID.</summary>
    public required Guid AssignmentId { get; init; }

    /// <summary>The customer tenant.</summary>
    public required TenantId CustomerTenantId { get; init; }

    /// <summary>The managing tenant.</summary>
    public required TenantId ManagingTenantId { get; init; }

    /// <summary>True for an eligible (just-in-time) authorization.</summary>
    public bool IsEligible { get; init; }
}
