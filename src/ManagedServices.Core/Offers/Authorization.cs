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
