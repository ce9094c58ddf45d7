using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

// Run all:   dotnet run -c Release --project benchmarks/ManagedServices.Core.Benchmarks -- --filter '*'
// CI smoke:  add --job Dry --inProcess --smoke (the smoke flag only shrinks workloads; nothing is asserted about time)
var smoke = args.Contains("--smoke");
ManagedServices.Benchmarks.BenchmarkSettings.Smoke = smoke;
var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(ManagedServices.Benchmarks.BenchmarkSettings).Assembly)
    .Run(args.Where(a => a != "--smoke").ToArray(), config);
