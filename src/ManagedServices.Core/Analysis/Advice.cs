using ManagedServices.Arm;
using ManagedServices.Offers;

namespace ManagedServices.Analysis;

/// <summary>The answer of <see cref="LeastPrivilegeAdvisor.Advise"/>.</summary>
/// <remarks>
/// A report, a plain value, not a result type: it does not have the one result shape (<see cref="DiagnosticResult{T}"/>)
/// because the advice is always produced; <see cref="Diagnostics"/> say which inputs it could not use (a row, a file)
/// and how far it can be trusted.
/// </remarks>
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
