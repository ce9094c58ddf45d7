using ManagedServices.Access;
using ManagedServices.Offers;

namespace ManagedServices.Reporting;

/// <summary>
/// One authorization of one offer in an <see cref="AccessReport"/>; it applies at every scope of <see cref="Offer"/>,
/// unless <see cref="RefusedBecause"/> says it gives no access at all.
/// </summary>
/// <param name="Offer">The offer.</param>
/// <param name="Principal">The principal as the authorization names it.</param>
/// <param name="RoleDefinitionId">The role.</param>
/// <param name="RoleName">The role's name in the catalog; <see langword="null"/> when the catalog does not have it.</param>
/// <param name="JustInTimeAccessPolicy">The activation policy of an eligible authorization; <see langword="null"/> for a permanent one.</param>
/// <param name="DelegatedRoleDefinitionIds">
/// The roles a User Access Administrator authorization may assign to managed identities (a default array is taken as empty).
/// </param>
/// <param name="RefusedBecause">
/// Why the authorization gives no access at all, or <see langword="null"/> when it is effective. Decided by the
/// access evaluator's own rule on the grant it compiled (never by the report): <see cref="AccessReason.RoleNotDelegable"/>
/// (Owner, a role with restricted actions, User Access Administrator as an eligible authorization),
/// <see cref="AccessReason.CustomRoleNotDelegable"/>, <see cref="AccessReason.RoleNotInCatalog"/>,
/// <see cref="AccessReason.NoDelegationCoversScope"/> when the evaluator ignores the offer's delegations (see
/// <see cref="ReportOffer.IgnoredBecause"/>), or <see cref="AccessReason.PrincipalNotAuthorized"/> when the principal is
/// the empty GUID. No request is ever allowed through a refused authorization.
/// </param>
public sealed record ReportGrant(
    ReportOffer Offer, Principal Principal, RoleDefinitionId RoleDefinitionId, string? RoleName,
    JustInTimeAccessPolicy? JustInTimeAccessPolicy, ImmutableArray<RoleDefinitionId> DelegatedRoleDefinitionIds, AccessReason? RefusedBecause)
{
    /// <summary>True for an eligible (just-in-time) authorization.</summary>
    public bool IsEligible => JustInTimeAccessPolicy is not null;

    /// <summary>The roles a User Access Administrator authorization may assign to managed identities.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RoleDefinitionId> DelegatedRoleDefinitionIds { get; init => field = value.OrEmpty(); } = DelegatedRoleDefinitionIds.OrEmpty();

    /// <inheritdoc/>
    public bool Equals(ReportGrant? other) =>
        other is not null && Offer == other.Offer && Principal == other.Principal && RoleDefinitionId == other.RoleDefinitionId &&
        RoleName == other.RoleName && JustInTimeAccessPolicy == other.JustInTimeAccessPolicy &&
        Sequence.Equal(DelegatedRoleDefinitionIds, other.DelegatedRoleDefinitionIds) && RefusedBecause == other.RefusedBecause;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Offer, Principal, RoleDefinitionId, RoleName, JustInTimeAccessPolicy, Sequence.Hash(DelegatedRoleDefinitionIds), RefusedBecause);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Offer = ").Append(Offer.Definition.Id).Append(", Principal = ").Append(Principal)
            .Append(", RoleDefinitionId = ").Append(RoleDefinitionId).Append(", RoleName = ").Append(RoleName)
            .Append(", JustInTimeAccessPolicy = ").Append(JustInTimeAccessPolicy).Append(", ");
        Sequence.Print(builder, nameof(DelegatedRoleDefinitionIds), DelegatedRoleDefinitionIds);
        builder.Append(", RefusedBecause = ").Append(RefusedBecause);
        return true;
    }
}
