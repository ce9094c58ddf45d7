using ManagedServices.Offers;

namespace ManagedServices.Access;

/// <summary>A delegation prepared for evaluation.</summary>
internal sealed class CompiledDelegation
{
    public required int Index { get; init; }

    public required Delegation Source { get; init; }

    public required GuidKey Subscription { get; init; }

    /// <summary>The subscription GUID as lower-case text.</summary>
    public required string SubscriptionText { get; init; }

    /// <summary>The delegated resource group, or null for a whole subscription.</summary>
    public required string? ResourceGroup { get; init; }

    /// <summary>
    /// The number of <see cref="ResourceGroup"/> among the evaluator's delegated resource-group names (equal names
    /// ignoring case share a number), or -1 for a whole subscription.
    /// </summary>
    public required int ResourceGroupId { get; init; }

    /// <summary>Why the delegation never grants anything, or null when it takes part in evaluation.</summary>
    public required string? IgnoredBecause { get; init; }

    public ImmutableArray<CompiledGrant> Grants { get; set; } = [];

    public bool Covers(in ScopeParts parts) =>
        IgnoredBecause is null && parts.Kind >= ScopeKind.Subscription &&
        parts.Subscription.Equals(SubscriptionText, StringComparison.OrdinalIgnoreCase) &&
        (ResourceGroup is null || (!parts.ResourceGroup.IsEmpty && parts.ResourceGroup.Equals(ResourceGroup, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// <see cref="Covers(in ScopeParts)"/> for a placed scope of this delegation's subscription, given its
    /// resource-group number (<see cref="ScopeFacts.ResourceGroup"/>; the same rule on numbers: a whole-subscription
    /// delegation covers it, a resource-group delegation only its own group).
    /// </summary>
    public bool CoversInSubscription(int resourceGroup) =>
        IgnoredBecause is null && (ResourceGroupId < 0 || ResourceGroupId == resourceGroup);
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

    /// <summary>The delegation's <see cref="CompiledDelegation.ResourceGroupId"/> (copied for locality).</summary>
    public required int ResourceGroupId { get; init; }

    /// <summary>A reason this grant never allows anything (missing or non-delegable role), or Allowed when it can.</summary>
    public required AccessReason Fixed { get; init; }

    public required bool IsEligible { get; init; }

    /// <summary>The role's bit in <see cref="GrantList"/> masks (0 when the role index is 64 or more).</summary>
    public required ulong RoleBit { get; init; }

    public required bool RequiresMfa { get; init; }

    public required bool RequiresApproval { get; init; }

    /// <summary>For an eligible grant: the longest an activation counts after its start (the policy's maximum).</summary>
    public required TimeSpan MaximumActivation { get; init; }

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

/// <summary>
/// The grants of one principal (with its folded groups) in one subscription, with role masks for the fast path. A
/// struct, so that a principal's dense lists sit in one array (see <see cref="PrincipalGrants"/>): the fast path reads
/// the array element and its <see cref="Entries"/> only (the masks of the whole subscription and of the first delegated
/// resource group are fields; each entry holds what choosing a grant needs), so a check follows few references.
/// <see langword="default"/> is no list (<see cref="Exists"/> false): no grants and no masks, so <see cref="MaskAt"/>
/// is 0 for it at every scope.
/// </summary>
internal readonly struct GrantList
{
    /// <summary>No list: what a look-up of a subscription without grants returns a reference to.</summary>
    public static readonly GrantList None;

    // Roles granted per delegated resource group (by CompiledDelegation.ResourceGroupId): the first group's number plus
    // one (0 for none, so that default, None, has no group and MaskAt reads no array) and mask, then the others.
    private readonly int _firstGroupPlusOne;
    private readonly ulong _firstGroupMask;
    private readonly (int Id, ulong Mask)[] _moreGroups;

    public GrantList(CompiledGrant[] grants)
    {
        Grants = grants;
        Entries = [.. grants.Select(static g => new GrantEntry(g.RoleBit, g.ResourceGroupId, g.Public, g.Role))];
        Tenant = grants.Length > 0 ? grants[0].ManagingTenant : Guid.Empty;
        Simple = true;
        List<(int Id, ulong Mask)>? groups = null;
        foreach (var g in grants)
        {
            Simple &= g.Fixed == AccessReason.Allowed && !g.IsEligible && g.Role.Mode == RoleMode.Normal &&
                      g.RoleBit != 0 && g.ManagingTenant == Tenant;
            if (g.ResourceGroupId < 0)
            {
                SubscriptionMask |= g.RoleBit;
                continue;
            }

            groups ??= [];
            var at = groups.FindIndex(x => x.Id == g.ResourceGroupId);
            if (at < 0)
            {
                groups.Add((g.ResourceGroupId, g.RoleBit));
            }
            else
            {
                groups[at] = (groups[at].Id, groups[at].Mask | g.RoleBit);
            }
        }

        // Each delegated resource group once (merged above), the first in fields: MaskAt stops at the first match.
        (_firstGroupPlusOne, _firstGroupMask) = groups is { Count: > 0 } ? (groups[0].Id + 1, groups[0].Mask) : (0, 0UL);
        _moreGroups = groups is { Count: > 1 } ? [.. groups.Skip(1)] : [];
    }

    /// <summary>True for a list built from grants (possibly none), false for <see cref="None"/>.</summary>
    public bool Exists => Grants is not null;

    public CompiledGrant[] Grants { get; }

    /// <summary><see cref="Grants"/> in the same order, as the facts the fast path's choice of a grant reads.</summary>
    public GrantEntry[] Entries { get; }

    /// <summary>True when every grant is a permanent grant of an ordinary role with a bit, all of one managing tenant.</summary>
    public bool Simple { get; }

    public Guid Tenant { get; }

    /// <summary>Roles granted on the whole subscription.</summary>
    public ulong SubscriptionMask { get; }

    /// <summary>
    /// The roles granted at a scope of resource-group number <paramref name="resourceGroup"/> (-1 for none): those on
    /// the whole subscription and those on that resource group.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ulong MaskAt(int resourceGroup)
    {
        var mask = SubscriptionMask;
        if (resourceGroup >= 0 && _firstGroupPlusOne > 0)
        {
            if (_firstGroupPlusOne == resourceGroup + 1)
            {
                return mask | _firstGroupMask;
            }

            foreach (var rg in _moreGroups)
            {
                if (rg.Id == resourceGroup)
                {
                    return mask | rg.Mask;
                }
            }
        }

        return mask;
    }
}

/// <summary>
/// One grant of a <see cref="GrantList"/> as its fast path reads it: copied from the grant at the same index of
/// <see cref="GrantList.Grants"/>, so that choosing a grant and deciding reads no grant object.
/// </summary>
/// <param name="RoleBit">The grant's <see cref="CompiledGrant.RoleBit"/>.</param>
/// <param name="ResourceGroupId">The grant's <see cref="CompiledGrant.ResourceGroupId"/>.</param>
/// <param name="Public">The grant's <see cref="CompiledGrant.Public"/>.</param>
/// <param name="Role">The grant's <see cref="CompiledGrant.Role"/> (for the reason a role excludes an action).</param>
internal readonly record struct GrantEntry(ulong RoleBit, int ResourceGroupId, AccessGrant Public, CompiledRole Role);

/// <summary>
/// The grants of one principal, by subscription number (see <c>AccessEvaluator</c>'s subscription index). When the
/// principal has grants in at least a quarter of the numbers below its highest one, the lists sit in one array indexed
/// by the number (one read); otherwise the numbers are sorted in one array and the lists in another, and a look-up
/// scans (or, for many subscriptions, halves) the small int array. Either way the memory is at most four references
/// per subscription the principal has grants in, so it is bounded by the grants built.
/// </summary>
internal sealed class PrincipalGrants
{
    private const int LinearScanLimit = 16;
    private readonly GrantList[]? _dense;
    private readonly int[] _subscriptions;
    private readonly GrantList[] _lists;

    public PrincipalGrants(Dictionary<int, GrantList> bySubscription)
    {
        _subscriptions = [.. bySubscription.Keys.Order()];
        _lists = [.. _subscriptions.Select(k => bySubscription[k])];
        if (_subscriptions.Length > 0 && _subscriptions[^1] < 4L * _subscriptions.Length && _subscriptions[0] >= 0)
        {
            _dense = new GrantList[_subscriptions[^1] + 1];
            foreach (var (sub, list) in bySubscription)
            {
                _dense[sub] = list;
            }
        }
    }

    /// <summary>The lists indexed by subscription number when they are dense (see the class; <see cref="GrantList.None"/> where there is none), else null.</summary>
    public GrantList[]? Dense => _dense;

    /// <summary>The list of <paramref name="subscription"/> in <see cref="Dense"/> lists (one bounds check, one read).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ref readonly GrantList At(GrantList[] dense, int subscription)
    {
        if ((uint)subscription < (uint)dense.Length)
        {
            return ref dense[subscription];
        }

        return ref GrantList.None;
    }

    /// <summary>The list of <paramref name="subscription"/>, or <see cref="GrantList.None"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ref readonly GrantList Find(int subscription)
    {
        if (_dense is { } dense)
        {
            return ref At(dense, subscription);
        }

        var keys = _subscriptions;
        var at = -1;
        if (keys.Length <= LinearScanLimit)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i] == subscription)
                {
                    at = i;
                    break;
                }
            }
        }
        else
        {
            at = Array.BinarySearch(keys, subscription);
        }

        if (at >= 0)
        {
            return ref _lists[at];
        }

        return ref GrantList.None;
    }
}
