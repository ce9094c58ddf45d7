using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ManagedServices.Access;
using ManagedServices.Offers;

namespace ManagedServices.Benchmarks;

/// <summary>
/// Access checks on the shared workload (../shared/workload; a small generated one in the smoke run): every
/// request as three strings, checked by the compiled evaluator; a naive evaluator (parse, scan every delegation,
/// match every pattern) is the baseline; <c>Prepared</c> checks the same requests prepared once by the evaluator
/// (<see cref="PreparedRequest"/>), and <c>PreparedHandles</c> as a principal ID with handles prepared once
/// (<see cref="PreparedAction"/>, <see cref="PreparedScope"/>). Results are per check (OperationsPerInvoke). Every
/// decision of every method's input is verified in the setup. One run of all seven methods takes about two to four
/// minutes with the job below (in-process, 3 warm-up and 15 measured iterations), so it can be re-run at the end of a
/// session on a quiet machine: <c>--filter '*AccessBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AccessJob))]
public class AccessBenchmarks
{
    /// <summary>The requests of one block of <see cref="CompiledTwoThreads"/>.</summary>
    public const int TwoThreadBlock = 2_048;

    private AccessWorkload _workload = null!;
    private AccessEvaluator _evaluator = null!;
    private NaiveAccessEvaluator _naive = null!;
    private AccessRequest[] _all = [];
    private AccessRequest[] _allowed = [];
    private AccessRequest[] _denied = [];
    private AccessRequest[] _naiveSample = [];
    private (PrincipalId Principal, PreparedAction Action, PreparedScope Scope)[] _prepared = [];
    private PreparedRequest[] _requests = [];

    /// <summary>Loads the workload, builds both evaluators and warms the compiled one.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _workload = AccessWorkload.LoadOrGenerate(BenchmarkSettings.Smoke);
        _evaluator = AccessEvaluator.Create(_workload.Snapshot, _workload.Options);
        _naive = new NaiveAccessEvaluator(_workload.Snapshot, _workload.Groups);
        _all = [.. Enumerable.Range(0, _workload.Count).Select(_workload.Request)];
        var decisions = _all.Select(r => _evaluator.Check(r).IsAllowed).ToArray();
        if (_workload.Expected is { } expected && !decisions.SequenceEqual(expected))
        {
            throw new InvalidOperationException("The evaluator disagrees with the workload's expected decisions.");
        }

        _prepared = Prepare(_workload);
        _requests = [.. _prepared.Select(r => _evaluator.Prepare(r.Principal, in r.Action, in r.Scope))];
        for (var i = 0; i < _all.Length; i++)
        {
            var (p, a, sc) = _prepared[i];
            var byText = _evaluator.Check(_all[i]);
            if (_evaluator.Check(p, in a, in sc) != byText || _evaluator.Check(in _requests[i]) != byText)
            {
                throw new InvalidOperationException($"The prepared check of request {i} disagrees with the string check.");
            }
        }

        if (_workload.Expected is not null && _all.Where((_, i) => i % 20 == 0).Any(r => _naive.Check(r) != _evaluator.Check(r).IsAllowed))
        {
            throw new InvalidOperationException("The naive evaluator disagrees with the compiled one.");
        }

        _allowed = [.. _all.Where((_, i) => decisions[i])];
        _denied = [.. _all.Where((_, i) => !decisions[i])];
        _naiveSample = [.. _all.Where((_, i) => i % 20 == 0)];
        Console.WriteLine($"// Access workload: {_workload.Source}; {_all.Length} requests, {_allowed.Length} allowed, {_denied.Length} denied");
    }

    /// <summary>The naive evaluator, on every 20th request.</summary>
    /// <returns>Allowed count.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = 5_000)]
    public int Naive()
    {
        var allowed = 0;
        var sample = _naiveSample;
        for (var i = 0; i < sample.Length; i++)
        {
            allowed += _naive.Check(sample[i]) ? 1 : 0;
        }

        return allowed;
    }

    /// <summary>The compiled evaluator, every request.</summary>
    /// <returns>Allowed count.</returns>
    [Benchmark(OperationsPerInvoke = 100_000)]
    public int Compiled() => Run(_all, 0, _all.Length);

    /// <summary>
    /// The compiled evaluator, every request, split over two threads (time per check of the pair): the workload in
    /// blocks of 2,048 requests, the even-numbered blocks on one thread and the odd ones on the other, so that both get
    /// the same mix of requests while each reads memory of its own. (The first and second halves of the workload do not
    /// cost the same, about 80 and 85-89 ns per check of the whole on the 2-core EPYC, so a split into halves measured
    /// the slower half; alternating single requests made both threads read every cache line of the requests.) Declared
    /// right after <see cref="Compiled"/>, so that BenchmarkDotNet measures the two rows of the ratio one after the
    /// other rather than minutes apart.
    /// </summary>
    /// <returns>Allowed count.</returns>
    [Benchmark(OperationsPerInvoke = 100_000)]
    public int CompiledTwoThreads() => CheckOnTwoThreads(_evaluator, _all);

    /// <summary>The compiled evaluator, allowed requests only.</summary>
    /// <returns>Allowed count.</returns>
    [Benchmark(OperationsPerInvoke = 39_206)]
    public int CompiledAllowOnly() => Run(_allowed, 0, _allowed.Length);

    /// <summary>The compiled evaluator, denied requests only.</summary>
    /// <returns>Allowed count.</returns>
    [Benchmark(OperationsPerInvoke = 60_794)]
    public int CompiledDenyOnly() => Run(_denied, 0, _denied.Length);

    /// <summary>The compiled evaluator, every request, prepared once by the evaluator (<see cref="AccessEvaluator.Prepare"/>).</summary>
    /// <returns>Allowed count.</returns>
    [Benchmark(OperationsPerInvoke = 100_000)]
    public int Prepared()
    {
        var evaluator = _evaluator;
        var requests = _requests;
        var allowed = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            allowed += evaluator.Check(in requests[i]).IsAllowed ? 1 : 0;
        }

        return allowed;
    }

    /// <summary>The compiled evaluator, every request, as handles prepared once (principal ID, action, scope).</summary>
    /// <returns>Allowed count.</returns>
    [Benchmark(OperationsPerInvoke = 100_000)]
    public int PreparedHandles()
    {
        var evaluator = _evaluator;
        var prepared = _prepared;
        var allowed = 0;
        for (var i = 0; i < prepared.Length; i++)
        {
            ref readonly var r = ref prepared[i];
            allowed += evaluator.Check(r.Principal, in r.Action, in r.Scope).IsAllowed ? 1 : 0;
        }

        return allowed;
    }

    /// <summary>Every request of a workload as prepared handles (each distinct action and scope prepared once).</summary>
    /// <param name="workload">The workload.</param>
    /// <returns>The handles, in request order.</returns>
    public static (PrincipalId Principal, PreparedAction Action, PreparedScope Scope)[] Prepare(AccessWorkload workload)
    {
        var actions = new Dictionary<string, PreparedAction>(StringComparer.Ordinal);
        var scopes = new Dictionary<string, PreparedScope>(StringComparer.Ordinal);
        var result = new (PrincipalId, PreparedAction, PreparedScope)[workload.Count];
        for (var i = 0; i < workload.Count; i++)
        {
            var text = workload.Actions[i];
            if (!actions.TryGetValue(text, out var action))
            {
                PreparedAction.TryPrepare(text, out action);
                actions[text] = action;
            }

            text = workload.Scopes[i];
            if (!scopes.TryGetValue(text, out var scope))
            {
                PreparedScope.TryPrepare(text, out scope);
                scopes[text] = scope;
            }

            result[i] = (PrincipalId.TryParse(workload.Principals[i], out var p) ? p : default, action, scope);
        }

        return result;
    }

    /// <summary>
    /// Checks every other block of <see cref="TwoThreadBlock"/> requests, starting with block <paramref name="first"/>
    /// (0 or 1): one thread's share of <see cref="CompiledTwoThreads"/> (and of <c>access-loop threads</c>).
    /// </summary>
    /// <param name="evaluator">The evaluator.</param>
    /// <param name="requests">The requests.</param>
    /// <param name="first">The first block.</param>
    /// <returns>Allowed count.</returns>
    public static int CheckBlocks(AccessEvaluator evaluator, AccessRequest[] requests, int first)
    {
        var allowed = 0;
        for (var start = first * TwoThreadBlock; start < requests.Length; start += 2 * TwoThreadBlock)
        {
            allowed += Run(evaluator, requests, start, Math.Min(start + TwoThreadBlock, requests.Length));
        }

        return allowed;
    }

    /// <summary>
    /// <see cref="CompiledTwoThreads"/>'s round (and <c>access-loop threads</c>'): the even-numbered blocks on one
    /// thread and the odd ones on another.
    /// </summary>
    /// <param name="evaluator">The evaluator.</param>
    /// <param name="requests">The requests.</param>
    /// <returns>Allowed count.</returns>
    public static int CheckOnTwoThreads(AccessEvaluator evaluator, AccessRequest[] requests)
    {
        int a = 0, b = 0;
        Parallel.Invoke(() => a = CheckBlocks(evaluator, requests, 0), () => b = CheckBlocks(evaluator, requests, 1));
        return a + b;
    }

    private int Run(AccessRequest[] requests, int from, int to) => Run(_evaluator, requests, from, to);

    private static int Run(AccessEvaluator evaluator, AccessRequest[] requests, int from, int to)
    {
        var allowed = 0;
        for (var i = from; i < to; i++)
        {
            allowed += evaluator.Check(in requests[i]).IsAllowed ? 1 : 0;
        }

        return allowed;
    }
}

/// <summary>
/// The job of <see cref="AccessBenchmarks"/> and <see cref="AccessBuildBenchmarks"/>: in-process (no separate build,
/// which times out on a loaded machine), 3 warm-up and 15 measured iterations, one launch. Not added in the CI smoke
/// run (<see cref="BenchmarkSettings.Smoke"/>), which runs its own dry job only.
/// </summary>
public sealed class AccessJob : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public AccessJob()
    {
        if (BenchmarkSettings.Smoke)
        {
            return;
        }

        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithId("Access"));
    }
}

/// <summary>Evaluator build time: the shared workload, and 10,000 delegations of 20 authorizations each.</summary>
[MemoryDiagnoser]
[Config(typeof(AccessJob))]
public class AccessBuildBenchmarks
{
    private AccessWorkload _workload = null!;
    private AccessWorkload _large = null!;

    /// <summary>Loads both snapshots.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _workload = AccessWorkload.LoadOrGenerate(BenchmarkSettings.Smoke);
        var count = BenchmarkSettings.Smoke ? 100 : 10_000;
        _large = AccessWorkload.Generate(delegations: count, authorizationsPerDelegation: 20, requests: 1, seed: 1);
        _ = RoleCatalog.BuiltIn.Count;
    }

    /// <summary>Build for the workload.</summary>
    /// <returns>The evaluator.</returns>
    [Benchmark(Baseline = true)]
    public AccessEvaluator BuildWorkload() => AccessEvaluator.Create(_workload.Snapshot, _workload.Options);

    /// <summary>Build for 10,000 delegations x 20 authorizations (200,000 grants).</summary>
    /// <returns>The evaluator.</returns>
    [Benchmark]
    public AccessEvaluator Build10000x20() => AccessEvaluator.Create(_large.Snapshot, _large.Options);
}

/// <summary>
/// The baseline: what a straightforward implementation does per request (parse principal and scope, walk every
/// delegation and authorization, expand groups, match role patterns with <see cref="RoleDefinition.PermitsAction"/>).
/// Permanent authorizations only, as in the workload; Lighthouse's rule on the four Microsoft.ManagedServices
/// operations applied as the workload's README states it, so both evaluators do the same work.
/// </summary>
public sealed class NaiveAccessEvaluator(DelegationSnapshot snapshot, IGroupMembershipProvider groups)
{
    /// <summary>Decides a request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>True when allowed.</returns>
    public bool Check(in AccessRequest request)
    {
        if (!PrincipalId.TryParse(request.PrincipalIdText ?? request.PrincipalId.ToString(), out var principal) ||
            !ResourceScope.TryParse(request.Scope, out var scope))
        {
            return false;
        }

        var memberOf = groups.GetGroups(principal);
        foreach (var d in snapshot.Delegations)
        {
            if (!d.Scope.Contains(scope))
            {
                continue;
            }

            foreach (var a in d.Definition.Manifest.Authorizations)
            {
                if ((a.Principal.Id == principal || memberOf.Contains(a.Principal.Id)) &&
                    RoleCatalog.BuiltIn.TryGet(a.RoleDefinitionId, out var role) && role.PermitsAction(request.Action) &&
                    !TakenAwayByLighthouse(request.Action, a.RoleDefinitionId))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool TakenAwayByLighthouse(string action, RoleDefinitionId role) =>
        action.Equals("Microsoft.ManagedServices/registrationAssignments/delete", StringComparison.OrdinalIgnoreCase)
            ? role != BuiltInRoleIds.RegistrationAssignmentDelete
            : action.Equals("Microsoft.ManagedServices/registrationAssignments/write", StringComparison.OrdinalIgnoreCase) ||
              action.Equals("Microsoft.ManagedServices/registrationDefinitions/write", StringComparison.OrdinalIgnoreCase) ||
              action.Equals("Microsoft.ManagedServices/registrationDefinitions/delete", StringComparison.OrdinalIgnoreCase);
}
