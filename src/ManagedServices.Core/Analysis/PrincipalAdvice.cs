namespace ManagedServices.Analysis;

/// <summary>The advice for one authorization principal (a group or user named in the delegations) or one caller without an authorization.</summary>
/// <param name="PrincipalId">The principal.</param>
/// <param name="DisplayName">The principal's display name from the delegations, when given.</param>
/// <param name="ObservedOperations">Succeeded operations performed through a delegation (a default array is taken as empty).</param>
/// <param name="WantedButDenied">Failed operations (a default array is taken as empty).</param>
/// <param name="CurrentRoles">The principal's permanent authorizations today (a default array is taken as empty).</param>
/// <param name="ProposedRoles">The proposed roles (a default array is taken as empty).</param>
/// <param name="ReadAccess">Read access, kept apart (a default array is taken as empty).</param>
/// <param name="Uncovered">Observed operations the proposal does not cover (a default array is taken as empty).</param>
/// <param name="OperationsRemoved">Non-read operations of Azure's operation list the current roles grant and the proposal does not.</param>
/// <param name="OperationsBeyondObserved">
/// Non-read operations of Azure's operation list the proposed roles grant beyond the observed ones (what the search minimises).
/// </param>
/// <param name="Exact">True when the proposal is proved optimal; false for the greedy answer.</param>
/// <param name="LowerBound">A lower bound on <see cref="OperationsBeyondObserved"/> of any cover (equal to it when <see cref="Exact"/>).</param>
/// <param name="KeptCurrentRoles">
/// True when the principal keeps its current roles because narrower ones could not be proved not to widen access (<c>MSC4008</c>).
/// </param>
public sealed record PrincipalAdvice(
    PrincipalId PrincipalId, string? DisplayName, ImmutableArray<ObservedOperation> ObservedOperations,
    ImmutableArray<ObservedOperation> WantedButDenied, ImmutableArray<RoleAtScope> CurrentRoles, ImmutableArray<RoleAtScope> ProposedRoles,
    ImmutableArray<RoleAtScope> ReadAccess, ImmutableArray<UncoveredOperation> Uncovered, int OperationsRemoved, int OperationsBeyondObserved,
    bool Exact, int LowerBound, bool KeptCurrentRoles)
{
    /// <summary>Succeeded operations performed through a delegation (by the principal, or by members of the group).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<ObservedOperation> ObservedOperations { get; init => field = value.OrEmpty(); } = ObservedOperations.OrEmpty();

    /// <summary>Failed operations ("wanted but denied"): reported, never granted.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<ObservedOperation> WantedButDenied { get; init => field = value.OrEmpty(); } = WantedButDenied.OrEmpty();

    /// <summary>The principal's permanent authorizations today.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RoleAtScope> CurrentRoles { get; init => field = value.OrEmpty(); } = CurrentRoles.OrEmpty();

    /// <summary>The proposed roles covering the observed operations, each at the narrowest scope the events allow.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RoleAtScope> ProposedRoles { get; init => field = value.OrEmpty(); } = ProposedRoles.OrEmpty();

    /// <summary>
    /// Read access, kept apart because the activity log never records reads: the principal's read-only roles, and
    /// Reader where a current role granted more, at today's scopes (so the portal's <em>My customers</em> view keeps working).
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RoleAtScope> ReadAccess { get; init => field = value.OrEmpty(); } = ReadAccess.OrEmpty();

    /// <summary>Observed operations the proposal does not cover, with the reason.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<UncoveredOperation> Uncovered { get; init => field = value.OrEmpty(); } = Uncovered.OrEmpty();
}
