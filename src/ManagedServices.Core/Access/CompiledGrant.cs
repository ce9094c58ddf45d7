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

/// <summary>The grants of one principal (with its folded groups) in one subscription, with role masks for the fast path.</summary>
internal sealed class GrantList
{
    public GrantList(CompiledGrant[] grants)
    {
        Grants = grants;
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

        ResourceGroups = groups is null ? [] : [.. groups];
    }

    public CompiledGrant[] Grants { get; }

    /// <summary>True when every grant is a permanent grant of an ordinary role with a bit, all of one managing tenant.</summary>
    public bool Simple { get; }

    public Guid Tenant { get; }

    /// <summary>Roles granted on the whole subscription.</summary>
    public ulong SubscriptionMask { get; }

    /// <summary>Roles granted per delegated resource group (by <see cref="CompiledDelegation.ResourceGroupId"/>).</summary>
    public (int Id, ulong Mask)[] ResourceGroups { get; }

    /// <summary>
    /// The roles granted at a scope of resource-group number <paramref name="resourceGroup"/> (-1 for none): those on
    /// the whole subscription and those on that resource group.
    /// </summary>
    public ulong MaskAt(int resourceGroup)
    {
        var mask = SubscriptionMask;
        if (resourceGroup >= 0)
        {
            foreach (var rg in ResourceGroups)
            {
                if (rg.Id == resourceGroup)
                {
                    mask |= rg.Mask;
                }
            }
        }

        return mask;
    }
}

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
    private readonly GrantList?[]? _dense;
    private readonly int[] _subscriptions;
    private readonly GrantList[] _lists;

    public PrincipalGrants(Dictionary<int, GrantList> bySubscription)
    {
        _subscriptions = [.. bySubscription.Keys.Order()];
        _lists = [.. _subscriptions.Select(k => bySubscription[k])];
        if (_subscriptions.Length > 0 && _subscriptions[^1] < 4L * _subscriptions.Length && _subscriptions[0] >= 0)
        {
            _dense = new GrantList?[_subscriptions[^1] + 1];
            foreach (var (sub, list) in bySubscription)
            {
                _dense[sub] = list;
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool TryGet(int subscription, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GrantList? list)
    {
        if (_dense is { } dense)
        {
            list = (uint)subscription < (uint)dense.Length ? dense[subscription] : null;
            return list is not null;
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

        list = at >= 0 ? _lists[at] : null;
        return list is not null;
    }
}
