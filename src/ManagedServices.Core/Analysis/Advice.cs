using System.Collections.Immutable;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Templates;

namespace ManagedServices.Analysis;

/// <summary>What <see cref="LeastPrivilegeAdvisor.Advise"/> considers.</summary>
public sealed record AdviceOptions
{
    /// <summary>
    /// The groups each caller belongs to (authorizations usually name groups, events name users). Default: none, so
    /// only authorizations naming the caller itself count.
    /// </summary>
    public IGroupMembershipProvider? Groups { get; init; }

    /// <summary>Only this principal: an authorization's principal, or a caller (then the authorization principals it acts through). Default: all.</summary>
    public PrincipalId? PrincipalId { get; init; }

    /// <summary>The roles. Default: <see cref="RoleCatalog.BuiltIn"/>.</summary>
    public RoleCatalog? RoleCatalog { get; init; }

    /// <summary>The node budget of the exact search per principal; beyond it the greedy answer is given (<c>MSC4007</c>).</summary>
    /// <value>The default value is 200,000.</value>
    public int ExactSearchBudget { get; init; } = 200_000;
}

/// <summary>A role at a scope.</summary>
public sealed record RoleAtScope
{
    /// <summary>The role.</summary>
    public required RoleDefinitionId RoleDefinitionId { get; init; }

    /// <summary>The role's name in the catalog (the ID when the catalog does not know it).</summary>
    public required string RoleName { get; init; }

    /// <summary>The subscription or resource group.</summary>
    public required ResourceScope Scope { get; init; }
}

/// <summary>An operation performed (or attempted) through a delegation, with where, how often and by whom.</summary>
public sealed record ObservedOperation
{
    /// <summary>The operation (Azure's spelling when its operation list knows it).</summary>
    public required string Operation { get; init; }

    /// <summary>The subscriptions and resource groups it was performed in, sorted.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<ResourceScope> Scopes { get; init => field = value.OrEmpty(); } = [];

    /// <summary>The callers (object IDs) that performed it, sorted.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<PrincipalId> Callers { get; init => field = value.OrEmpty(); } = [];

    /// <summary>The number of events.</summary>
    public long Events { get; init; }

    /// <summary>The first event's time.</summary>
    public DateTimeOffset FirstSeen { get; init; }

    /// <summary>The last event's time.</summary>
    public DateTimeOffset LastSeen { get; init; }
}

/// <summary>An observed operation no proposed role covers, and why.</summary>
public sealed record UncoveredOperation
{
    /// <summary>The operation.</summary>
    public required string Operation { get; init; }

    /// <summary>Why no delegable role narrower than the principal's current roles covers it.</summary>
    public required string Reason { get; init; }
}

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

/// <summary>The answer of <see cref="LeastPrivilegeAdvisor.Advise"/>.</summary>
public sealed record Advice
{
    /// <summary>One entry per authorization principal of the delegations (and per caller without one), sorted by ID.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<PrincipalAdvice> Principals { get; init => field = value.OrEmpty(); } = [];

    /// <summary>The proposed onboarding template (ARM JSON and parameters), or null when none can be proposed (<c>MSC4009</c>).</summary>
    public OnboardingTemplateFiles? ProposedTemplate { get; init; }

    /// <summary>The delegations the proposed template creates (empty without a template).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<Delegation> ProposedDelegations { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Events counted through a delegation (the caller's tenant is the managing tenant of a delegation covering the scope).</summary>
    public long EventsThroughDelegations { get; init; }

    /// <summary>Events of callers acting in the customer's own tenant (or without a tenant claim): not delegated access, left out.</summary>
    public long EventsNotDelegated { get; init; }

    /// <summary>Diagnostics: the activity log's, and the advisor's (<c>MSC4007</c> to <c>MSC4009</c>).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<Diagnostic> Diagnostics { get; init => field = value.OrEmpty(); } = [];
}
