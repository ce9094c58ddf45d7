namespace ManagedServices.Access;

/// <summary>One authorization considered by <see cref="AccessEvaluator.Explain(in AccessRequest)"/> and what it decided.</summary>
public sealed record AccessCandidate
{
    /// <summary>The authorization, with its delegation.</summary>
    public required AccessGrant Grant { get; init; }

    /// <summary>True when the delegation takes part in evaluation and its scope covers the request's scope.</summary>
    public bool CoversScope { get; init; }

    /// <summary>True when the authorization names the principal or one of its groups.</summary>
    public bool MatchesPrincipal { get; init; }

    /// <summary>The group through which the authorization applies, when it names a group.</summary>
    public PrincipalId? ViaGroupId { get; init; }

    /// <summary>
    /// <see cref="AccessReason.Allowed"/> when this authorization allows the request; otherwise why not
    /// (<see cref="AccessReason.NoDelegationCoversScope"/> when the delegation does not cover the scope,
    /// <see cref="AccessReason.PrincipalNotAuthorized"/> when it names someone else).
    /// </summary>
    public required AccessReason Outcome { get; init; }

    /// <summary>The Action pattern that matched, if any.</summary>
    public string? MatchedAction { get; init; }

    /// <summary>The NotAction pattern (of the same permission block) that removed the action, if any.</summary>
    public string? ExcludedBy { get; init; }

    /// <summary>A sentence explaining <see cref="Outcome"/>.</summary>
    public required string Detail { get; init; }
}
