using BenchmarkDotNet.Attributes;
using ManagedServices.Access;
using ManagedServices.Offers;

namespace ManagedServices.Benchmarks;

/// <summary>
/// Access checks on the shared workload (../shared/workload; a small generated one in the smoke run): every
/// request as three strings, checked by the compiled evaluator; a naive evaluator (parse, scan every delegation,
/// match every pattern) is the baseline. Results are per check (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class AccessBenchmarks
{
    private AccessWorkload _workload = null!;
    private AccessEvaluator _evaluator = null!;
    private NaiveAccessEvaluator _naive = null!;
    private AccessRequest[] _all = [];
    private AccessRequest[] _allowed = [];
    private AccessRequest[] _denied = [];
    private AccessRequest[] _naiveSample = [];

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

    /// <summary>The compiled evaluator, allowed requests only.</summary>
    /// <returns>Allowed count.</returns>
    [Benchmark(OperationsPerInvoke = 39_206)]
    public int CompiledAllowOnly() => Run(_allowed, 0, _allowed.Length);

    /// <summary>The compiled evaluator, denied requests only.</summary>
    /// <returns>Allowed count.</returns>
    [Benchmark(OperationsPerInvoke = 60_794)]
    public int CompiledDenyOnly() => Run(_denied, 0, _denied.Length);

    /// <summary>The compiled evaluator, every request, split over two threads (time per check of the pair).</summary>
    /// <returns>Allowed count.</returns>
    [Benchmark(OperationsPerInvoke = 100_000)]
    public int CompiledTwoThreads()
    {
        var half = _all.Length / 2;
        int a = 0, b = 0;
        Parallel.Invoke(() => a = Run(_all, 0, half), () => b = Run(_all, half, _all.Length));
        return a + b;
    }

    private int Run(AccessRequest[] requests, int from, int to)
    {
        var evaluator = _evaluator;
        var allowed = 0;
        for (var i = from; i < to; i++)
        {
            allowed += evaluator.Check(in requests[i]).IsAllowed ? 1 : 0;
        }

        return allowed;
    }
}

/// <summary>Evaluator build time: the shared workload, and 10,000 delegations of 20 authorizations each.</summary>
[MemoryDiagnoser]
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
