namespace ManagedServices.Access;

/// <summary>
/// An access question: may a managing-tenant principal perform a management operation on a customer scope?
/// The principal can be given as a <see cref="ManagedServices.PrincipalId"/> or as text (parsed, without
/// allocating, inside <see cref="AccessEvaluator.Check(in AccessRequest)"/>; malformed text is denied with
/// <see cref="AccessReason.MalformedRequest"/>).
/// </summary>
public readonly struct AccessRequest
{
    private readonly PrincipalId _principalId;

    /// <summary>Creates a request.</summary>
    /// <param name="principalId">The calling user, group or service principal of the managing tenant.</param>
    /// <param name="action">The operation, for example <c>Microsoft.Compute/virtualMachines/read</c>.</param>
    /// <param name="scope">The target ARM scope in the customer tenant.</param>
    public AccessRequest(PrincipalId principalId, string action, string scope)
    {
        _principalId = principalId;
        Action = action;
        Scope = scope;
    }

    /// <summary>A request with the data-action flag set in the constructor (no copy for an initializer; hot paths).</summary>
    internal AccessRequest(PrincipalId principalId, string action, string scope, bool isDataAction)
        : this(principalId, action, scope) => IsDataAction = isDataAction;

    /// <summary>Creates a request with the principal ID as text (a GUID, 36 characters with hyphens).</summary>
    /// <param name="principalId">The principal ID as text.</param>
    /// <param name="action">The operation.</param>
    /// <param name="scope">The target ARM scope.</param>
    public AccessRequest(string principalId, string action, string scope)
    {
        PrincipalIdText = principalId;
        Action = action;
        Scope = scope;
    }

    /// <summary>
    /// The principal. For a request made from text, the parsed value (the empty GUID when the text is not a GUID).
    /// </summary>
    public PrincipalId PrincipalId =>
        PrincipalIdText is null ? _principalId : PrincipalId.TryParse(PrincipalIdText, out var id) ? id : default;

    /// <summary>The principal ID as given, when the request was made from text; otherwise <see langword="null"/>.</summary>
    public string? PrincipalIdText { get; }

    /// <summary>The operation name.</summary>
    public string Action { get; }

    /// <summary>The target scope (an ARM resource ID, subscription or resource group).</summary>
    public string Scope { get; }

    /// <summary>
    /// The tenant of the calling principal, or <see langword="null"/> to assume each definition's managing tenant.
    /// </summary>
    public TenantId? PrincipalTenantId { get; init; }

    /// <summary>
    /// True when <see cref="Action"/> is asked about as a data-plane operation (never delegated by Lighthouse). An
    /// operation that Azure's operation list (<see cref="Operations.OperationCatalog.Azure"/>) has only as a data action
    /// is one even when this is false; one listed in both planes follows this flag.
    /// </summary>
    public bool IsDataAction { get; init; }

    /// <summary>Extra groups of the principal (for example from its token), added to the configured memberships.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<PrincipalId> GroupIds { get; init; }

    /// <summary>
    /// Eligible roles the caller asserts are active now (for example from PIM); they count as live activations with
    /// multifactor authentication and approval satisfied, for every delegation where the principal is eligible.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RoleDefinitionId> ActivatedRoleDefinitionIds { get; init; }

    /// <summary>For a role assignment write or delete: the role being assigned.</summary>
    public RoleDefinitionId? TargetRoleDefinitionId { get; init; }

    /// <summary>For a role assignment write or delete: the kind of principal receiving the role, when known.</summary>
    public PrincipalKind? TargetPrincipalKind { get; init; }

    /// <summary>For a role assignment write or delete: true when the principal receiving the role is a managed identity.</summary>
    public bool TargetIsManagedIdentity { get; init; }

    /// <summary>The request as text, for logs.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{PrincipalIdText ?? _principalId.ToString()} {(IsDataAction ? "data action " : "")}{Action} on {Scope}";
}
