namespace ManagedServices.Access;

/// <summary>
/// A managing-tenant principal that holds access through a grant: the principal an authorization names, or a known
/// member of a group an authorization names (then <see cref="ViaGroupId"/> is the group). Returned by the reverse
/// queries of <see cref="AccessEvaluator"/>.
/// </summary>
public sealed record AccessHolder
{
    /// <summary>The principal.</summary>
    public required PrincipalId PrincipalId { get; init; }

    /// <summary>The kind of principal, when known (members found through group memberships are <see cref="PrincipalKind.Unknown"/>).</summary>
    public PrincipalKind PrincipalKind { get; init; }

    /// <summary>The display name, when the authorization has one.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The group the access comes through, or <see langword="null"/> when the authorization names the principal itself.</summary>
    public PrincipalId? ViaGroupId { get; init; }

    /// <summary>The grant (authorization, role, delegation scope, offer).</summary>
    public required AccessGrant Grant { get; init; }

    /// <summary>True when the grant is eligible: the access needs a just-in-time activation.</summary>
    public bool IsEligible => Grant.IsEligible;

    /// <summary>
    /// A condition on the access, when there is one (User Access Administrator role assignments; in the customer
    /// access report, the deny assignments that restrict the holder within the delegated scope).
    /// </summary>
    public string? Condition { get; init; }
}
