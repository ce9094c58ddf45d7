using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

// Run all:   dotnet run -c Release --project benchmarks/ManagedServices.Core.Benchmarks -- --filter '*'
// CI smoke:  add --job Dry --inProcess --smoke (the smoke flag only shrinks workloads; nothing is asserted about time)
// Advisor data: generate-activity <file> [events] (1,000,000 events ≈ 1 GB), measure-activity <file> (peak memory).
if (args is ["generate-activity", var file, ..])
{
    ManagedServices.Benchmarks.ActivityLogGenerator.Write(file, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}

if (args is ["measure-activity", var measured])
{
    ManagedServices.Benchmarks.ActivityLogGenerator.Measure(measured);
    return;
}

// CLI input: --cli-workload <dir> writes the input of benchmarks/cli-check-throughput.sh and exits
if (args is ["--cli-workload", var directory])
{
    ManagedServices.Benchmarks.CliCheckWorkload.Write(directory);
    return;
}

// A plain loop for profilers and quick A/B runs: access-loop compiled|prepared [seconds [first requests only]]
if (args is ["access-loop", var loopMode, ..])
{
    ManagedServices.Benchmarks.AccessLoop.Run(
        loopMode,
        args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0);
    return;
}

var smoke = args.Contains("--smoke");
ManagedServices.Benchmarks.BenchmarkSettings.Smoke = smoke;
var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(ManagedServices.Benchmarks.BenchmarkSettings).Assembly)
    .Run(args.Where(a => a != "--smoke").ToArray(), config);
