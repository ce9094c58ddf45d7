using System.Diagnostics;
using System.Runtime.InteropServices;
using ManagedServices.Access;

namespace ManagedServices.Benchmarks;

/// <summary>
/// A plain loop over the workload for profilers (<c>perf record</c> with <c>DOTNET_PerfMapEnabled=1</c>) and quick
/// A/B runs while changing the evaluator: <c>access-loop compiled|prepared|requests|threads [seconds]</c> checks every request in
/// order, round after round, and prints the wall time per check of each round. Not a benchmark (no statistics);
/// <see cref="AccessBenchmarks"/> gives the figures that count.
/// </summary>
public static class AccessLoop
{
    /// <summary>Runs the loop.</summary>
    /// <param name="mode"><c>compiled</c> (strings), <c>prepared</c> (handles), <c>requests</c> (<see cref="PreparedRequest"/> values) or <c>threads</c> (see <see cref="RunThreads"/>).</param>
    /// <param name="seconds">How long to run, or minus the number of rounds.</param>
    /// <param name="first">When positive, only the first requests, repeated to the workload's length (a smaller working set).</param>
    public static void Run(string mode, double seconds, int first = 0)
    {
        var workload = AccessWorkload.LoadOrGenerate(smoke: false);
        var evaluator = AccessEvaluator.Create(workload.Snapshot, workload.Options);
        var all = Enumerable.Range(0, workload.Count).Select(i => workload.Request(first > 0 ? i % first : i)).ToArray();
        if (mode == "threads")
        {
            RunThreads(evaluator, all, seconds);
            return;
        }

        var prepared = AccessBenchmarks.Prepare(workload);
        if (first > 0)
        {
            prepared = [.. Enumerable.Range(0, workload.Count).Select(i => prepared[i % first])];
        }

        // Prepared only for their own mode: Prepare checks each request once, which would warm the memos of the others.
        var requests = mode == "requests" ? prepared.Select(r => evaluator.Prepare(r.Principal, in r.Action, in r.Scope)).ToArray() : [];

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

    /// <summary>
    /// <c>access-loop threads [seconds]</c>: a round of string checks on one thread, then a round on two threads (the
    /// blocks of <see cref="AccessBenchmarks.CompiledTwoThreads"/>), in turn, so that both see the same moments of a
    /// shared machine; prints each kind's minimum and median time per check and the ratio of the minimums.
    /// </summary>
    private static void RunThreads(AccessEvaluator evaluator, AccessRequest[] all, double seconds)
    {
        var one = new List<double>();
        var two = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            var watch = Stopwatch.StartNew();
            var single = AccessBenchmarks.CheckBlocks(evaluator, all, 0) + AccessBenchmarks.CheckBlocks(evaluator, all, 1);
            one.Add(watch.Elapsed.TotalNanoseconds / all.Length);
            watch.Restart();
            var pair = AccessBenchmarks.CheckOnTwoThreads(evaluator, all);
            two.Add(watch.Elapsed.TotalNanoseconds / all.Length);
            if (single != pair)
            {
                throw new InvalidOperationException("the two kinds of round disagree");
            }
        }

        one.Sort();
        two.Sort();
        Console.WriteLine(
            $"threads: {one.Count} pairs of rounds; one thread min {one[0]:F1} ns, median {one[one.Count / 2]:F1} ns; " +
            $"two threads min {two[0]:F1} ns, median {two[two.Count / 2]:F1} ns per check; " +
            $"ratio of minimums {one[0] / two[0]:F2}, of medians {one[one.Count / 2] / two[two.Count / 2]:F2}");
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
