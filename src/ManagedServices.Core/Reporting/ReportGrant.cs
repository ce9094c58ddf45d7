using ManagedServices.Offers;

namespace ManagedServices.Reporting;

/// <summary>One authorization of one offer in an <see cref="AccessReport"/>; it applies at every scope of <see cref="Offer"/>.</summary>
public sealed record ReportGrant
{
    /// <summary>The offer.</summary>
    public required ReportOffer Offer { get; init; }

    /// <summary>The principal as the authorization names it.</summary>
    public required Principal Principal { get; init; }

    /// <summary>The role.</summary>
    public required RoleDefinitionId RoleDefinitionId { get; init; }

    /// <summary>The role's name in the catalog; <see langword="null"/> when the catalog does not have it.</summary>
    public string? RoleName { get; init; }

    /// <summary>The activation policy of an eligible authorization; <see langword="null"/> for a permanent one.</summary>
    public JustInTimeAccessPolicy? JustInTimeAccessPolicy { get; init; }

    /// <summary>True for an eligible (just-in-time) authorization.</summary>
    public bool IsEligible => JustInTimeAccessPolicy is not null;

    /// <summary>The roles a User Access Administrator authorization may assign to managed identities.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RoleDefinitionId> DelegatedRoleDefinitionIds { get; init => field = value.OrEmpty(); } = [];

    /// <inheritdoc/>
    public bool Equals(ReportGrant? other) =>
        other is not null && Offer == other.Offer && Principal == other.Principal && RoleDefinitionId == other.RoleDefinitionId &&
        RoleName == other.RoleName && JustInTimeAccessPolicy == other.JustInTimeAccessPolicy &&
        Sequence.Equal(DelegatedRoleDefinitionIds, other.DelegatedRoleDefinitionIds);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Offer, Principal, RoleDefinitionId, RoleName, JustInTimeAccessPolicy, Sequence.Hash(DelegatedRoleDefinitionIds));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Offer = ").Append(Offer.Definition.Id).Append(", Principal = ").Append(Principal)
            .Append(", RoleDefinitionId = ").Append(RoleDefinitionId).Append(", RoleName = ").Append(RoleName)
            .Append(", JustInTimeAccessPolicy = ").Append(JustInTimeAccessPolicy).Append(", ");
        Sequence.Print(builder, nameof(DelegatedRoleDefinitionIds), DelegatedRoleDefinitionIds);
        return true;
    }
}
