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

/// <summary>
/// The result of <see cref="AccessEvaluator.Check(in AccessRequest)"/>: Allow or Deny, the reason, and the grant that
/// decided it (the allowing grant, or for a denial the grant that came closest), and whether Azure's operation list
/// knows the operation. Creating it never allocates.
/// </summary>
public readonly struct AccessDecision : IEquatable<AccessDecision>
{
    // Stored negated so that every decision made without it (and default) reads as a known operation.
    private readonly bool _operationUnknown;

    internal AccessDecision(AccessReason reason, AccessGrant? grant)
    {
        Reason = reason;
        Grant = grant;
    }

    private AccessDecision(AccessReason reason, AccessGrant? grant, bool operationUnknown)
        : this(reason, grant) => _operationUnknown = operationUnknown;

    /// <summary>True when the request is allowed.</summary>
    public bool IsAllowed => Reason == AccessReason.Allowed;

    /// <summary>Why the request was allowed or denied.</summary>
    public AccessReason Reason { get; }

    /// <summary>The deciding grant, when one applies.</summary>
    public AccessGrant? Grant { get; }

    /// <summary>
    /// False when Azure's operation list (<see cref="Operations.OperationCatalog.Azure"/>) does not know the request's
    /// operation (case-insensitive): the request was evaluated as given, but the name may be misspelled, so a denial
    /// may only mean that nobody is granted a nonexistent operation. <see cref="Operations.OperationCatalog.Diagnose"/>
    /// suggests the closest known names.
    /// </summary>
    public bool IsKnownOperation => !_operationUnknown;

    /// <inheritdoc/>
    public bool Equals(AccessDecision other) =>
        Reason == other.Reason && Equals(Grant, other.Grant) && _operationUnknown == other._operationUnknown;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AccessDecision other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Reason, Grant, _operationUnknown);

    /// <summary>The decision as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        (IsAllowed ? "Allow" : "Deny (" + Reason + ")") + (Grant is null ? "" : " by " + Grant.ToString()) +
        (_operationUnknown ? " (operation not in Azure's operation list)" : "");

    /// <summary>The same decision, marked as made for an operation Azure's operation list does not know.</summary>
    internal AccessDecision WithUnknownOperation() => new(Reason, Grant, operationUnknown: true);

    /// <summary>Compares two decisions.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(AccessDecision left, AccessDecision right) => left.Equals(right);

    /// <summary>Compares two decisions.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(AccessDecision left, AccessDecision right) => !left.Equals(right);
}

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
