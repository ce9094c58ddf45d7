using ManagedServices.Offers;

namespace ManagedServices.Access;

/// <summary>
/// A delegation prepared for evaluation. The constructor derives every fact from the delegation, so each is computed
/// in one place.
/// </summary>
/// <param name="source">The delegation.</param>
/// <param name="resourceGroups">
/// The evaluator's delegated resource-group names (ignoring case) and their numbers; a new name is added with the next number.
/// </param>
internal sealed class CompiledDelegation(Delegation source, Dictionary<string, int> resourceGroups)
{
    public Delegation Source { get; } = source;

    public GuidKey Subscription { get; } = source.Scope.SubscriptionId is { } sub ? GuidKey.From(sub.Value) : default;

    /// <summary>The subscription GUID as lower-case text.</summary>
    public string SubscriptionText { get; } = source.Scope.SubscriptionId?.ToString() ?? "";

    /// <summary>The delegated resource group, or null for a whole subscription.</summary>
    public string? ResourceGroup { get; } = source.Scope.Kind == ScopeKind.ResourceGroup ? source.Scope.ResourceGroupName : null;

    /// <summary>
    /// The number of <see cref="ResourceGroup"/> among the evaluator's delegated resource-group names (equal names
    /// ignoring case share a number), or -1 for a whole subscription.
    /// </summary>
    public int ResourceGroupId { get; } = NumberOf(source.Scope, resourceGroups);

    /// <summary>Why the delegation never grants anything, or null when it takes part in evaluation.</summary>
    public string? IgnoredBecause { get; } = WhyIgnored(source);

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

    private static int NumberOf(ResourceScope scope, Dictionary<string, int> resourceGroups) =>
        scope.Kind == ScopeKind.ResourceGroup && scope.ResourceGroupName is { } rg
            ? (resourceGroups.TryGetValue(rg, out var id) ? id : resourceGroups[rg] = resourceGroups.Count)
            : -1;

    private static string? WhyIgnored(Delegation d)
    {
        if (d.Definition?.Manifest is null)
        {
            return "the registration definition or its manifest is missing";
        }

        if (d.Definition.Manifest.ManagingTenantId.Value == Guid.Empty)
        {
            return "the managing tenant is the empty GUID";
        }

        if (!d.Scope.IsDelegable)
        {
            return "the scope is not a subscription or resource group";
        }

        return d.CustomerTenantId == d.Definition.Manifest.ManagingTenantId ? "the customer tenant is the managing tenant" : null;
    }
}

/// <summary>
/// One authorization of one delegation, prepared for evaluation. The constructor derives every fact from the
/// authorization, its delegation and its role, so each is computed in one place.
/// </summary>
/// <param name="delegation">The compiled delegation (its definition and manifest are present).</param>
/// <param name="role">The compiled role.</param>
/// <param name="principal">The authorization's principal.</param>
/// <param name="ordinal">Its position among the evaluator's grants.</param>
/// <param name="eligible">The just-in-time policy of an eligible authorization; null for a permanent one.</param>
/// <param name="delegatedRoles">The authorization's <c>delegatedRoleDefinitionIds</c>.</param>
/// <param name="catalog">The role catalog.</param>
internal sealed class CompiledGrant(
    CompiledDelegation delegation, CompiledRole role, Principal principal, int ordinal,
    JustInTimeAccessPolicy? eligible, ImmutableArray<RoleDefinitionId> delegatedRoles, RoleCatalog catalog)
{
    public int Ordinal { get; } = ordinal;

    public AccessGrant Public { get; } = new()
    {
        PrincipalId = principal.Id,
        PrincipalKind = principal.Kind,
        PrincipalDisplayName = principal.DisplayName,
        RoleDefinitionId = role.Id,
        RoleName = role.Definition?.Name,
        Scope = delegation.Source.Scope,
        RegistrationDefinitionId = delegation.Source.Definition.Id,
        RegistrationDefinitionName = delegation.Source.Definition.Name,
        AssignmentId = delegation.Source.AssignmentId,
        CustomerTenantId = delegation.Source.CustomerTenantId,
        ManagingTenantId = delegation.Source.Definition.Manifest.ManagingTenantId,
        IsEligible = eligible is not null,
    };

    public CompiledDelegation Delegation { get; } = delegation;

    public CompiledRole Role { get; } = role;

    public GuidKey Principal { get; } = GuidKey.From(principal.Id.Value);

    public Guid ManagingTenant { get; } = delegation.Source.Definition.Manifest.ManagingTenantId.Value;

    public Guid DefinitionId { get; } = delegation.Source.Definition.Id;

    /// <summary>The delegation's <see cref="CompiledDelegation.ResourceGroupId"/> (copied for locality).</summary>
    public int ResourceGroupId { get; } = delegation.ResourceGroupId;

    /// <summary>A reason this grant never allows anything (missing or non-delegable role), or Allowed when it can.</summary>
    public AccessReason Fixed { get; } = role.Mode switch
    {
        RoleMode.Missing => AccessReason.RoleNotInCatalog,
        RoleMode.Custom => AccessReason.CustomRoleNotDelegable,
        RoleMode.NotDelegable => AccessReason.RoleNotDelegable,
        RoleMode.UserAccessAdministrator when eligible is not null => AccessReason.RoleNotDelegable,
        _ => AccessReason.Allowed,
    };

    public bool IsEligible { get; } = eligible is not null;

    /// <summary>The role's bit in <see cref="GrantList"/> masks (0 when the role index is 64 or more).</summary>
    public ulong RoleBit { get; } = role.Index < 64 ? 1UL << role.Index : 0;

    public bool RequiresMfa { get; } = eligible is not null && eligible.MultiFactorAuthProvider != MultiFactorAuthProvider.None;

    public bool RequiresApproval { get; } = eligible is not null && eligible.RequiresApproval;

    /// <summary>For an eligible grant: the longest an activation counts after its start (the policy's maximum).</summary>
    public TimeSpan MaximumActivation { get; } = eligible?.MaximumActivationDuration ?? TimeSpan.Zero;

    /// <summary>
    /// For User Access Administrator: the roles it may assign (Owner and User Access Administrator removed). Only roles
    /// the validator's MSC1007 accepts count (one rule: <see cref="RoleDelegability.WhyNotAssignable"/>).
    /// </summary>
    public RoleDefinitionId[] DelegatedRoles { get; } = role.Mode == RoleMode.UserAccessAdministrator
        ? [.. delegatedRoles.Where(r => RoleDelegability.WhyNotAssignable(catalog, r) is null).Distinct()]
        : [];

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
