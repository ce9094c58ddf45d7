using ManagedServices.Offers;

namespace ManagedServices.Access;

/// <summary>
/// What one grant returned by a reverse query means, from <see cref="AccessEvaluator.Describe"/>: the eligible
/// authorization's just-in-time policy, the roles User Access Administrator may assign, and the operations of Azure's
/// operation list the grant's role permits through Lighthouse.
/// </summary>
/// <param name="Grant">The grant.</param>
/// <param name="JustInTimeAccessPolicy">The just-in-time access policy of an eligible grant (MFA, approvers, maximum duration); null for a permanent grant.</param>
/// <param name="DelegatedRoleDefinitionIds">For User Access Administrator: the roles it may assign (a default array is taken as empty).</param>
/// <param name="Operations">The operations the grant's role permits through Lighthouse (a default array is taken as empty).</param>
public sealed record GrantDetails(
    AccessGrant Grant, JustInTimeAccessPolicy? JustInTimeAccessPolicy, ImmutableArray<RoleDefinitionId> DelegatedRoleDefinitionIds,
    ImmutableArray<string> Operations)
{
    /// <summary>
    /// For User Access Administrator: the roles it may assign, to managed identities only (the authorization's
    /// <c>delegatedRoleDefinitionIds</c> that Lighthouse accepts); empty for other roles.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RoleDefinitionId> DelegatedRoleDefinitionIds { get; init => field = value.OrEmpty(); } = DelegatedRoleDefinitionIds.OrEmpty();

    /// <summary>
    /// The management operations of Azure's operation list (<see cref="Operations.OperationCatalog.Azure"/>) the grant's
    /// role permits outright through Lighthouse, in list order: Actions minus NotActions of blocks without a condition,
    /// less the operations Lighthouse takes away; data actions never. User Access Administrator's role assignment
    /// writes and deletes, allowed only for managed identities, are not listed. Empty unless asked for, and for a role
    /// that grants nothing.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> Operations { get; init => field = value.OrEmpty(); } = Operations.OrEmpty();

    /// <inheritdoc/>
    public bool Equals(GrantDetails? other) =>
        other is not null && Grant == other.Grant && JustInTimeAccessPolicy == other.JustInTimeAccessPolicy &&
        Sequence.Equal(DelegatedRoleDefinitionIds, other.DelegatedRoleDefinitionIds) && Sequence.Equal(Operations, other.Operations);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Grant, JustInTimeAccessPolicy, Sequence.Hash(DelegatedRoleDefinitionIds), Sequence.Hash(Operations));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Grant = ").Append(Grant).Append(", JustInTimeAccessPolicy = ").Append(JustInTimeAccessPolicy).Append(", ");
        Sequence.Print(builder, nameof(DelegatedRoleDefinitionIds), DelegatedRoleDefinitionIds).Append(", ");
        Sequence.Print(builder, nameof(Operations), Operations);
        return true;
    }
}
