using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ManagedServices.Access;
using ManagedServices.Arm;
using ManagedServices.Lifecycle;
using ManagedServices.Offers;
using ManagedServices.Operations;

namespace ManagedServices.Analysis;

/// <summary>
/// The least-privilege advisor: from what principals did through Lighthouse delegations (an <see cref="ActivitySummary"/>)
/// to the narrowest set of delegable built-in roles that covers it, per authorization principal, and an onboarding
/// template that grants exactly that and that the library's diff finds never widens today's access.
/// </summary>
/// <remarks>
/// <para>An event counts when it succeeded and came through a delegation: the caller's tenant claim is the managing
/// tenant of a delegation covering the event's scope. It is attributed to each authorization principal (the caller or
/// one of its groups) whose permanent authorization allows it today, as <see cref="AccessEvaluator.Check(in AccessRequest)"/>
/// decides; an operation several groups allow is kept for each, so no proposal takes away an operation in use.</para>
/// <para>Candidate roles are the catalog's delegable built-in roles (<see cref="RoleDelegability.IsDelegable"/>: not
/// Owner, no data actions, no restricted <c>Microsoft.Authorization</c> action, not custom; and not deprecated, no ABAC
/// condition) that the library proves are covered by one of the principal's current roles (so a proposal never grants
/// an operation today's roles do not) and that permit an observed operation, each decided by the access engine's own
/// role evaluation (Actions minus NotActions per block, Lighthouse's exceptions). Reads are never inferred from events:
/// <see cref="PrincipalAdvice.ReadAccess"/> keeps them separately.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public static class LeastPrivilegeAdvisor
{
    private static readonly ConditionalWeakTable<RoleCatalog, ConcurrentDictionary<RoleDefinitionId, ulong[]>> GrantedCache = [];

    private static readonly Lazy<(string[] Names, Dictionary<string, int> Index)> NonReadOperations = new(
        static () =>
        {
            var names = OperationCatalog.Azure.Entries
                .Where(static e => e.Plane is OperationPlane.Management or OperationPlane.Both && !IsRead(e.Name))
                .Select(static e => e.Name)
                .ToArray();
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < names.Length; i++)
            {
                index.TryAdd(names[i], i);
            }

            return (names, index);
        },
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Proposes, per authorization principal, the narrowest delegable built-in roles covering what it did through
    /// <paramref name="delegations"/>, and an onboarding template granting them.
    /// </summary>
    /// <param name="activity">The activity read by an <see cref="ActivityLog"/>.</param>
    /// <param name="delegations">Today's delegations (of one onboarding template for a template to be proposed).</param>
    /// <param name="options">Memberships, a principal filter, the role catalog; null for the defaults.</param>
    /// <returns>The advice.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="activity"/> or <paramref name="delegations"/> is null.</exception>
    public static Advice Advise(ActivitySummary activity, IEnumerable<Delegation> delegations, AdviceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(delegations);
        options ??= new AdviceOptions();
        var today = delegations.ToImmutableArray();
        var context = new AdviceContext(today, options);
        var diagnostics = activity.Diagnostics.ToBuilder();
        var (principals, through, notDelegated) = context.Attribute(activity.Records);

        var advice = new List<PrincipalAdvice>();
        foreach (var (id, observed) in principals.OrderBy(static p => p.Key))
        {
            var a = context.AdvisePrincipal(id, observed);
            if (!a.Exact && a.ObservedOperations.Length > 0)
            {
                diagnostics.Add(Diagnostic.Warning(
                    DiagnosticCodes.AdviceNotExact,
                    $"principal {id}: the proposal is the greedy answer ({a.OperationsBeyondObserved.ToString(CultureInfo.InvariantCulture)} operations beyond the observed ones; no cover has fewer than {a.LowerBound.ToString(CultureInfo.InvariantCulture)})",
                    "principals"));
            }

            advice.Add(a);
        }

        var (files, proposed, kept) = context.ProposeTemplate(advice, diagnostics);
        for (var i = 0; i < advice.Count; i++)
        {
            if (kept.Contains(advice[i].PrincipalId))
            {
                advice[i] = advice[i] with { KeptCurrentRoles = true, ProposedRoles = advice[i].CurrentRoles, ReadAccess = [] };
            }
        }

        return new Advice
        {
            Principals = [.. advice],
            ProposedTemplate = files,
            ProposedDelegations = proposed,
            EventsThroughDelegations = through,
            EventsNotDelegated = notDelegated,
            Diagnostics = diagnostics.ToImmutable(),
        };
    }

    internal static bool IsRead(string operation) => operation.EndsWith("/read", StringComparison.OrdinalIgnoreCase);

    /// <summary>The deprecated built-in roles: Azure marks them in the role name ("Purview role 3 (Deprecated)").</summary>
    internal static bool IsDeprecated(RoleDefinition role) =>
        role.Name.Contains("(Deprecated)", StringComparison.OrdinalIgnoreCase) ||
        role.Description.StartsWith("Deprecated", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the role is a candidate: delegable, not deprecated, no ABAC condition.</summary>
    internal static bool IsCandidate(RoleCatalog catalog, RoleDefinition role) =>
        catalog.GetDelegability(role.Id) is { IsDelegable: true } && !IsDeprecated(role) && role.Permissions.All(static p => p.Condition is null);

    /// <summary>The non-read operations of Azure's operation list a role grants through a delegation (bit set over <see cref="NonReadOperations"/>), decided by the access engine's role evaluation.</summary>
    internal static ulong[] Granted(RoleCatalog catalog, CompiledRole role)
    {
        var cache = GrantedCache.GetOrCreateValue(catalog);
        return cache.GetOrAdd(role.Id, static (_, r) =>
        {
            var names = NonReadOperations.Value.Names;
            var set = new ulong[RoleCover.Words(names.Length)];
            if (r.Mode == RoleMode.Normal)
            {
                for (var i = 0; i < names.Length; i++)
                {
                    if (r.Evaluate(names[i]) == RoleOutcome.Permits)
                    {
                        RoleCover.Set(set, i);
                    }
                }
            }

            return set;
        }, role);
    }

    /// <summary>True when the role grants the management operation through a delegation (the engine's own evaluation; data-only operations never).</summary>
    internal static bool Permits(CompiledRole role, string operation) =>
        role.Mode == RoleMode.Normal && OperationCatalog.Azure.GetPlane(operation) != OperationPlane.Data && role.Evaluate(operation) == RoleOutcome.Permits;

    /// <summary>One call's state: the delegations, the evaluator, compiled roles.</summary>
    private sealed class AdviceContext
    {
        private readonly ImmutableArray<Delegation> _delegations;
        private readonly AdviceOptions _options;
        private readonly RoleCatalog _catalog;
        private readonly AccessEvaluator _evaluator;
        private readonly Dictionary<RoleDefinitionId, CompiledRole> _roles = [];
        private readonly Dictionary<PrincipalId, List<(Delegation Delegation, Authorization Authorization)>> _permanent = [];
        private readonly Dictionary<PrincipalId, List<(Delegation Delegation, EligibleAuthorization Authorization)>> _eligible = [];
        private readonly Dictionary<PrincipalId, Principal> _names = [];
        private List<RoleDefinition>? _pool;

        public AdviceContext(ImmutableArray<Delegation> delegations, AdviceOptions options)
        {
            _delegations = delegations;
            _options = options;
            _catalog = options.RoleCatalog ?? RoleCatalog.BuiltIn;
            _evaluator = AccessEvaluator.Create(DelegationSnapshot.Create(delegations), new AccessEvaluatorOptions { RoleCatalog = _catalog });
            foreach (var d in delegations)
            {
                foreach (var a in d.Definition.Manifest.Authorizations)
                {
                    Add(_permanent, a.Principal.Id, (d, a));
                    _names.TryAdd(a.Principal.Id, a.Principal);
                }

                foreach (var e in d.Definition.Manifest.EligibleAuthorizations)
                {
                    Add(_eligible, e.Principal.Id, (d, e));
                    _names.TryAdd(e.Principal.Id, e.Principal);
                }
            }
        }

        private CompiledRole Role(RoleDefinitionId id) => AccessEvaluator.RoleFor(_roles, _catalog, id);

        /// <summary>The succeeded and failed records per authorization principal, and the event counts.</summary>
        public (Dictionary<PrincipalId, Observed> Principals, long Through, long NotDelegated) Attribute(ImmutableArray<ActivityRecord> records)
        {
            var principals = new Dictionary<PrincipalId, Observed>();
            long through = 0, notDelegated = 0;
            foreach (var p in _permanent.Keys.Concat(_eligible.Keys))
            {
                if (_options.PrincipalId is not { } only || only == p)
                {
                    principals.TryAdd(p, new Observed());
                }
            }

            foreach (var r in records)
            {
                if (r.CallerTenantId is not { } tenant ||
                    !_delegations.Any(d => d.Definition.Manifest.ManagingTenantId == tenant && d.Scope.Contains(r.Scope)))
                {
                    notDelegated += r.Events;
                    continue;
                }

                var acting = new List<PrincipalId> { r.PrincipalId };
                if (_options.Groups is { } groups)
                {
                    acting.AddRange(groups.GetGroups(r.PrincipalId));
                }

                var named = acting.Where(p => _permanent.ContainsKey(p) || _eligible.ContainsKey(p)).ToList();
                if (_options.PrincipalId is { } filter && filter != r.PrincipalId)
                {
                    named = [.. named.Where(p => p == filter)];
                    if (named.Count == 0)
                    {
                        continue;
                    }
                }

                through += r.Events;
                var allowed = named
                    .Where(p => _evaluator.Check(new AccessRequest(p, r.Operation, r.Scope.ToString())).IsAllowed)
                    .ToList();
                var targets = r.Outcome == ActivityOutcome.Succeeded && allowed.Count > 0 ? allowed : named.Count > 0 ? named : [r.PrincipalId];
                foreach (var p in targets)
                {
                    if (!principals.TryGetValue(p, out var o))
                    {
                        principals[p] = o = new Observed();
                    }

                    o.Add(r);
                }
            }

            return (principals, through, notDelegated);
        }

        public PrincipalAdvice AdvisePrincipal(PrincipalId id, Observed observed)
        {
            var current = (_permanent.GetValueOrDefault(id) ?? [])
                .Select(x => (Role: x.Authorization.RoleDefinitionId, x.Delegation.Scope))
                .Distinct()
                .ToList();
            var currentRoles = current.Select(c => Role(c.Role)).DistinctBy(static r => r.Id).ToList();
            var operations = observed.Succeeded.Values.OrderBy(static o => o.Operation, StringComparer.OrdinalIgnoreCase).ToList();
            var (names, index) = NonReadOperations.Value;

            // Candidates: delegable roles the library proves are covered by a current (delegable) role, permitting an observed operation.
            var pool = _pool ??= [.. _catalog.Roles.Where(r => IsCandidate(_catalog, r))];
            var coveringRoles = currentRoles.Where(r => r.Mode == RoleMode.Normal && r.Definition is not null && IsCandidate(_catalog, r.Definition)).ToList();
            var candidates = new List<(CompiledRole Role, ulong[] Covers)>();
            foreach (var definition in pool)
            {
                var role = Role(definition.Id);
                var covers = new ulong[RoleCover.Words(operations.Count)];
                var any = false;
                for (var i = 0; i < operations.Count; i++)
                {
                    if (Permits(role, operations[i].Operation))
                    {
                        RoleCover.Set(covers, i);
                        any = true;
                    }
                }

                if (any && coveringRoles.Any(c => RoleCoverage.IsCovered(definition.Id, c.Id, _catalog)))
                {
                    candidates.Add((role, covers));
                }
            }

            // Operations no candidate covers, with the reason; the rest are covered.
            var uncovered = new List<UncoveredOperation>();
            var coverable = new List<int>();
            for (var i = 0; i < operations.Count; i++)
            {
                if (candidates.Any(c => RoleCover.Has(c.Covers, i)))
                {
                    coverable.Add(i);
                }
                else
                {
                    uncovered.Add(new UncoveredOperation { Operation = operations[i].Operation, Reason = WhyUncovered(id, operations[i].Operation, currentRoles, pool) });
                }
            }

            var observedBits = new ulong[RoleCover.Words(names.Length)];
            foreach (var o in operations)
            {
                if (index.TryGetValue(o.Operation, out var bit))
                {
                    RoleCover.Set(observedBits, bit);
                }
            }

            var cover = RoleCover.Solve(
                coverable.Count,
                [.. candidates.Select((c, n) =>
                {
                    var compact = new ulong[RoleCover.Words(coverable.Count)];
                    for (var k = 0; k < coverable.Count; k++)
                    {
                        if (RoleCover.Has(c.Covers, coverable[k]))
                        {
                            RoleCover.Set(compact, k);
                        }
                    }

                    var extra = (ulong[])Granted(_catalog, c.Role).Clone();
                    for (var w = 0; w < extra.Length; w++)
                    {
                        extra[w] &= ~observedBits[w];
                    }

                    return new RoleCover.Candidate(n, compact, extra);
                })],
                _options.ExactSearchBudget);

            // Scopes: each observed operation goes to the first chosen role that permits it; a role's scopes are those
            // operations' scopes, resource groups unless an operation happened at the subscription.
            var chosen = cover.Chosen.Select(n => candidates[n].Role).ToList();
            var scopes = chosen.ToDictionary(static r => r.Id, static _ => new HashSet<ResourceScope>());
            foreach (var k in coverable)
            {
                var op = operations[k];
                var role = chosen.First(r => Permits(r, op.Operation));
                scopes[role.Id].UnionWith(op.Scopes);
            }

            var proposed = new List<RoleAtScope>();
            foreach (var role in chosen)
            {
                var set = scopes[role.Id];
                var narrowed = set.Where(s => !set.Any(t => t != s && t.Contains(s))).OrderBy(static s => s.ToString(), StringComparer.OrdinalIgnoreCase);
                proposed.AddRange(narrowed.Select(s => At(role.Id, s)));
            }

            // Read access: read-only current roles stay; Reader where a current role granted more than reads.
            var read = new List<RoleAtScope>();
            foreach (var (roleId, scope) in current)
            {
                var role = Role(roleId);
                if (role.Mode != RoleMode.Normal)
                {
                    continue;
                }

                if (RoleCover.Count(Granted(_catalog, role)) == 0)
                {
                    read.Add(At(roleId, scope));
                }
                else if (RoleCoverage.IsCovered(BuiltInRoleIds.Reader, roleId, _catalog) && IsCandidate(_catalog, role.Definition!))
                {
                    read.Add(At(BuiltInRoleIds.Reader, scope));
                }
            }

            var proposedGrant = new ulong[RoleCover.Words(names.Length)];
            foreach (var r in chosen)
            {
                RoleCover.Or(proposedGrant, Granted(_catalog, r));
            }

            var currentGrant = new ulong[RoleCover.Words(names.Length)];
            foreach (var r in currentRoles)
            {
                RoleCover.Or(currentGrant, Granted(_catalog, r));
            }

            return new PrincipalAdvice(
                id,
                _names.GetValueOrDefault(id)?.DisplayName,
                ObservedOperations: [.. operations.Select(static o => o.ToOperation())],
                WantedButDenied: [.. observed.Failed.Values.OrderBy(static o => o.Operation, StringComparer.OrdinalIgnoreCase).Select(static o => o.ToOperation())],
                CurrentRoles: [.. current.Select(c => At(c.Role, c.Scope))],
                ProposedRoles: [.. proposed],
                ReadAccess: [.. read.Distinct()],
                Uncovered: [.. uncovered],
                OperationsRemoved: RoleCover.CountAndNot(currentGrant, proposedGrant),
                OperationsBeyondObserved: cover.Extra,
                Exact: cover.Exact,
                LowerBound: cover.LowerBound,
                KeptCurrentRoles: false);
        }

        private string WhyUncovered(PrincipalId id, string operation, List<CompiledRole> currentRoles, List<RoleDefinition> pool)
        {
            if (OperationCatalog.Azure.GetPlane(operation) == OperationPlane.Data)
            {
                return "a data action: Azure Lighthouse never delegates data actions";
            }

            if (RoleDelegability.RestrictedActionPatterns.Any(p => ActionPattern.Matches(operation, p)))
            {
                return "a restricted Microsoft.Authorization action: no delegable role grants it (User Access Administrator assigns roles to managed identities only)";
            }

            if (LighthouseOperations.Operations.Any(o => string.Equals(o, operation, StringComparison.OrdinalIgnoreCase)) &&
                !string.Equals(operation, LighthouseOperations.RegistrationAssignmentsDelete, StringComparison.OrdinalIgnoreCase))
            {
                return "Azure Lighthouse never lets a managing-tenant principal create or change its own delegation";
            }

            if (!pool.Any(r => Permits(Role(r.Id), operation)))
            {
                return "no delegable built-in role grants it";
            }

            if (currentRoles.Any(r => r.Mode == RoleMode.UserAccessAdministrator))
            {
                return "granted by User Access Administrator, which the advisor does not propose (kept unchanged)";
            }

            if (!currentRoles.Any(r => Permits(r, operation)))
            {
                return (_eligible.GetValueOrDefault(id) ?? []).Any(e => Permits(Role(e.Authorization.RoleDefinitionId), operation))
                    ? "granted only through an eligible authorization (eligible authorizations are kept unchanged)"
                    : "no permanent authorization of this principal grants it today (allowed by other means, or these are not the delegations in force)";
            }

            return "no delegable role narrower than the principal's current roles grants it";
        }

        /// <summary>The proposed template: today's definition with the proposed authorizations, checked with the library's diff.</summary>
        public (OnboardingTemplateFiles? Files, ImmutableArray<Delegation> Delegations, HashSet<PrincipalId> Kept) ProposeTemplate(List<PrincipalAdvice> advice, ImmutableArray<Diagnostic>.Builder diagnostics)
        {
            var subscriptions = _delegations.Select(static d => d.Scope.SubscriptionId).Distinct().ToList();
            var tenants = _delegations.Select(static d => d.Definition.Manifest.ManagingTenantId).Distinct().ToList();
            if (_delegations.IsEmpty || subscriptions.Count != 1 || subscriptions[0] is null || tenants.Count != 1 || _options.PrincipalId is not null)
            {
                diagnostics.Add(Diagnostic.Warning(
                    DiagnosticCodes.AdviceNoTemplate,
                    _options.PrincipalId is not null ? "no template is proposed for one principal: run without a principal filter"
                    : "no template is proposed: the delegations must come from one onboarding template (one subscription, one managing tenant)",
                    "template"));
                return (null, [], []);
            }

            var subscription = subscriptions[0]!.Value;
            var keep = new HashSet<PrincipalId>();
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var (definition, target) = Proposal(advice, keep);
                var deployed = OnboardingTemplate.Deployed(definition, target, subscription);
                if (deployed.HasErrors)
                {
                    diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.AdviceNoTemplate, "no template is proposed: " + string.Join("; ", deployed.Diagnostics.Select(static d => d.Message)), "template"));
                    return (null, [], []);
                }

                var proposed = OnboardingTemplate.Delegations(deployed.Value, _delegations[0].CustomerTenantId);
                var diff = DelegationDiff.Compare(_delegations, proposed, _catalog);
                if (!diff.WidensAccess)
                {
                    var files = OnboardingTemplate.Write(definition, target);
                    foreach (var p in keep.Order())
                    {
                        diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.AdviceKeptCurrentRoles, $"principal {p} keeps its current roles: the library's diff could not prove narrower ones do not widen access", "template"));
                    }

                    return (files.Value, proposed, keep);
                }

                var widening = diff.Changes
                    .Where(static c => c.Direction == AccessChangeDirection.Widening)
                    .SelectMany(static c => c.Manifest?.Widenings ?? [])
                    .Select(static w => w.PrincipalId)
                    .ToList();
                if (widening.Count == 0 || widening.Any(static p => p is null) || widening.All(p => keep.Contains(p!.Value)))
                {
                    break;
                }

                keep.UnionWith(widening.Select(static p => p!.Value));
            }

            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.AdviceNoTemplate, "no template is proposed: the library's diff finds that it would widen access", "template"));
            return (null, [], []);
        }

        private (OnboardingDefinition Definition, OnboardingTarget Target) Proposal(List<PrincipalAdvice> advice, HashSet<PrincipalId> keep)
        {
            var baseDefinition = _delegations[0].Definition;
            var manifest = baseDefinition.Manifest;
            var authorizations = new List<Authorization>();
            var scopes = new HashSet<ResourceScope>();
            foreach (var a in advice)
            {
                if (!_permanent.TryGetValue(a.PrincipalId, out var today))
                {
                    continue;
                }

                var principal = today[0].Authorization.Principal;
                if (keep.Contains(a.PrincipalId))
                {
                    authorizations.AddRange(today.Select(static t => t.Authorization));
                    scopes.UnionWith(today.Select(static t => t.Delegation.Scope));
                    continue;
                }

                foreach (var r in a.ProposedRoles.Concat(a.ReadAccess))
                {
                    authorizations.Add(new Authorization { Principal = principal, RoleDefinitionId = r.RoleDefinitionId });
                    scopes.Add(r.Scope);
                }

                // User Access Administrator is never proposed; it is kept when the principal used what only it grants.
                if (a.Uncovered.Any(static u => u.Reason.StartsWith("granted by User Access Administrator", StringComparison.Ordinal)))
                {
                    authorizations.AddRange(today.Select(static t => t.Authorization).Where(static t => t.RoleDefinitionId == BuiltInRoleIds.UserAccessAdministrator));
                }
            }

            var distinct = authorizations.DistinctBy(static a => (a.Principal.Id, a.RoleDefinitionId)).ToList();
            var definition = OnboardingDefinition.FromRegistrationDefinition(baseDefinition) with { Manifest = manifest with { Authorizations = [.. distinct] } };

            // One template holds one manifest: resource groups when every role's scope is one, else the subscription.
            var groups = scopes.Select(static s => s.ResourceGroupName).ToList();
            var target = groups.Count > 0 && groups.All(static g => g is not null)
                ? groups.Distinct(StringComparer.OrdinalIgnoreCase).Count() == 1
                    ? OnboardingTarget.ForResourceGroup(groups[0]!)
                    : OnboardingTarget.ForResourceGroups(groups.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)!, definitionPerResourceGroup: false)
                : OnboardingTarget.ForSubscription();
            return (definition, target);
        }

        private RoleAtScope At(RoleDefinitionId role, ResourceScope scope) => new()
        {
            RoleDefinitionId = role,
            RoleName = _catalog.TryGet(role, out var definition) ? definition.Name : role.ToString(),
            Scope = scope,
        };

        private static void Add<T>(Dictionary<PrincipalId, List<T>> map, PrincipalId key, T value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(value);
        }
    }

    /// <summary>The records attributed to one principal, by operation.</summary>
    private sealed class Observed
    {
        public Dictionary<string, OperationTally> Succeeded { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, OperationTally> Failed { get; } = new(StringComparer.OrdinalIgnoreCase);

        public void Add(ActivityRecord r)
        {
            var map = r.Outcome == ActivityOutcome.Succeeded ? Succeeded : Failed;
            if (!map.TryGetValue(r.Operation, out var o))
            {
                map[r.Operation] = o = new OperationTally(r.Operation);
            }

            o.Add(r);
        }
    }

    private sealed class OperationTally(string name)
    {
        public string Operation { get; } = name;

        public HashSet<ResourceScope> Scopes { get; } = [];

        private readonly HashSet<PrincipalId> _callers = [];
        private long _events;
        private DateTimeOffset _first = DateTimeOffset.MaxValue;
        private DateTimeOffset _last = DateTimeOffset.MinValue;

        public void Add(ActivityRecord r)
        {
            Scopes.Add(r.Scope);
            _callers.Add(r.PrincipalId);
            _events += r.Events;
            _first = r.FirstSeen < _first ? r.FirstSeen : _first;
            _last = r.LastSeen > _last ? r.LastSeen : _last;
        }

        public ObservedOperation ToOperation() => new()
        {
            Operation = Operation,
            Scopes = [.. Scopes.OrderBy(static s => s.ToString(), StringComparer.OrdinalIgnoreCase)],
            Callers = [.. _callers.Order()],
            Events = _events,
            FirstSeen = _first,
            LastSeen = _last,
        };
    }
}
