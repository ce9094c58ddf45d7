namespace ManagedServices.Lifecycle;

/// <summary>One flagged change of access between two manifests.</summary>
/// <param name="Rule">The rule that flagged the change.</param>
/// <param name="Direction">Widening or narrowing.</param>
/// <param name="Severity">How much the change matters; <see cref="AccessChangeSeverity.Info"/> for every narrowing change.</param>
/// <param name="PrincipalId">The principal concerned; <see langword="null"/> for <see cref="AccessChangeRule.ManagingTenant"/>.</param>
/// <param name="RoleDefinitionId">The role concerned, when the rule is about a role.</param>
/// <param name="IsEligible">True when the change concerns an eligible authorization rather than a permanent one.</param>
/// <param name="RelatedRoleDefinitionId">
/// The replaced role (<see cref="AccessChangeRule.RolePermissions"/>) or the delegated role (<see cref="AccessChangeRule.DelegatedRole"/>).
/// </param>
/// <param name="RelatedPrincipalId">The approver (<see cref="AccessChangeRule.Approver"/>).</param>
/// <param name="Message">A one-line explanation.</param>
public sealed record AccessChange(
    AccessChangeRule Rule, AccessChangeDirection Direction, AccessChangeSeverity Severity, PrincipalId? PrincipalId,
    RoleDefinitionId? RoleDefinitionId, bool IsEligible, RoleDefinitionId? RelatedRoleDefinitionId, PrincipalId? RelatedPrincipalId,
    string Message)
{
    /// <summary>Formats the change as <c>direction severity rule: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        new StringBuilder().Append(ManifestDiffFormat.Name(Direction)).Append(' ').Append(ManifestDiffFormat.Name(Severity))
            .Append(' ').Append(ManifestDiffFormat.Name(Rule)).Append(": ").Append(Message).ToString();
}
