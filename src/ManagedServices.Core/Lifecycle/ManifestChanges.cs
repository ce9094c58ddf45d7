using System.Text;
using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>How an entry differs between an older and a newer manifest.</summary>
public enum ManifestChangeKind
{
    /// <summary>Only the newer manifest has the entry.</summary>
    Added = 0,

    /// <summary>Only the older manifest has the entry.</summary>
    Removed = 1,

    /// <summary>Both manifests have the entry, with different details.</summary>
    Changed = 2,
}

/// <summary>A permanent authorization added, removed or changed, keyed by principal ID and role.</summary>
public sealed record AuthorizationChange
{
    /// <summary>Added, removed or changed.</summary>
    public required ManifestChangeKind Kind { get; init; }

    /// <summary>The principal of the key.</summary>
    public required PrincipalId PrincipalId { get; init; }

    /// <summary>The role of the key.</summary>
    public required RoleDefinitionId RoleDefinitionId { get; init; }

    /// <summary>The role's name from the role catalog, or <see langword="null"/> when the catalog does not know it.</summary>
    public string? RoleName { get; init; }

    /// <summary>The entry in the older manifest; <see langword="null"/> when added.</summary>
    public Authorization? Old { get; init; }

    /// <summary>The entry in the newer manifest; <see langword="null"/> when removed.</summary>
    public Authorization? New { get; init; }
}

/// <summary>An eligible authorization added, removed or changed (for example its policy), keyed by principal ID and role.</summary>
public sealed record EligibleAuthorizationChange
{
    /// <summary>Added, removed or changed.</summary>
    public required ManifestChangeKind Kind { get; init; }

    /// <summary>The principal of the key.</summary>
    public required PrincipalId PrincipalId { get; init; }

    /// <summary>The role of the key.</summary>
    public required RoleDefinitionId RoleDefinitionId { get; init; }

    /// <summary>The role's name from the role catalog, or <see langword="null"/> when the catalog does not know it.</summary>
    public string? RoleName { get; init; }

    /// <summary>The entry in the older manifest; <see langword="null"/> when added.</summary>
    public EligibleAuthorization? Old { get; init; }

    /// <summary>The entry in the newer manifest; <see langword="null"/> when removed.</summary>
    public EligibleAuthorization? New { get; init; }
}

/// <summary>Whether a flagged change gives the managing tenant more access or less.</summary>
public enum AccessChangeDirection
{
    /// <summary>The newer manifest grants more (or needs fewer safeguards).</summary>
    Widening = 0,

    /// <summary>The newer manifest grants less (or needs more safeguards).</summary>
    Narrowing = 1,
}

/// <summary>How much a flagged change matters to a customer reviewing an update.</summary>
public enum AccessChangeSeverity
{
    /// <summary>For information (every narrowing change).</summary>
    Info = 0,

    /// <summary>A widening the customer should notice but that adds little (for example a role already covered).</summary>
    Low = 1,

    /// <summary>A widening that weakens a just-in-time safeguard or adds a role that must be activated.</summary>
    Medium = 2,

    /// <summary>A widening that grants standing access to new operations or to a new principal.</summary>
    High = 3,

    /// <summary>The access goes to a different tenant.</summary>
    Critical = 4,
}

/// <summary>The rule that flagged an <see cref="AccessChange"/>.</summary>
public enum AccessChangeRule
{
    /// <summary>The managing tenant changed (always reported as widening, in both directions).</summary>
    ManagingTenant = 0,

    /// <summary>A principal appears (widening) or disappears (narrowing) altogether.</summary>
    Principal = 1,

    /// <summary>A principal gains (widening) or loses (narrowing) a role, permanent or eligible (<see cref="AccessChange.IsEligible"/>).</summary>
    Role = 2,

    /// <summary>
    /// For one principal, a role replaces another and is not proved to be a subset of it (widening), or the replaced role
    /// is not proved to be a subset of the new one (narrowing). <see cref="AccessChange.RelatedRoleDefinitionId"/> is the replaced role.
    /// </summary>
    RolePermissions = 3,

    /// <summary>An eligible role turned permanent (widening) or a permanent role turned eligible (narrowing).</summary>
    AccessType = 4,

    /// <summary>An eligible authorization stopped (widening) or started (narrowing) requiring multifactor authentication.</summary>
    MultiFactorAuth = 5,

    /// <summary>An eligible authorization's maximum activation duration got longer (widening) or shorter (narrowing).</summary>
    MaximumActivationDuration = 6,

    /// <summary>An approver was removed (widening) or added (narrowing); <see cref="AccessChange.RelatedPrincipalId"/> is the approver.</summary>
    Approver = 7,

    /// <summary>
    /// A role that a User Access Administrator authorization may assign was added (widening) or removed (narrowing);
    /// <see cref="AccessChange.RelatedRoleDefinitionId"/> is the delegated role.
    /// </summary>
    DelegatedRole = 8,
}

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
