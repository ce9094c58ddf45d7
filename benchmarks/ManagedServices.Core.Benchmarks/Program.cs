using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

// Run all:   dotnet run -c Release --project benchmarks/ManagedServices.Core.Benchmarks -- --filter '*'
// CI smoke:  add --job Dry --inProcess --smoke (the smoke flag only shrinks workloads; nothing is asserted about time)
// CLI input: --cli-workload <dir> writes the input of benchmarks/cli-check-throughput.sh and exits
if (args is ["--cli-workload", var directory])
{
    ManagedServices.Benchmarks.CliCheckWorkload.Write(directory);
    return;
}

var smoke = args.Contains("--smoke");
ManagedServices.Benchmarks.BenchmarkSettings.Smoke = smoke;
var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(ManagedServices.Benchmarks.BenchmarkSettings).Assembly)
    .Run(args.Where(a => a != "--smoke").ToArray(), config);
