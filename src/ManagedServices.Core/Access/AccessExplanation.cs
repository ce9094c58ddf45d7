using System.Collections.Immutable;
using System.Text;

namespace ManagedServices.Access;

/// <summary>
/// The full trace of one access check, for humans and audits: the decision (identical to
/// <see cref="AccessEvaluator.Check(in AccessRequest)"/>), the principals considered, and every authorization of every
/// delegation in the request's subscription with the reason it did or did not apply.
/// </summary>
public sealed record AccessExplanation
{
    /// <summary>The decision.</summary>
    public required AccessDecision Decision { get; init; }

    /// <summary>The request, as text.</summary>
    public required string Request { get; init; }

    /// <summary>Why the request is malformed, when <see cref="AccessDecision.Reason"/> is <see cref="AccessReason.MalformedRequest"/>.</summary>
    public string? MalformedBecause { get; init; }

    /// <summary>The principal and the groups it was evaluated with (configured memberships and the request's groups).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<PrincipalId> Principals { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Every authorization of every delegation in the request's subscription, in snapshot order.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<AccessCandidate> Candidates { get; init => field = value.OrEmpty(); } = [];

    /// <inheritdoc/>
    public bool Equals(AccessExplanation? other) =>
        other is not null && Decision == other.Decision && Request == other.Request && MalformedBecause == other.MalformedBecause &&
        Sequence.Equal(Principals, other.Principals) && Sequence.Equal(Candidates, other.Candidates);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Decision, Request, Sequence.Hash(Candidates));

    /// <summary>A multi-line report: the request, the decision and one line per candidate.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Request).Append(" => ").Append(Decision.IsAllowed ? "Allow" : "Deny (" + Decision.Reason + ")");
        if (MalformedBecause is not null)
        {
            sb.Append(": ").Append(MalformedBecause);
        }

        foreach (var c in Candidates)
        {
            sb.AppendLine().Append("  ").Append(c.Outcome == AccessReason.Allowed ? "[allow] " : "[" + c.Outcome + "] ")
                .Append(c.Grant.RoleName ?? c.Grant.RoleDefinitionId.ToString()).Append(" for ")
                .Append(c.Grant.PrincipalDisplayName ?? c.Grant.PrincipalId.ToString())
                .Append(c.Grant.IsEligible ? " (eligible)" : "").Append(" at ").Append(c.Grant.Scope)
                .Append(" (").Append(c.Grant.RegistrationDefinitionName).Append("): ").Append(c.Detail);
        }

        return sb.ToString();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Decision = ").Append(Decision).Append(", Request = ").Append(Request).Append(", ");
        Sequence.Print(builder, nameof(Candidates), Candidates);
        return true;
    }
}

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
