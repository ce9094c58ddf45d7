using System.Collections.Immutable;
using System.Text;

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

/// <summary>What one principal can do at one scope: the grants that apply there and decisions for given actions.</summary>
public sealed record PrincipalAccess
{
    /// <summary>The principal.</summary>
    public required PrincipalId PrincipalId { get; init; }

    /// <summary>The scope.</summary>
    public required string Scope { get; init; }

    /// <summary>
    /// The grants whose delegation covers the scope and that name the principal or one of its groups, in snapshot
    /// order. Eligible grants are included and marked; grants of roles that never allow anything are left out.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<AccessGrant> Grants { get; init => field = value.OrEmpty(); } = [];

    /// <summary>The decision for each action asked about, in the order given.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<ActionAccess> Actions { get; init => field = value.OrEmpty(); } = [];

    /// <inheritdoc/>
    public bool Equals(PrincipalAccess? other) =>
        other is not null && PrincipalId == other.PrincipalId && Scope == other.Scope &&
        Sequence.Equal(Grants, other.Grants) && Sequence.Equal(Actions, other.Actions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(PrincipalId, Scope, Sequence.Hash(Grants), Sequence.Hash(Actions));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("PrincipalId = ").Append(PrincipalId).Append(", Scope = ").Append(Scope).Append(", ");
        Sequence.Print(builder, nameof(Grants), Grants);
        builder.Append(", ");
        Sequence.Print(builder, nameof(Actions), Actions);
        return true;
    }
}

/// <summary>The decision for one action in a <see cref="PrincipalAccess"/>.</summary>
public sealed record ActionAccess
{
    /// <summary>The action.</summary>
    public required string Action { get; init; }

    /// <summary>The decision.</summary>
    public required AccessDecision Decision { get; init; }
}
