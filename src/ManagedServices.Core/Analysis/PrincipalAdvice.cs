namespace ManagedServices.Analysis;

/// <summary>The advice for one authorization principal (a group or user named in the delegations) or one caller without an authorization.</summary>
public sealed record PrincipalAdvice
{
    /// <summary>The principal.</summary>
    public required PrincipalId PrincipalId { get; init; }

    /// <summary>The principal's display name from the delegations, when given.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Succeeded operations performed through a delegation (by the principal, or by members of the group).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<ObservedOperation> ObservedOperations { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Failed operations ("wanted but denied"): reported, never granted.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<ObservedOperation> WantedButDenied { get; init => field = value.OrEmpty(); } = [];

    /// <summary>The principal's permanent authorizations today.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RoleAtScope> CurrentRoles { get; init => field = value.OrEmpty(); } = [];

    /// <summary>The proposed roles covering the observed operations, each at the narrowest scope the events allow.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RoleAtScope> ProposedRoles { get; init => field = value.OrEmpty(); } = [];

    /// <summary>
    /// Read access, kept apart because the activity log never records reads: the principal's read-only roles, and
    /// Reader where a current role granted more, at today's scopes (so the portal's <em>My customers</em> view keeps working).
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RoleAtScope> ReadAccess { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Observed operations the proposal does not cover, with the reason.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<UncoveredOperation> Uncovered { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Non-read operations of Azure's operation list the current roles grant and the proposal does not.</summary>
    public int OperationsRemoved { get; init; }

    /// <summary>Non-read operations of Azure's operation list the proposed roles grant beyond the observed ones (what the search minimises).</summary>
    public int OperationsBeyondObserved { get; init; }

    /// <summary>True when the proposal is proved optimal; false for the greedy answer.</summary>
    public bool Exact { get; init; }

    /// <summary>A lower bound on <see cref="OperationsBeyondObserved"/> of any cover (equal to it when <see cref="Exact"/>).</summary>
    public int LowerBound { get; init; }

    /// <summary>True when the principal keeps its current roles because narrower ones could not be proved not to widen access (<c>MSC4008</c>).</summary>
    public bool KeptCurrentRoles { get; init; }
}
