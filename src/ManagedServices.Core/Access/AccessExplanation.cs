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

    /// <summary>
    /// Every deny assignment that covers the request's scope, in the order configured, and whether it applies. When the
    /// decision is <see cref="AccessReason.DeniedByDenyAssignment"/>, the first one that applies decided it.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<AccessDenyCandidate> DenyAssignments { get; init => field = value.OrEmpty(); } = [];

    /// <inheritdoc/>
    public bool Equals(AccessExplanation? other) =>
        other is not null && Decision == other.Decision && Request == other.Request && MalformedBecause == other.MalformedBecause &&
        Sequence.Equal(Principals, other.Principals) && Sequence.Equal(Candidates, other.Candidates) &&
        Sequence.Equal(DenyAssignments, other.DenyAssignments);

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

        foreach (var d in DenyAssignments)
        {
            sb.AppendLine().Append(d.Applies ? "  [deny assignment applies] " : "  [deny assignment] ")
                .Append(d.DenyAssignment.Name ?? "").Append(d.DenyAssignment.Name is null ? "" : " ").Append(d.DenyAssignment.Id)
                .Append(" at ").Append(d.DenyAssignment.Scope).Append(": ").Append(d.Detail);
        }

        return sb.ToString();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Decision = ").Append(Decision).Append(", Request = ").Append(Request).Append(", ");
        Sequence.Print(builder, nameof(Candidates), Candidates).Append(", ");
        Sequence.Print(builder, nameof(DenyAssignments), DenyAssignments);
        return true;
    }
}
