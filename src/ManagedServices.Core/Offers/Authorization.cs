using System.Collections.Immutable;
using System.Text;

namespace ManagedServices.Offers;

/// <summary>
/// A permanent ("active") authorization: a managing-tenant principal holds a built-in role on every delegated scope.
/// </summary>
public sealed record Authorization
{
    /// <summary>The principal that receives the role (<c>principalId</c>, <c>principalIdDisplayName</c>).</summary>
    public required Principal Principal { get; init; }

    /// <summary>The built-in role (<c>roleDefinitionId</c>).</summary>
    public required RoleDefinitionId RoleDefinitionId { get; init; }

    /// <summary>
    /// The roles a User Access Administrator authorization may assign to managed identities
    /// (<c>delegatedRoleDefinitionIds</c>); empty for every other role.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RoleDefinitionId> DelegatedRoleDefinitionIds { get; init => field = value.OrEmpty(); } = [];

    /// <inheritdoc/>
    public bool Equals(Authorization? other) =>
        other is not null && Principal == other.Principal && RoleDefinitionId == other.RoleDefinitionId &&
        Sequence.Equal(DelegatedRoleDefinitionIds, other.DelegatedRoleDefinitionIds);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Principal, RoleDefinitionId, Sequence.Hash(DelegatedRoleDefinitionIds));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Principal = ").Append(Principal).Append(", RoleDefinitionId = ").Append(RoleDefinitionId).Append(", ");
        Sequence.Print(builder, nameof(DelegatedRoleDefinitionIds), DelegatedRoleDefinitionIds);
        return true;
    }
}

/// <summary>
/// An eligible (just-in-time) authorization: the principal may activate the role for a limited time,
/// under the <see cref="JustInTimeAccessPolicy"/>.
/// </summary>
public sealed record EligibleAuthorization
{
    /// <summary>The user or group that may activate the role.</summary>
    public required Principal Principal { get; init; }

    /// <summary>The built-in role.</summary>
    public required RoleDefinitionId RoleDefinitionId { get; init; }

    /// <summary>The activation policy (<c>justInTimeAccessPolicy</c>).</summary>
    /// <value>The default value is <see cref="JustInTimeAccessPolicy.Default"/>.</value>
    public JustInTimeAccessPolicy JustInTimeAccessPolicy { get; init; } = JustInTimeAccessPolicy.Default;

    /// <summary>
    /// Delegated roles. The service does not allow them on eligible authorizations; the member exists so that
    /// such input can be represented and reported by validation.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RoleDefinitionId> DelegatedRoleDefinitionIds { get; init => field = value.OrEmpty(); } = [];

    /// <inheritdoc/>
    public bool Equals(EligibleAuthorization? other) =>
        other is not null && Principal == other.Principal && RoleDefinitionId == other.RoleDefinitionId &&
        JustInTimeAccessPolicy == other.JustInTimeAccessPolicy &&
        Sequence.Equal(DelegatedRoleDefinitionIds, other.DelegatedRoleDefinitionIds);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Principal, RoleDefinitionId, JustInTimeAccessPolicy, Sequence.Hash(DelegatedRoleDefinitionIds));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Principal = ").Append(Principal).Append(", RoleDefinitionId = ").Append(RoleDefinitionId)
            .Append(", JustInTimeAccessPolicy = ").Append(JustInTimeAccessPolicy).Append(", ");
        Sequence.Print(builder, nameof(DelegatedRoleDefinitionIds), DelegatedRoleDefinitionIds);
        return true;
    }
}

/// <summary>The just-in-time activation policy of an <see cref="EligibleAuthorization"/>.</summary>
public sealed record JustInTimeAccessPolicy
{
    /// <summary>The service's defaults: no MFA, eight hours, no approvers.</summary>
    public static JustInTimeAccessPolicy Default { get; } = new();

    /// <summary>Whether activation requires MFA (<c>multiFactorAuthProvider</c>).</summary>
    /// <value>The default value is <see cref="MultiFactorAuthProvider.None"/>, as in the service.</value>
    public MultiFactorAuthProvider MultiFactorAuthProvider { get; init; } = MultiFactorAuthProvider.None;

    /// <summary>The longest activation (<c>maximumActivationDuration</c>); the service allows 30 minutes to 8 hours.</summary>
    /// <value>The default value is 8 hours.</value>
    public TimeSpan MaximumActivationDuration { get; init; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The users or groups of the managing tenant who must approve an activation (<c>managedByTenantApprovers</c>);
    /// empty when the principal may activate without approval. At most 10.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<Principal> Approvers { get; init => field = value.OrEmpty(); } = [];

    /// <summary>True when an activation needs an approval.</summary>
    public bool RequiresApproval => !Approvers.IsEmpty;

    /// <inheritdoc/>
    public bool Equals(JustInTimeAccessPolicy? other) =>
        other is not null && MultiFactorAuthProvider == other.MultiFactorAuthProvider &&
        MaximumActivationDuration == other.MaximumActivationDuration && Sequence.Equal(Approvers, other.Approvers);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(MultiFactorAuthProvider, MaximumActivationDuration, Sequence.Hash(Approvers));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("MultiFactorAuthProvider = ").Append(MultiFactorAuthProvider)
            .Append(", MaximumActivationDuration = ").Append(IsoDuration.Format(MaximumActivationDuration)).Append(", ");
        Sequence.Print(builder, nameof(Approvers), Approvers);
        return true;
    }
}
