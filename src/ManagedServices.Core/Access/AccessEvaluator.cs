using System.Runtime.CompilerServices;
using ManagedServices.Offers;
using ManagedServices.Operations;

namespace ManagedServices.Access;

/// <summary>
/// Answers "may managing-tenant principal X perform management operation Y on customer scope Z" for a
/// <see cref="DelegationSnapshot"/>, as Azure Resource Manager does for Azure Lighthouse delegations; explains each
/// answer and answers reverse questions (who can do Y on Z, what can X do on Z, who has access to a customer).
/// </summary>
/// <remarks>
/// <para>Built once by <see cref="Create"/>: grants are indexed by principal and subscription, groups of an
/// <see cref="InMemoryGroupMembership"/> are folded into each member's grants, and role decisions per action are
/// memoized in a bounded cache, and so is the placement of each scope text. <see cref="Check(in AccessRequest)"/> never
/// throws on bad data and, once its action and scope have been seen, allocates nothing. The semantics are documented in
/// <c>docs/evaluation.md</c>.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed partial class AccessEvaluator
{
    private static readonly AccessDecision Malformed = new(AccessReason.MalformedRequest, null);
    private static readonly AccessDecision DataAction = new(AccessReason.DataActionNotDelegated, null);
    private static readonly AccessDecision NotCovered = new(AccessReason.NoDelegationCoversScope, null);
    private static readonly AccessDecision NotAuthorized = new(AccessReason.PrincipalNotAuthorized, null);

    private readonly FrozenDictionary<string, PrincipalGrants> _foldedByText;
    private readonly PrincipalIndex _foldedById;
    private readonly FrozenDictionary<GuidKey, PrincipalGrants> _ownById;
    private readonly CompiledRole[] _roles;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _subscriptionIndex;
    private readonly FrozenDictionary<GuidKey, int> _subscriptionById;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _resourceGroupIndex;
    private readonly CompiledDelegation[][] _bySubscription;
    private readonly FrozenDictionary<GuidKey, JustInTimeActivation[]> _activations;
    private readonly ImmutableArray<CompiledDelegation> _delegations;
    private readonly IGroupMembershipProvider? _groups;
    private readonly bool _groupsFolded;
    private readonly TimeProvider _time;
    private readonly ActionCache? _cache;
    private readonly ScopeCache? _scopes;
    private readonly CompiledDeny[] _denies;
    private readonly OperationCatalog _operations = OperationCatalog.Azure;

    // The bound path of prepared checks (TryDecideBound) may answer: there is an action memo, no deny assignment, and
    // either no group memberships or memberships folded into each member's grants, so that a prepared check needs
    // nothing but the principal's own entry.
    private readonly bool _boundPathOpen;

    // Binding identities of evaluators (see PreparedScopeHandle): 1, 2, ...; never reused. Past 2^32 - 1 evaluators in
    // one process, new evaluators get 0 and never bind (their prepared checks place the scope every time).
    private static long s_lastBindingId;
    private readonly uint _bindingId = Interlocked.Increment(ref s_lastBindingId) is var id && id <= uint.MaxValue ? (uint)id : 0;

    private AccessEvaluator(DelegationSnapshot snapshot, AccessEvaluatorOptions options)
    {
        Snapshot = snapshot;
        Options = options;
        _groups = options.Groups;
        _time = options.TimeProvider ?? TimeProvider.System;
        var catalog = options.RoleCatalog ?? RoleCatalog.BuiltIn;

        var roles = new Dictionary<RoleDefinitionId, CompiledRole>();
        var delegations = ImmutableArray.CreateBuilder<CompiledDelegation>(snapshot.Delegations.Length);
        var own = new Dictionary<GuidKey, Dictionary<GuidKey, List<CompiledGrant>>>();
        var resourceGroups = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ordinal = 0;
        foreach (var d in snapshot.Delegations)
        {
            var compiled = new CompiledDelegation(d, resourceGroups);
            delegations.Add(compiled);
            if (d.Definition?.Manifest is null)
            {
                continue; // nothing to compile; the delegation is ignored and grants nothing
            }

            var grants = ImmutableArray.CreateBuilder<CompiledGrant>();
            foreach (var a in d.Definition.Manifest.Authorizations)
            {
                if (a?.Principal is null)
                {
                    continue; // corrupted entry: grants nothing
                }

                var role = RoleFor(roles, catalog, a.RoleDefinitionId);
                grants.Add(new CompiledGrant(compiled, role, a.Principal, ordinal++, eligible: null, a.DelegatedRoleDefinitionIds, catalog));
            }

            foreach (var e in d.Definition.Manifest.EligibleAuthorizations)
            {
                if (e?.Principal is null)
                {
                    continue; // corrupted entry: grants nothing
                }

                // A missing policy must not turn the eligible grant into a permanent one: use the default policy.
                var role = RoleFor(roles, catalog, e.RoleDefinitionId);
                grants.Add(new CompiledGrant(compiled, role, e.Principal, ordinal++, e.JustInTimeAccessPolicy ?? JustInTimeAccessPolicy.Default, [], catalog));
            }

            compiled.Grants = grants.ToImmutable();
            if (compiled.IgnoredBecause is not null)
            {
                continue;
            }

            foreach (var g in compiled.Grants)
            {
                if (GrantEffect.NamesNoPrincipal(g))
                {
                    continue; // the empty GUID names no principal (fail closed)
                }

                if (!own.TryGetValue(g.Principal, out var bySub))
                {
                    own[g.Principal] = bySub = [];
                }

                if (!bySub.TryGetValue(g.Delegation.Subscription, out var list))
                {
                    bySub[g.Delegation.Subscription] = list = [];
                }

                list.Add(g);
            }
        }

        _delegations = delegations.ToImmutable();
        RoleCount = roles.Count;

        _roles = [.. roles.Values.OrderBy(static r => r.Index)];
        // Subscriptions with delegations are numbered; per-principal maps are keyed by that number.
        var bySubscription = _delegations.Where(static d => d.IgnoredBecause is null).GroupBy(static d => d.Subscription).ToArray();
        var subText = bySubscription.Select(static (g, i) => (g.Key, i)).ToDictionary(static x => x.Key, static x => x.i);
        _bySubscription = [.. bySubscription.Select(static g => g.ToArray())];
        _subscriptionIndex = bySubscription
            .Select(static (g, i) => (Text: g.First().SubscriptionText, i))
            .ToFrozenDictionary(static x => x.Text, static x => x.i, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _subscriptionById = bySubscription.Select(static (g, i) => (g.Key, i)).ToFrozenDictionary(static x => x.Key, static x => x.i);
        _resourceGroupIndex = resourceGroups.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        var index = new Dictionary<GuidKey, PrincipalGrants>();
        foreach (var (principal, bySub) in own)
        {
            index[principal] = new PrincipalGrants(bySub.ToDictionary(kv => subText[kv.Key], static kv => new GrantList([.. kv.Value])));
        }

        _ownById = index.ToFrozenDictionary();

        // Fold each member's groups into its own entries (one lookup per check) unless that would multiply the
        // index: then groups are resolved per check instead.
        if (options.Groups is InMemoryGroupMembership memberships &&
            FoldedSize(memberships, own) <= (4L * ordinal) + 100_000)
        {
            _groupsFolded = true;
            // Fold each member's groups into its own entries, so a check needs one lookup.
            foreach (var member in memberships.Principals)
            {
                var key = GuidKey.From(member.Value);
                if (key == default)
                {
                    continue; // the empty GUID names no principal (fail closed)
                }

                var merged = new Dictionary<GuidKey, List<CompiledGrant>>();
                if (own.TryGetValue(key, out var mine))
                {
                    foreach (var (sub, list) in mine)
                    {
                        merged[sub] = [.. list];
                    }
                }

                foreach (var group in memberships.GetGroups(member))
                {
                    if (!own.TryGetValue(GuidKey.From(group.Value), out var theirs))
                    {
                        continue;
                    }

                    foreach (var (sub, list) in theirs)
                    {
                        if (!merged.TryGetValue(sub, out var target))
                        {
                            merged[sub] = target = [];
                        }

                        target.AddRange(list);
                    }
                }

                foreach (var list in merged.Values)
                {
                    list.Sort(static (x, y) => x.Ordinal.CompareTo(y.Ordinal));
                }

                if (merged.Count > 0)
                {
                    index[key] = new PrincipalGrants(merged.ToDictionary(kv => subText[kv.Key], static kv => new GrantList([.. kv.Value.Distinct()])));
                }
            }
        }

        _foldedById = new PrincipalIndex(index.Select(static kv => KeyValuePair.Create(kv.Key.ToPrincipalId().Value, kv.Value)));
        _foldedByText = index.ToFrozenDictionary(static kv => kv.Key.ToPrincipalId().ToString(), static kv => kv.Value, StringComparer.OrdinalIgnoreCase);

        _activations = options.Activations
            .Where(static a => a is not null)
            .GroupBy(static a => GuidKey.From(a.PrincipalId.Value))
            .ToFrozenDictionary(static g => g.Key, static g => g.ToArray());
        _denies = [.. options.DenyAssignments.Select(static d => new CompiledDeny(d))];
        _cache = options.ActionCacheCapacity > 0 ? new ActionCache(options.ActionCacheCapacity, Math.Max(1, RoleCount), _operations) : null;
        _scopes = options.ActionCacheCapacity > 0 ? new ScopeCache(options.ActionCacheCapacity) : null;
        _boundPathOpen = _cache is not null && _denies.Length == 0 && (_groupsFolded || _groups is null);
    }

    private static long FoldedSize(InMemoryGroupMembership memberships, Dictionary<GuidKey, Dictionary<GuidKey, List<CompiledGrant>>> own)
    {
        var counts = own.ToDictionary(static kv => kv.Key, static kv => (long)kv.Value.Sum(static x => x.Value.Count));
        long total = 0;
        foreach (var member in memberships.Principals)
        {
            foreach (var group in memberships.GetGroups(member))
            {
                total += counts.GetValueOrDefault(GuidKey.From(group.Value));
            }
        }

        return total;
    }

    /// <summary>The snapshot this evaluator was built from.</summary>
    public DelegationSnapshot Snapshot { get; }

    /// <summary>The options this evaluator was built with.</summary>
    public AccessEvaluatorOptions Options { get; }

    /// <summary>The number of distinct roles the snapshot's authorizations refer to.</summary>
    internal int RoleCount { get; }

    /// <summary>The number of actions in the decision cache.</summary>
    internal int CachedActions => _cache?.Count ?? 0;

    /// <summary>The number of scopes in the scope memo.</summary>
    internal int CachedScopes => _scopes?.Count ?? 0;

    /// <summary>Builds an evaluator for a snapshot.</summary>
    /// <param name="snapshot">The delegations in force.</param>
    /// <param name="options">Role catalog, group memberships, clock, activations and deny assignments; defaults when null.</param>
    /// <returns>The evaluator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static AccessEvaluator Create(DelegationSnapshot snapshot, AccessEvaluatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new AccessEvaluator(snapshot, options ?? new AccessEvaluatorOptions());
    }

    /// <summary>
    /// Decides a request. Never throws on bad data; allocates nothing once the action and the scope have been seen. An
    /// operation that Azure's operation list (<see cref="OperationCatalog.Azure"/>) has only as a data action is a data
    /// action whatever <see cref="AccessRequest.IsDataAction"/> says, and is denied; an operation the list does not know is
    /// evaluated as given and the decision's <see cref="AccessDecision.IsKnownOperation"/> is false.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The decision.</returns>
    public AccessDecision Check(in AccessRequest request)
    {
        var decision = Decide(in request, out var plane);
        if (decision.Reason == AccessReason.MalformedRequest)
        {
            plane = request.Action is { } action && RequestText.IsValidAction(action) ? _operations.GetPlane(action) : OperationPlane.Unknown;
        }

        return decision.ForPlane(plane);
    }

    /// <summary>
    /// Decides a request given as prepared handles: the same decision as <see cref="Check(in AccessRequest)"/> for
    /// <c>new AccessRequest(principal, action.Name, scope.Scope) { IsDataAction = action.IsDataAction }</c>, without
    /// validating or splitting the texts again. Never throws; allocates nothing once the action has been seen. A
    /// <see langword="default"/> (not prepared) handle is denied as <see cref="AccessReason.MalformedRequest"/>.
    /// </summary>
    /// <param name="principal">The calling user, group or service principal of the managing tenant.</param>
    /// <param name="action">The operation, from <see cref="PreparedAction.Read"/> or <see cref="PreparedAction.TryPrepare(string?, out PreparedAction)"/>.</param>
    /// <param name="scope">The target scope, from <see cref="PreparedScope.Read"/> or <see cref="PreparedScope.TryPrepare"/>.</param>
    /// <returns>The decision.</returns>
    /// <remarks>
    /// Handles stay valid across evaluator swaps: they need no re-preparing and give each evaluator its own decision.
    /// The first check with this evaluator binds a handle to this evaluator's memo entry and scope numbers (keyed by
    /// the evaluator, so another evaluator never uses them); later checks with the same handles are then a few reads.
    /// Using one handle with two evaluators in turn is correct but re-binds each time. For the optional parts of a
    /// request (tenant, token groups, activated roles, role assignment targets) use <see cref="Check(in AccessRequest)"/>.
    /// </remarks>
    public AccessDecision Check(PrincipalId principal, in PreparedAction action, in PreparedScope scope)
    {
        // The bound path: both handles bound to this evaluator, and nothing that needs the request's other parts.
        if (TryGetBinding(in action, in scope, out var bound, out var where, out var outcomes, out var boundSub, out var boundRg, out var covered) &&
            TryDecideBound(principal, bound, in outcomes, where.Kind, boundSub, boundRg, covered, out var fast))
        {
            return fast;
        }

        return CheckPrepared(principal, in action, in scope);
    }

    /// <summary>
    /// The bindings the bound path reads: true when the bound path is open and both handles are bound to this
    /// evaluator, with the action's outcome copy and the scope's numbers and covered bit; false otherwise (a default
    /// handle, a handle not bound yet or bound to another evaluator, a copy being written).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryGetBinding(
        in PreparedAction action, in PreparedScope scope, [NotNullWhen(true)] out PreparedActionHandle? bound,
        [NotNullWhen(true)] out PreparedScopeHandle? where, out BoundOutcomes outcomes, out int sub, out int resourceGroup, out bool covered)
    {
        bound = action.Handle;
        where = scope.Handle;
        outcomes = default;
        sub = resourceGroup = -1;
        covered = false;
        return _boundPathOpen && bound is not null && where is not null &&
               bound.TryGetOutcomes(_bindingId, out outcomes) && where.TryGetPlacement(_bindingId, out sub, out resourceGroup, out covered);
    }

    /// <summary>
    /// <see cref="Check(PrincipalId, in PreparedAction, in PreparedScope)"/> in full: binds the handles to this
    /// evaluator when they are not yet, and decides through <see cref="Decide(PrincipalGrants?, string, ActionCache.Entry?, in ScopeFacts, in AccessRequest, out OperationPlane)"/>.
    /// </summary>
    private AccessDecision CheckPrepared(PrincipalId principal, in PreparedAction action, in PreparedScope scope)
    {
        if (action.Handle is not { } a)
        {
            return Malformed.WithUnknownOperation();
        }

        var entry = Entry(a);
        if (scope.Handle is not { } s)
        {
            return Malformed.ForPlane(entry is not null ? entry.Plane : _operations.GetPlane(a.Name));
        }

        if (!s.TryGetPlacement(_bindingId, out var sub, out var rg, out _))
        {
            sub = s.Kind >= ScopeKind.Subscription && _subscriptionById.TryGetValue(s.Subscription, out var number) ? number : -1;
            rg = ResourceGroupNumber(s.ResourceGroup);
            s.Bind(_bindingId, sub, rg, sub >= 0 && Covered(sub, rg));
        }

        _foldedById.TryGetValue(principal.Value, out var grants);
        var request = new AccessRequest(principal, a.Name, s.Text, a.IsDataAction);
        var facts = new ScopeFacts(s.Kind, sub, rg);
        var decision = Decide(grants, a.Name, entry, in facts, in request, out var plane);
        if (_boundPathOpen && entry is not null)
        {
            a.Remember(_bindingId, entry); // the outcomes this check resolved, for the bound path next time
        }

        return decision.ForPlane(plane);
    }

    /// <summary>
    /// The action memo entry of a prepared action: the one the handle is bound to when it is this evaluator's, else
    /// found (or made) by name and bound; null without a memo, or when the memo is full and the name is new.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ActionCache.Entry? Entry(PreparedActionHandle action)
    {
        if (_cache is null)
        {
            return null;
        }

        if (action.TryGetEntry(_cache) is { } bound)
        {
            return bound;
        }

        var entry = _cache.GetOrAdd(action.Name, action.Hash);
        if (entry is not null)
        {
            action.Bind(entry);
        }

        return entry;
    }

    /// <summary>
    /// True when a request is for a data action: the caller says so, or Azure's operation list has the operation only
    /// as a data action (an operation listed in both planes follows the caller; an unknown one too).
    /// </summary>
    private static bool IsDataAction(OperationPlane plane, bool flagged) => OperationCatalog.IsDataAction(plane, flagged);

    /// <summary>
    /// True when a scope of level <paramref name="kind"/> and subscription number <paramref name="sub"/> is placed: a
    /// subscription or below, in a subscription the evaluator has delegations in (else no delegation can cover it).
    /// </summary>
    private static bool IsPlaced(ScopeKind kind, int sub) => kind >= ScopeKind.Subscription && sub >= 0;

    /// <summary>
    /// <see cref="Check(in AccessRequest)"/> without the operation flag; <paramref name="plane"/> is the action's plane
    /// in the operation list (not set for a malformed request).
    /// </summary>
    private AccessDecision Decide(in AccessRequest request, out OperationPlane plane)
    {
        plane = OperationPlane.Unknown;
        var action = request.Action;
        var scope = request.Scope;
        if (action is null || scope is null)
        {
            return Malformed;
        }

        // Both memo hashes before any look-up, so that the two texts are read together rather than one after the
        // other's look-up (about a tenth less time per string check over the shared workload).
        var actionHash = _cache is null ? 0 : RequestText.HashIgnoreCase(action);
        var scopeHash = _scopes is null ? 0 : RequestText.HashIgnoreCase(scope);

        // The principal: looked up by its text first (a hit proves it is a GUID), parsed only on a miss.
        PrincipalGrants? grants;
        var text = request.PrincipalIdText;
        if (text is not null)
        {
            if (!_foldedByText.TryGetValue(text, out grants) && !GuidKey.TryParse(text, out _))
            {
                return Malformed;
            }
        }
        else
        {
            _foldedById.TryGetValue(request.PrincipalId.Value, out grants);
        }

        if (!TryAction(action, actionHash, out var entry) || !TryPlace(scope, scopeHash, out var facts))
        {
            return Malformed;
        }

        return Decide(grants, action, entry, in facts, in request, out plane);
    }

    /// <summary>
    /// True when <paramref name="action"/> is a well-formed operation name, with its action-cache entry (null without
    /// a cache, or when the cache is full). A hit in the cache proves the name well formed (see <see cref="ActionCache"/>),
    /// so the grammar is checked only on the first sighting of a name. <paramref name="hash"/> is the name's
    /// <see cref="RequestText.HashIgnoreCase"/> (unused without a cache).
    /// </summary>
    private bool TryAction(string action, int hash, out ActionCache.Entry? entry)
    {
        if (_cache is null)
        {
            entry = null;
            return RequestText.IsValidAction(action);
        }

        entry = _cache.TryGet(action, hash);
        if (entry is not null)
        {
            return true;
        }

        if (!RequestText.IsValidAction(action))
        {
            return false;
        }

        entry = _cache.GetOrAdd(action, hash);
        return true;
    }

    /// <summary>
    /// True when <paramref name="scope"/> is a valid ARM scope (exactly what <see cref="ResourceScope.TryParse(string?, out ResourceScope)"/>
    /// accepts), placed among this evaluator's subscriptions and delegated resource groups. A hit in the scope memo
    /// proves the scope valid (see <see cref="ScopeCache"/>); otherwise it is scanned in full and remembered.
    /// <paramref name="hash"/> is the text's <see cref="RequestText.HashIgnoreCase"/> (unused without a memo).
    /// </summary>
    private bool TryPlace(string scope, int hash, out ScopeFacts facts)
    {
        if (_scopes is not null && _scopes.TryGet(scope, hash, out facts))
        {
            return true;
        }

        if (!RequestText.TryScanScope(scope, out var parts))
        {
            facts = default;
            return false;
        }

        var sub = -1;
        if (parts.Kind >= ScopeKind.Subscription && !_subscriptionIndex.TryGetValue(parts.Subscription, out sub))
        {
            // No delegation in this subscription (a match would have proven the GUID valid): the GUID must still be one.
            if (parts.SubscriptionUnchecked && !GuidKey.TryParse(parts.Subscription, out _))
            {
                facts = default;
                return false;
            }

            sub = -1;
        }

        facts = new ScopeFacts(parts.Kind, sub, ResourceGroupNumber(parts.ResourceGroup));
        _scopes?.Add(scope, hash, facts);
        return true;
    }

    /// <summary>The number of a delegated resource-group name (ignoring case), or -1 (none, or not delegated).</summary>
    private int ResourceGroupNumber(ReadOnlySpan<char> name) =>
        !name.IsEmpty && _resourceGroupIndex.TryGetValue(name, out var id) ? id : -1;

    /// <summary>
    /// The decision for a well-formed request: <paramref name="action"/> is valid (its cache entry or null),
    /// <paramref name="scope"/> is placed, <paramref name="grants"/> are the principal's (null when it has none);
    /// <paramref name="request"/> supplies the principal, the texts and the optional parts.
    /// </summary>
    private AccessDecision Decide(PrincipalGrants? grants, string action, ActionCache.Entry? entry, in ScopeFacts scope, in AccessRequest request, out OperationPlane plane)
    {
        plane = entry is not null ? entry.Plane : _operations.GetPlane(action);
        if (IsDataAction(plane, request.IsDataAction))
        {
            return DataAction;
        }

        var sub = scope.Subscription;
        if (!IsPlaced(scope.Kind, sub))
        {
            return NotCovered;
        }

        var ctx = new Context(action, scope.ResourceGroup, entry);
        if (grants is not null && Evaluate(in grants.Find(sub), in request, ref ctx) is { } allowed)
        {
            return Allow(allowed, in request);
        }

        if (!_groupsFolded && _groups is not null)
        {
            foreach (var group in _groups.GetGroups(request.PrincipalId))
            {
                if (_ownById.TryGetValue(GuidKey.From(group.Value), out grants) &&
                    Evaluate(in grants.Find(sub), in request, ref ctx) is { } viaGroup)
                {
                    return Allow(viaGroup, in request);
                }
            }
        }

        var extra = request.GroupIds;
        if (!extra.IsDefaultOrEmpty)
        {
            foreach (var group in extra)
            {
                if (_ownById.TryGetValue(GuidKey.From(group.Value), out grants) &&
                    Evaluate(in grants.Find(sub), in request, ref ctx) is { } viaToken)
                {
                    return Allow(viaToken, in request);
                }
            }
        }

        return Denied(in ctx, ctx.Best == AccessReason.Allowed && Covered(sub, ctx.ResourceGroup));
    }

    /// <summary>
    /// The denial once no grant allowed: the best reason a grant gave, else whether a delegation covers the scope at
    /// all (<see cref="AccessReason.PrincipalNotAuthorized"/>, <paramref name="covered"/> from <see cref="Covered"/>) or
    /// none does (<see cref="AccessReason.NoDelegationCoversScope"/>).
    /// </summary>
    private static AccessDecision Denied(ref readonly Context ctx, bool covered) =>
        ctx.Best != AccessReason.Allowed ? new AccessDecision(ctx.Best, ctx.BestGrant)
        : covered ? NotAuthorized
        : NotCovered;

    /// <summary>
    /// True when a delegation that takes part in evaluation covers a scope of subscription number
    /// <paramref name="sub"/> and resource-group number <paramref name="resourceGroup"/> (-1 for none): the fact
    /// <see cref="Denied"/> needs, computed once per scope by prepared checks (see <see cref="PreparedScopeHandle.Bind"/>).
    /// </summary>
    private bool Covered(int sub, int resourceGroup)
    {
        foreach (var d in _bySubscription[sub])
        {
            if (d.CoversInSubscription(resourceGroup))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The decision once <paramref name="grant"/> allows: Allow, unless a deny assignment applies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private AccessDecision Allow(CompiledGrant grant, in AccessRequest request) =>
        _denies.Length == 0 || DenyingAssignment(in request) is null
            ? new AccessDecision(AccessReason.Allowed, grant.Public)
            : new AccessDecision(AccessReason.DeniedByDenyAssignment, grant.Public);

    /// <summary>
    /// The first deny assignment that covers the request scope, denies the action and applies to the principal (through
    /// itself, its configured groups, the request's groups or everyone), or null. The request must be well formed.
    /// </summary>
    private CompiledDeny? DenyingAssignment(in AccessRequest request)
    {
        foreach (var d in _denies)
        {
            if (d.Covers(request.Scope) && d.Denies(request.Action, request.IsDataAction))
            {
                var principal = request.PrincipalId;
                if (d.AppliesTo(principal, _groups?.GetGroups(principal) ?? default, request.GroupIds))
                {
                    return d;
                }
            }
        }

        return null;
    }

    /// <summary>The grant of <paramref name="list"/> that allows the request, or null (also for <see cref="GrantList.None"/>).</summary>
    private CompiledGrant? Evaluate(ref readonly GrantList list, in AccessRequest request, ref Context ctx)
    {
        if (!list.Exists)
        {
            return null;
        }

        if (list.Simple && ctx.Entry is not null && (request.PrincipalTenantId is not { } tenant || tenant.Value == list.Tenant))
        {
            return EvaluateSimple(in list, ref ctx);
        }

        return EvaluateEach(in list, in request, ref ctx);
    }

    /// <summary>
    /// The fast path for lists of permanent grants of ordinary roles (fewer than 64 roles, one managing tenant) when
    /// the action has a memo entry: the roles at the scope form a bit mask, tested against the cached role outcomes of
    /// the action in one step. The same answer as <see cref="EvaluateEach"/> on such a list: a list that is
    /// <see cref="GrantList.Simple"/> has no grant that the request's optional parts could change, except the
    /// tenant, which the caller checks.
    /// </summary>
    private CompiledGrant? EvaluateSimple(ref readonly GrantList list, ref Context ctx)
    {
        var mask = list.MaskAt(ctx.ResourceGroup);
        if (mask == 0)
        {
            return null;
        }

        var permits = ctx.Entry!.Resolve(mask, _roles, ctx.Action, out var excluded);
        var picked = PickGrant(list.Entries, mask, permits & mask, excluded & mask, ref ctx);
        return picked < 0 ? null : list.Grants[picked];
    }

    /// <summary>
    /// The grant of a <see cref="GrantList.Simple"/> list that decides, given the roles at the scope
    /// (<paramref name="mask"/>) and which of them permit or exclude the action: the index in
    /// <see cref="GrantList.Entries"/> of the first grant of a permitting role (Allow), else -1 after considering the
    /// first grant of a role that does not have the action, or each grant of an excluding role (their reasons may differ).
    /// </summary>
    private static int PickGrant(GrantEntry[] entries, ulong mask, ulong permits, ulong excluded, ref Context ctx)
    {
        var want = permits != 0 ? permits : excluded != 0 ? excluded : mask;
        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var e = ref entries[i];
            if ((e.RoleBit & want) != 0 && (e.ResourceGroupId < 0 || e.ResourceGroupId == ctx.ResourceGroup))
            {
                if (permits != 0)
                {
                    return i;
                }

                if (excluded == 0)
                {
                    ctx.Consider(AccessReason.ActionNotInRole, e.Public);
                    break;
                }

                // Excluded roles may be excluded for different reasons (NotActions, Lighthouse's rule): consider each.
                ctx.Consider(e.Role.ExcludedReason(ctx.Action), e.Public);
            }
        }

        return -1;
    }

    private CompiledGrant? EvaluateEach(ref readonly GrantList list, in AccessRequest request, ref Context ctx)
    {
        foreach (var g in list.Grants)
        {
            if (g.ResourceGroupId >= 0 && g.ResourceGroupId != ctx.ResourceGroup)
            {
                continue;
            }

            if (request.PrincipalTenantId is { } tenant && tenant.Value != g.ManagingTenant)
            {
                ctx.Consider(AccessReason.TenantMismatch, g.Public);
                continue;
            }

            if (g.Fixed != AccessReason.Allowed)
            {
                ctx.Consider(g.Fixed, g.Public);
                continue;
            }

            RoleOutcome outcome;
            if (g.Role.Mode == RoleMode.UserAccessAdministrator)
            {
                outcome = CompiledRole.EvaluateUserAccessAdministrator(ctx.Action);
                if (outcome == RoleOutcome.Excluded)
                {
                    if (!QualifiesForUserAccessAdministrator(g, in request))
                    {
                        ctx.Consider(AccessReason.UserAccessAdministratorRestricted, g.Public);
                        continue;
                    }

                    outcome = RoleOutcome.Permits;
                }
            }
            else
            {
                outcome = Outcome(g.Role, ref ctx);
            }

            if (outcome != RoleOutcome.Permits)
            {
                ctx.Consider(outcome == RoleOutcome.Excluded ? g.Role.ExcludedReason(ctx.Action) : AccessReason.ActionNotInRole, g.Public);
                continue;
            }

            if (g.IsEligible)
            {
                var activation = ActivationStatus(g, in request);
                if (activation != AccessReason.Allowed)
                {
                    ctx.Consider(activation, g.Public);
                    continue;
                }
            }

            return g;
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static RoleOutcome Outcome(CompiledRole role, ref Context ctx)
    {
        var entry = ctx.Entry;
        if (entry is null)
        {
            return role.Evaluate(ctx.Action);
        }

        if (!entry.TryGet(role.Index, out var outcome))
        {
            outcome = role.Evaluate(ctx.Action);
            entry.Set(role.Index, outcome);
        }

        return outcome;
    }

    private static bool QualifiesForUserAccessAdministrator(CompiledGrant g, in AccessRequest request) =>
        request.TargetIsManagedIdentity &&
        request.TargetPrincipalKind is null or PrincipalKind.ServicePrincipal &&
        request.TargetRoleDefinitionId is { } target && g.CanAssign(target);

    private AccessReason ActivationStatus(CompiledGrant g, in AccessRequest request)
    {
        var principal = GuidKey.From(request.PrincipalId.Value);
        var asserted = request.ActivatedRoleDefinitionIds;
        if (!asserted.IsDefaultOrEmpty && asserted.Contains(g.Role.Id))
        {
            return AccessReason.Allowed;
        }

        if (!_activations.TryGetValue(principal, out var activations))
        {
            return AccessReason.EligibleNotActivated;
        }

        var now = _time.GetUtcNow();
        var best = AccessReason.EligibleNotActivated;
        foreach (var a in activations)
        {
            var status = Status(a, g, now);
            if (status == AccessReason.Allowed)
            {
                return status;
            }

            if (status > best)
            {
                best = status;
            }
        }

        return best;
    }

    /// <summary>What one activation means for one eligible grant at <paramref name="now"/>.</summary>
    private static AccessReason Status(JustInTimeActivation a, CompiledGrant g, DateTimeOffset now)
    {
        if (a.RoleDefinitionId != g.Role.Id ||
            (a.RegistrationDefinitionId is { } definition && definition != g.DefinitionId) ||
            now < a.Start)
        {
            return AccessReason.EligibleNotActivated;
        }

        // An activation longer than the policy allows counts only up to the policy's maximum (fail closed). now is
        // not before Start here, so the subtraction cannot overflow as Start + maximum could.
        if (now >= a.End || now - a.Start >= g.MaximumActivation)
        {
            return AccessReason.ActivationExpired;
        }

        if (g.RequiresMfa && !a.MultiFactorAuthenticated)
        {
            return AccessReason.MfaRequired;
        }

        return g.RequiresApproval && !a.Approved ? AccessReason.ApprovalRequired : AccessReason.Allowed;
    }

    /// <summary>The compiled delegations, in snapshot order (for the analysis).</summary>
    internal ImmutableArray<CompiledDelegation> CompiledDelegations => _delegations;

    /// <summary>How a role takes part in evaluation (one rule for the evaluator and the analysis).</summary>
    internal static CompiledRole RoleFor(Dictionary<RoleDefinitionId, CompiledRole> roles, RoleCatalog catalog, RoleDefinitionId id)
    {
        if (roles.TryGetValue(id, out var role))
        {
            return role;
        }

        RoleMode mode;
        if (!catalog.TryGet(id, out var definition))
        {
            mode = RoleMode.Missing;
        }
        else if (!definition.IsBuiltIn)
        {
            mode = RoleMode.Custom; // Lighthouse accepts built-in roles only (rule book 2.1 rule 1)
        }
        else if (id == BuiltInRoleIds.UserAccessAdministrator)
        {
            mode = RoleMode.UserAccessAdministrator;
        }
        else
        {
            var delegability = catalog.GetDelegability(id);
            mode = delegability is not null && (delegability.IsOwner || !delegability.RestrictedActions.IsEmpty)
                ? RoleMode.NotDelegable
                : RoleMode.Normal;
        }

        role = new CompiledRole(roles.Count, id, definition, mode);
        roles[id] = role;
        return role;
    }

    /// <summary>Per-check state: the action, the request's resource-group number, the cache entry and the best denial so far.</summary>
    private ref struct Context
    {
        public readonly int ResourceGroup;
        public readonly ActionCache.Entry? Entry;
        public AccessReason Best;
        public AccessGrant? BestGrant;
        private readonly string? _action;
        private readonly PreparedActionHandle? _handle;

        public Context(string action, int resourceGroup, ActionCache.Entry? entry)
        {
            _action = action;
            ResourceGroup = resourceGroup;
            Entry = entry;
        }

        /// <summary>The bound path's context: the name stays in the handle until a reason needs it.</summary>
        public Context(PreparedActionHandle action, int resourceGroup)
        {
            _handle = action;
            ResourceGroup = resourceGroup;
        }

        /// <summary>The operation name (read from the prepared handle on first need in the bound path).</summary>
        public readonly string Action => _action ?? _handle!.Name;

        public void Consider(AccessReason reason, AccessGrant grant)
        {
            if (AccessReasonRank.Above(reason, Best))
            {
                Best = reason;
                BestGrant = grant;
            }
        }
    }
}
