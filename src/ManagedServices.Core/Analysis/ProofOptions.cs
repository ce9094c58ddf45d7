using ManagedServices.Access;

namespace ManagedServices.Analysis;

/// <summary>Which authorizations <see cref="AccessAnalysis.ProveNever"/> considers.</summary>
public sealed record ProofOptions
{
    /// <summary>Also consider eligible authorizations, assuming any activation. Default: permanent ones only.</summary>
    public bool IncludeEligible { get; init; }

    /// <summary>
    /// Only authorizations of this principal: its own, and those of the groups the evaluator's
    /// <see cref="AccessEvaluatorOptions.Groups"/> says it belongs to. Default: every principal.
    /// </summary>
    public PrincipalId? PrincipalId { get; init; }

    /// <summary>Only authorizations whose principal is this group. Cannot be combined with <see cref="PrincipalId"/>.</summary>
    public PrincipalId? GroupId { get; init; }

    /// <summary>Only authorizations whose delegation covers this scope (an ARM resource ID). Default: every scope.</summary>
    public string? Scope { get; init; }
}
