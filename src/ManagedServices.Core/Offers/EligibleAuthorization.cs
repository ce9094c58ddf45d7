namespace ManagedServices.Offers;

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
