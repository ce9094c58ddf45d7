using System.Diagnostics;
using ManagedServices.Access;

namespace ManagedServices.Benchmarks;

/// <summary>
/// A plain loop over the workload for profilers (<c>perf record</c> with <c>DOTNET_PerfMapEnabled=1</c>) and quick
/// A/B runs while changing the evaluator: <c>access-loop compiled|prepared [seconds]</c> checks every request in
/// order, round after round, and prints the wall time per check of each round. Not a benchmark (no statistics);
/// <see cref="AccessBenchmarks"/> gives the figures that count.
/// </summary>
public static class AccessLoop
{
    /// <summary>Runs the loop.</summary>
    /// <param name="mode"><c>compiled</c> (strings) or <c>prepared</c> (handles).</param>
    /// <param name="seconds">How long to run.</param>
    public static void Run(string mode, double seconds)
    {
        var workload = AccessWorkload.LoadOrGenerate(smoke: false);
        var evaluator = AccessEvaluator.Create(workload.Snapshot, workload.Options);
        var all = Enumerable.Range(0, workload.Count).Select(workload.Request).ToArray();
        var prepared = AccessBenchmarks.Prepare(workload);
        var rounds = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            var watch = Stopwatch.StartNew();
            var allowed = 0;
            if (mode == "prepared")
            {
                for (var i = 0; i < prepared.Length; i++)
                {
                    ref readonly var r = ref prepared[i];
                    allowed += evaluator.Check(r.Principal, in r.Action, in r.Scope).IsAllowed ? 1 : 0;
                }
            }
            else
            {
                for (var i = 0; i < all.Length; i++)
                {
                    allowed += evaluator.Check(in all[i]).IsAllowed ? 1 : 0;
                }
            }

            rounds.Add(watch.Elapsed.TotalNanoseconds / all.Length);
            if (allowed != 39_206 && workload.Expected is not null)
            {
                throw new InvalidOperationException($"allowed {allowed}");
            }
        }

        rounds.Sort();
        Console.WriteLine($"{mode}: {rounds.Count} rounds, min {rounds[0]:F1} ns, median {rounds[rounds.Count / 2]:F1} ns per check");
    }
}
