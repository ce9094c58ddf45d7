namespace ManagedServices.Access;

/// <summary>
/// A just-in-time (PIM) activation of an eligible authorization by a managing-tenant principal. It counts only
/// while <see cref="Start"/> &lt;= now &lt; <see cref="End"/> and for no longer than the eligible authorization's
/// <see cref="Offers.JustInTimeAccessPolicy.MaximumActivationDuration"/> after <see cref="Start"/> (a longer
/// activation is cut at that maximum), and only when <see cref="MultiFactorAuthenticated"/> and
/// <see cref="Approved"/> satisfy the eligible authorization's access policy.
/// </summary>
public sealed record JustInTimeActivation
{
    /// <summary>The principal that activated the role (the user; for a group-based eligible authorization, the member).</summary>
    public required PrincipalId PrincipalId { get; init; }

    /// <summary>The activated role.</summary>
    public required RoleDefinitionId RoleDefinitionId { get; init; }

    /// <summary>The registration definition the activation is for, or <see langword="null"/> for any delegation.</summary>
    public Guid? RegistrationDefinitionId { get; init; }

    /// <summary>When the activation starts (inclusive).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When the activation ends (exclusive).</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>True when the principal completed multifactor authentication at activation.</summary>
    public bool MultiFactorAuthenticated { get; init; }

    /// <summary>True when an approver approved the activation.</summary>
    public bool Approved { get; init; }
}
