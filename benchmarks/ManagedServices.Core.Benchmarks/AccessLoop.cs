using System.Diagnostics;
using System.Runtime.InteropServices;
using ManagedServices.Access;

namespace ManagedServices.Benchmarks;

/// <summary>
/// A plain loop over the workload for profilers (<c>perf record</c> with <c>DOTNET_PerfMapEnabled=1</c>) and quick
/// A/B runs while changing the evaluator: <c>access-loop compiled|prepared|requests [seconds]</c> checks every request in
/// order, round after round, and prints the wall time per check of each round. Not a benchmark (no statistics);
/// <see cref="AccessBenchmarks"/> gives the figures that count.
/// </summary>
public static class AccessLoop
{
    /// <summary>Runs the loop.</summary>
    /// <param name="mode"><c>compiled</c> (strings), <c>prepared</c> (handles) or <c>requests</c> (<see cref="PreparedRequest"/> values).</param>
    /// <param name="seconds">How long to run, or minus the number of rounds.</param>
    /// <param name="first">When positive, only the first requests, repeated to the workload's length (a smaller working set).</param>
    public static void Run(string mode, double seconds, int first = 0)
    {
        var workload = AccessWorkload.LoadOrGenerate(smoke: false);
        var evaluator = AccessEvaluator.Create(workload.Snapshot, workload.Options);
        var all = Enumerable.Range(0, workload.Count).Select(i => workload.Request(first > 0 ? i % first : i)).ToArray();
        var prepared = AccessBenchmarks.Prepare(workload);
        if (first > 0)
        {
            prepared = [.. Enumerable.Range(0, workload.Count).Select(i => prepared[i % first])];
        }

        var requests = prepared.Select(r => evaluator.Prepare(r.Principal, in r.Action, in r.Scope)).ToArray();

        var rounds = new List<double>();
        var cpu = new List<double>();
        var total = Stopwatch.StartNew();
        // A negative duration is a number of rounds (for instruction counts: run twice and subtract).
        while (seconds < 0 ? rounds.Count < -seconds : total.Elapsed.TotalSeconds < seconds)
        {
            var watch = Stopwatch.StartNew();
            var cpuStart = ThreadCpuNanoseconds();
            var allowed = 0;
            if (mode == "requests")
            {
                for (var i = 0; i < requests.Length; i++)
                {
                    allowed += evaluator.Check(in requests[i]).IsAllowed ? 1 : 0;
                }
            }
            else if (mode == "prepared")
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
            cpu.Add((ThreadCpuNanoseconds() - cpuStart) / (double)all.Length);
            if (first == 0 && allowed != 39_206 && workload.Expected is not null)
            {
                throw new InvalidOperationException($"allowed {allowed}");
            }
        }

        rounds.Sort();
        cpu.Sort();
        Console.WriteLine($"{mode}: {rounds.Count} rounds, wall min {rounds[0]:F1} ns, median {rounds[rounds.Count / 2]:F1} ns; thread CPU min {cpu[0]:F1} ns, median {cpu[cpu.Count / 2]:F1} ns per check");
    }

    /// <summary>The calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), or 0 elsewhere.</summary>
    private static long ThreadCpuNanoseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        _ = ClockGetTime(3, out var t); // CLOCK_THREAD_CPUTIME_ID
        return (t.Seconds * 1_000_000_000L) + t.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
