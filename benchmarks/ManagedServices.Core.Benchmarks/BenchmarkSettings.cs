namespace ManagedServices.Benchmarks;

/// <summary>Process-wide switches for the benchmark run.</summary>
public static class BenchmarkSettings
{
    /// <summary>True for the CI smoke run: benchmarks may use smaller inputs. Nothing is asserted about time.</summary>
    public static bool Smoke { get; set; }
}
