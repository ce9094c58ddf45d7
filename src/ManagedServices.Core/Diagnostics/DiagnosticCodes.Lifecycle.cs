namespace ManagedServices;

/// <summary>
/// Codes of the offer lifecycle (<c>MSC30xx</c> publishing, <c>MSC31xx</c> customer side). <c>MSC3005</c>,
/// <c>MSC3006</c>, <c>MSC3012</c> and <c>MSC3013</c> are retired: the lifecycle runs the validator's checks and reports
/// their codes (<c>MSC1030</c>, <c>MSC1031</c>, <c>MSC1029</c>, <c>MSC1028</c>).
/// </summary>
public static partial class DiagnosticCodes
{
    /// <summary>The offer ID changed after the offer was published; offer IDs are immutable once published.</summary>
    public const string OfferIdChanged = "MSC3001";

    /// <summary>The publisher ID changed after the offer was published; the publisher cannot be changed.</summary>
    public const string PublisherChanged = "MSC3002";

    /// <summary>A published plan is missing from the draft (renamed or deleted); plan IDs are immutable once published.</summary>
    public const string PublishedPlanRemoved = "MSC3003";

    /// <summary>A plan published as public was made private; a public plan can never become private.</summary>
    public const string PublicPlanMadePrivate = "MSC3004";

    /// <summary>A changed manifest does not carry a strictly greater version than the plan's previous manifest.</summary>
    public const string ManifestVersionNotIncreased = "MSC3007";

    /// <summary>A plan has validation errors and cannot be published.</summary>
    public const string PlanHasValidationErrors = "MSC3008";

    /// <summary>A stop-sold plan was set back on sale; stop-selling cannot be undone.</summary>
    public const string StopSoldPlanResumed = "MSC3009";

    /// <summary>The plan does not exist among the offer's published plans.</summary>
    public const string PlanNotPublished = "MSC3010";

    /// <summary>Nothing changed since the last publication (informational; the state is unchanged).</summary>
    public const string NothingToPublish = "MSC3011";

    /// <summary>The plan is already stop-sold (informational; the state is unchanged).</summary>
    public const string PlanAlreadyStopSold = "MSC3014";

    /// <summary>An onboarding template is deployed to a customer tenant, but it was read without the subscription it is deployed to.</summary>
    public const string DeploymentSubscriptionUnknown = "MSC3015";

    /// <summary>An onboarding template deployed to a customer tenant creates no delegation (no assignment of its definitions).</summary>
    public const string DeploymentDelegatesNothing = "MSC3016";

    /// <summary>The plan is stop-sold and can no longer be bought.</summary>
    public const string PlanStopSold = "MSC3101";

    /// <summary>A subscription is not in the private plan's audience.</summary>
    public const string SubscriptionNotInAudience = "MSC3102";

    /// <summary>The plan's managing tenant is the customer's own tenant.</summary>
    public const string ManagingTenantIsCustomerTenant = "MSC3103";

    /// <summary>No subscription or scope was given.</summary>
    public const string NothingSelected = "MSC3104";

    /// <summary>The customer has not bought the plan.</summary>
    public const string PlanNotPurchased = "MSC3105";

    /// <summary>The scope is not a subscription, or a resource group of a subscription, bought with the plan.</summary>
    public const string ScopeNotPurchased = "MSC3106";

    /// <summary>The scope already has a registration assignment for the same offer name.</summary>
    public const string MultipleRegistrationAssignments = "MSC3107";

    /// <summary>The plan has no published version newer than the one the customer accepted.</summary>
    public const string NoNewerVersion = "MSC3108";

    /// <summary>The newer version delegates to another managing tenant, which needs a new offer.</summary>
    public const string ManagingTenantChangeRequiresNewOffer = "MSC3109";

    /// <summary>The delegation is not among the customer's delegations.</summary>
    public const string DelegationNotFound = "MSC3110";

    /// <summary>
    /// The provider principal may not remove the delegation: no authorization gives it the Managed Services Registration
    /// Assignment Delete Role on the scope (the only role that deletes registration assignments under Lighthouse).
    /// </summary>
    public const string RemovalNotAuthorized = "MSC3111";

    /// <summary>The scope cannot be delegated: only subscriptions and resource groups can.</summary>
    public const string ScopeNotDelegable = "MSC3112";

    /// <summary>
    /// The subscription already holds the registration definition <c>guid(offerName)</c> for another plan of the same
    /// offer; one offer name names one definition per subscription.
    /// </summary>
    public const string RegistrationDefinitionTaken = "MSC3113";
}
