using BenchmarkDotNet.Attributes;

namespace ManagedServices.Benchmarks;

/// <summary>
/// Wildcard matching of RBAC action patterns stays linear: a 10,000-character action against a 20-star pattern,
/// for the adversarial shapes that make backtracking matchers exponential (a run of one letter, a piece that is
/// almost everywhere but never completes, a suffix that fails only at the last character).
/// </summary>
[MemoryDiagnoser]
public class WildcardBenchmarks
{
    private const int Stars = 20;

    private string _run = "";
    private string _nearMiss = "";
    private string _almostSuffix = "";
    private string _allStarsMatch = "";
    private string _nearMissPattern = "";
    private string _suffixPattern = "";

    /// <summary>The action length (the CI smoke run caps it at 1,000); two sizes show the cost grows linearly.</summary>
    [Params(1_000, 10_000)]
    public int Length { get; set; }

    /// <summary>Builds the inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Length = BenchmarkSettings.Smoke ? Math.Min(Length, 1_000) : Length;
        _run = "Microsoft." + new string('a', Length - 15) + "/read";
        _nearMiss = _run;
        _almostSuffix = "Microsoft." + new string('a', Length - 16) + "/reax";

        // "*a*a*...*a*" (20 stars): matches a run of 'a'.
        _allStarsMatch = string.Concat(Enumerable.Repeat("*a", Stars - 1)) + "*";

        // "Microsoft.*a*a*...*ab*/read" (20 stars): every piece but the last occurs everywhere; "ab" never does.
        _nearMissPattern = "Microsoft." + string.Concat(Enumerable.Repeat("*a", Stars - 2)) + "*ab*/read";

        // "*a*...*a*/read" (20 stars) against an action ending in "/reax": fails at the suffix only.
        _suffixPattern = string.Concat(Enumerable.Repeat("*a", Stars - 1)) + "*/read";
    }

    /// <summary>20-star pattern that matches a 10,000-character action.</summary>
    [Benchmark(Baseline = true)]
    public bool Match() => ActionPattern.Matches(_run, _allStarsMatch);

    /// <summary>20-star pattern whose last middle piece never occurs: scans the window once per piece at most.</summary>
    [Benchmark]
    public bool NearMiss() => ActionPattern.Matches(_nearMiss, _nearMissPattern);

    /// <summary>20-star pattern whose suffix fails at the last character.</summary>
    [Benchmark]
    public bool SuffixMiss() => ActionPattern.Matches(_almostSuffix, _suffixPattern);
}
