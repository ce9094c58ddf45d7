using BenchmarkDotNet.Attributes;

namespace ManagedServices.Benchmarks;

/// <summary>Parsing and containment of ARM scopes.</summary>
[MemoryDiagnoser]
public class ScopeBenchmarks
{
    private const string Canonical = "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1";
    private const string Mixed = "/SUBSCRIPTIONS/ED40E6C1-4292-4DD6-88F1-89E0DA98D68B/resourcegroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1";
    private readonly ResourceScope _rg = ResourceScope.Parse("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg-app");
    private readonly ResourceScope _vm = ResourceScope.Parse(Canonical);

    /// <summary>Parse a canonical resource ID (keeps the string).</summary>
    [Benchmark(Baseline = true)]
    public ResourceScope ParseCanonical() => ResourceScope.Parse(Canonical);

    /// <summary>Parse a resource ID in non-canonical case (normalizes).</summary>
    [Benchmark]
    public ResourceScope ParseMixedCase() => ResourceScope.Parse(Mixed);

    /// <summary>Whole-segment containment test.</summary>
    [Benchmark]
    public bool Contains() => _rg.Contains(_vm);
}
