using System.Collections.Immutable;
using ManagedServices.Offers;

namespace ManagedServices.Access;

/// <summary>A delegation prepared for evaluation.</summary>
internal sealed class CompiledDelegation
{
    public required int Index { get; init; }

    public required Delegation Source { get; init; }

    public required GuidKey Subscription { get; init; }

    /// <summary>The delegated resource group, or null for a whole subscription.</summary>
    public required string? ResourceGroup { get; init; }

    /// <summary>Why the delegation never grants anything, or null when it takes part in evaluation.</summary>
    public required string? IgnoredBecause { get; init; }

    public ImmutableArray<CompiledGrant> Grants { get; set; } = [];

    public bool Covers(in ScopeParts parts) =>
        IgnoredBecause is null && parts.Kind >= ScopeKind.Subscription && parts.Subscription == Subscription &&
        (ResourceGroup is null || (!parts.ResourceGroup.IsEmpty && parts.ResourceGroup.Equals(ResourceGroup, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>One authorization of one delegation, prepared for evaluation.</summary>
internal sealed class CompiledGrant
{
    public required int Ordinal { get; init; }

    public required AccessGrant Public { get; init; }

    public required CompiledDelegation Delegation { get; init; }

    public required CompiledRole Role { get; init; }

    public required GuidKey Principal { get; init; }

    public required Guid ManagingTenant { get; init; }

    public required Guid DefinitionId { get; init; }

    /// <summary>The delegated resource group, or null for a whole subscription (copied for locality).</summary>
    public required string? ResourceGroup { get; init; }

    /// <summary>A reason this grant never allows anything (missing or non-delegable role), or Allowed when it can.</summary>
    public required AccessReason Fixed { get; init; }

    public required bool IsEligible { get; init; }

    public required bool RequiresMfa { get; init; }

    public required bool RequiresApproval { get; init; }

    /// <summary>For User Access Administrator: the roles it may assign (Owner and User Access Administrator removed).</summary>
    public required RoleDefinitionId[] DelegatedRoles { get; init; }

    public bool CanAssign(RoleDefinitionId role)
    {
        foreach (var r in DelegatedRoles)
        {
            if (r == role)
            {
                return true;
            }
        }

        return false;
    }
}
