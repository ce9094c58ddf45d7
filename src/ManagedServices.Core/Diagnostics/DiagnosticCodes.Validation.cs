namespace ManagedServices;

/// <summary>Codes reported by <see cref="Validation.OfferValidator"/> (<c>MSC1xxx</c>).</summary>
public static partial class DiagnosticCodes
{
    /// <summary>Error: an authorization uses the Owner role, which Lighthouse never accepts.</summary>
    public const string OwnerRoleNotAllowed = "MSC1001";

    /// <summary>
    /// Error: a role definition ID is not in the role catalog, so it cannot be shown to be a delegable built-in role
    /// (it is a custom role, a mistyped ID, or a built-in role newer than the catalog).
    /// </summary>
    public const string UnknownRole = "MSC1002";

    /// <summary>Error: a role is a custom role; Lighthouse accepts only built-in roles.</summary>
    public const string CustomRoleNotAllowed = "MSC1003";

    /// <summary>Error: a role has data actions or not-data actions, which Lighthouse rejects.</summary>
    public const string RoleHasDataActions = "MSC1004";

    /// <summary>Error: a role lists or effectively grants a restricted <c>Microsoft.Authorization</c> action.</summary>
    public const string RoleHasRestrictedActions = "MSC1005";

    /// <summary>Error: a User Access Administrator authorization has no <c>delegatedRoleDefinitionIds</c>.</summary>
    public const string UserAccessAdministratorWithoutDelegatedRoles = "MSC1006";

    /// <summary>
    /// Error: a delegated role (<c>delegatedRoleDefinitionIds</c>) is User Access Administrator, Owner, unknown or
    /// otherwise not delegable.
    /// </summary>
    public const string DelegatedRoleNotAllowed = "MSC1007";

    /// <summary>Warning: <c>delegatedRoleDefinitionIds</c> on an authorization whose role is not User Access Administrator.</summary>
    public const string DelegatedRolesOnNonUserAccessAdministrator = "MSC1008";

    /// <summary>Error: an eligible authorization is for a service principal; only users and groups can be eligible.</summary>
    public const string EligibleServicePrincipal = "MSC1009";

    /// <summary>Error: an eligible authorization uses Owner or User Access Administrator.</summary>
    public const string EligibleRestrictedRole = "MSC1010";

    /// <summary>Error: an eligible authorization has <c>delegatedRoleDefinitionIds</c>.</summary>
    public const string EligibleWithDelegatedRoles = "MSC1011";

    /// <summary>Error: a maximum activation duration is outside 30 minutes to 8 hours (<c>PT30M</c>..<c>PT8H</c>).</summary>
    public const string ActivationDurationOutOfRange = "MSC1012";

    /// <summary>Error: a just-in-time access policy has more than 10 approvers.</summary>
    public const string TooManyApprovers = "MSC1013";

    /// <summary>Error: an approver is a service principal; approvers must be users or groups.</summary>
    public const string ApproverServicePrincipal = "MSC1014";

    /// <summary>Warning: a <c>multiFactorAuthProvider</c> value other than <c>Azure</c> or <c>None</c>.</summary>
    public const string UnknownMultiFactorAuthProvider = "MSC1015";

    /// <summary>Error: eligible authorizations that use the same role have different just-in-time access policies.</summary>
    public const string InconsistentJustInTimePolicies = "MSC1016";

    /// <summary>
    /// Warning: an eligible principal has no permanent authorization of its own with Reader-level access, so it cannot
    /// see the customer or activate the role in the portal.
    /// </summary>
    public const string EligibleWithoutReaderAccess = "MSC1017";

    /// <summary>Error: a manifest has no permanent authorization.</summary>
    public const string NoPermanentAuthorization = "MSC1018";

    /// <summary>Error: a Marketplace plan has more than 20 authorizations (permanent and eligible together).</summary>
    public const string TooManyAuthorizations = "MSC1019";

    /// <summary>Warning: the same principal holds the same role in more than one permanent authorization.</summary>
    public const string DuplicateAuthorization = "MSC1020";

    /// <summary>Warning: the same principal is eligible for the same role more than once.</summary>
    public const string DuplicateEligibleAuthorization = "MSC1021";

    /// <summary>Warning: an authorization has no principal display name (<c>principalIdDisplayName</c>).</summary>
    public const string MissingPrincipalDisplayName = "MSC1022";

    /// <summary>
    /// Warning: no authorization uses the Managed Services Registration Assignment Delete Role, so only the customer
    /// can remove the delegation.
    /// </summary>
    public const string NoRegistrationAssignmentDeleteRole = "MSC1023";

    /// <summary>Error: the managing tenant ID is the empty GUID.</summary>
    public const string EmptyManagingTenant = "MSC1024";

    /// <summary>Error: an offer ID is not 1 to 50 lower-case letters, digits, '-' or '_'.</summary>
    public const string InvalidOfferId = "MSC1025";

    /// <summary>Error: a plan ID is not 1 to 50 lower-case letters, digits, '-' or '_'.</summary>
    public const string InvalidPlanId = "MSC1026";

    /// <summary>Error: a plan name is blank or longer than 200 characters.</summary>
    public const string InvalidPlanName = "MSC1027";

    /// <summary>Error: two plans of an offer have the same plan ID.</summary>
    public const string DuplicatePlanId = "MSC1028";

    /// <summary>Error: an offer has no plan.</summary>
    public const string OfferWithoutPlans = "MSC1029";

    /// <summary>Error: a private plan has no audience.</summary>
    public const string PrivatePlanWithoutAudience = "MSC1030";

    /// <summary>Error: a private plan's audience has more than 10,000 subscriptions.</summary>
    public const string AudienceTooLarge = "MSC1031";

    /// <summary>Warning: a public plan has an audience, which is ignored.</summary>
    public const string PublicPlanWithAudience = "MSC1032";

    /// <summary>Warning: a subscription appears more than once in a plan's audience.</summary>
    public const string DuplicateAudienceEntry = "MSC1033";

    /// <summary>Error: two plans of an offer have the same plan name.</summary>
    public const string DuplicatePlanName = "MSC1034";

    /// <summary>
    /// Warning: an authorization's (otherwise delegable) role has a permission block with an ABAC condition; the
    /// condition cannot be evaluated offline, so the access evaluator treats that block as granting nothing.
    /// </summary>
    public const string RoleHasCondition = "MSC1035";

    /// <summary>
    /// Error: the principal of an authorization, an eligible authorization or an approver is the empty GUID (the
    /// placeholder of Microsoft's samples).
    /// </summary>
    public const string EmptyPrincipal = "MSC1045";

    /// <summary>Warning: one principal has two or more different display names in one manifest.</summary>
    public const string PrincipalDisplayNameConflict = "MSC1046";
}
