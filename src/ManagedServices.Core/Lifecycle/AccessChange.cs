namespace ManagedServices.Lifecycle;

/// <summary>One flagged change of access between two manifests.</summary>
public sealed record AccessChange
{
    /// <summary>The rule that flagged the change.</summary>
    public required AccessChangeRule Rule { get; init; }

    /// <summary>Widening or narrowing.</summary>
    public required AccessChangeDirection Direction { get; init; }

    /// <summary>How much the change matters; <see cref="AccessChangeSeverity.Info"/> for every narrowing change.</summary>
    public required AccessChangeSeverity Severity { get; init; }

    /// <summary>The principal concerned; <see langword="null"/> for <see cref="AccessChangeRule.ManagingTenant"/>.</summary>
    public PrincipalId? PrincipalId { get; init; }

    /// <summary>The role concerned, when the rule is about a role.</summary>
    public RoleDefinitionId? RoleDefinitionId { get; init; }

    /// <summary>True when the change concerns an eligible authorization rather than a permanent one.</summary>
    public bool IsEligible { get; init; }

    /// <summary>The replaced role (<see cref="AccessChangeRule.RolePermissions"/>) or the delegated role (<see cref="AccessChangeRule.DelegatedRole"/>).</summary>
    public RoleDefinitionId? RelatedRoleDefinitionId { get; init; }

    /// <summary>The approver (<see cref="AccessChangeRule.Approver"/>).</summary>
    public PrincipalId? RelatedPrincipalId { get; init; }

    /// <summary>A one-line explanation.</summary>
    public required string Message { get; init; }

    /// <summary>Formats the change as <c>direction severity rule: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        new StringBuilder().Append(ManifestDiffFormat.Name(Direction)).Append(' ').Append(ManifestDiffFormat.Name(Severity))
            .Append(' ').Append(ManifestDiffFormat.Name(Rule)).Append(": ").Append(Message).ToString();
}
