namespace ManagedServices.Access;

/// <summary>
/// Why an access check was allowed or denied. For denials the members are ranked from the earliest failing step to
/// the one closest to an Allow (the numeric order, except that members added later are ranked at their step, as their
/// documentation says); when several authorizations fail, a decision reports the latest step reached.
/// </summary>
public enum AccessReason
{
    /// <summary>An authorization allows the request.</summary>
    Allowed = 0,

    /// <summary>The principal ID, action or scope is malformed (null, not a GUID, not a valid ARM scope, contains <c>*</c>, whitespace or control characters).</summary>
    MalformedRequest = 1,

    /// <summary>
    /// The action is a data-plane operation (the request says so, or Azure's operation list has it only as a data
    /// action); Lighthouse delegates only management-plane operations.
    /// </summary>
    DataActionNotDelegated = 2,

    /// <summary>No delegation covers the scope.</summary>
    NoDelegationCoversScope = 3,

    /// <summary>Delegations cover the scope, but none authorizes the principal or one of its groups.</summary>
    PrincipalNotAuthorized = 4,

    /// <summary>The principal's tenant is not the managing tenant of the authorizing delegation.</summary>
    TenantMismatch = 5,

    /// <summary>The authorization's role is not in the role catalog (fails closed).</summary>
    RoleNotInCatalog = 6,

    /// <summary>The authorization's role can never be delegated (Owner, or a role with restricted <c>Microsoft.Authorization</c> actions other than User Access Administrator); it grants nothing.</summary>
    RoleNotDelegable = 7,

    /// <summary>The principal's roles at the scope do not include the action.</summary>
    ActionNotInRole = 8,

    /// <summary>A role's Actions include the action, but the same permission block's NotActions remove it.</summary>
    ExcludedByNotActions = 9,

    /// <summary>User Access Administrator allows this only for managed identities and the delegated roles, and the request does not qualify.</summary>
    UserAccessAdministratorRestricted = 10,

    /// <summary>An eligible authorization would allow the action, but it has no live activation.</summary>
    EligibleNotActivated = 11,

    /// <summary>An eligible authorization would allow the action, but its activation has ended.</summary>
    ActivationExpired = 12,

    /// <summary>An eligible authorization would allow the action, but its activation lacks the required approval.</summary>
    ApprovalRequired = 13,

    /// <summary>An eligible authorization would allow the action, but its activation lacks the required multifactor authentication.</summary>
    MfaRequired = 14,

    /// <summary>An authorization would allow the request, but a deny assignment covering the scope denies the action to the principal; deny assignments take precedence over grants.</summary>
    DeniedByDenyAssignment = 15,

    /// <summary>
    /// The role's Actions include the operation, but Lighthouse never lets a managing-tenant principal create, change or
    /// delete registration definitions or create or change registration assignments, and lets it delete a registration
    /// assignment only through the Managed Services Registration Assignment Delete Role. Ranked with
    /// <see cref="ExcludedByNotActions"/>: just after it.
    /// </summary>
    ManagedServicesOperationNotDelegable = 16,

    /// <summary>
    /// Only permission blocks with an ABAC <c>condition</c> would grant the action; a condition cannot be evaluated
    /// offline, so such a block grants nothing (fails closed). Ranked just after
    /// <see cref="ManagedServicesOperationNotDelegable"/>.
    /// </summary>
    ConditionNotEvaluated = 17,

    /// <summary>
    /// The authorization's role is not a built-in role (the catalog marks it as custom); Lighthouse supports built-in
    /// roles only, so it grants nothing. Ranked just after <see cref="RoleNotInCatalog"/>.
    /// </summary>
    CustomRoleNotDelegable = 18,
}
