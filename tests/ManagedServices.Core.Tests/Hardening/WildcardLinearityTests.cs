using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ManagedServices.Tests.Hardening;

/// <summary>
/// Wildcard matching is exact (agrees with a dynamic-programming reference on small alphabets, where greedy
/// matchers go wrong most easily) and linear (adversarial 10,000-character inputs against 20-star patterns).
/// </summary>
public class WildcardLinearityTests
{
    /// <summary>Generated pattern/action pairs.</summary>
    public const int Cases = 2000;

    [Property(Arbitrary = [typeof(Generators)], MaxTest = Cases)]
    public bool Matches_AgreesWithDynamicProgrammingReference(PatternCase c) =>
        ActionPattern.Matches(c.Action, c.Pattern) == Reference(c.Action, c.Pattern);

    [Fact]
    public async Task Matches_TenThousandCharactersAgainstTwentyStars_Finishes()
    {
        var action = "Microsoft." + new string('a', 9_985) + "/read";
        string[] patterns =
        [
            string.Concat(Enumerable.Repeat("*a", 19)) + "*",
            "Microsoft." + string.Concat(Enumerable.Repeat("*a", 18)) + "*ab*/read",
            string.Concat(Enumerable.Repeat("*a", 19)) + "*/reax",
            string.Concat(Enumerable.Repeat("*" + new string('a', 400), 19)) + "*/read",
        ];

        // Warm up, then time 100 rounds; a backtracking matcher would not finish one.
        foreach (var p in patterns)
        {
            ActionPattern.Matches(action, p);
        }

        // Not a timing assert (the matcher's speed is measured by the benchmarks): a backtracking matcher would not
        // finish these, so the rounds run on a worker and the test fails, instead of hanging CI, if they never end.
        var matched = 0;
        var rounds = Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                foreach (var p in patterns)
                {
                    matched += ActionPattern.Matches(action, p) ? 1 : 0;
                }
            }
        });

        await rounds.WaitAsync(TimeSpan.FromMinutes(2)); // throws TimeoutException when the matcher backtracks
        Assert.Equal(200, matched);
    }

    /// <summary>Classic O(n·m) wildcard matching with case-insensitive ASCII comparison.</summary>
    private static bool Reference(string s, string p)
    {
        var prev = new bool[s.Length + 1];
        var cur = new bool[s.Length + 1];
        prev[0] = true;
        foreach (var pc in p)
        {
            cur[0] = pc == '*' && prev[0];
            for (var j = 1; j <= s.Length; j++)
            {
                cur[j] = pc == '*'
                    ? prev[j] || cur[j - 1]
                    : prev[j - 1] && char.ToUpperInvariant(s[j - 1]) == char.ToUpperInvariant(pc);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[s.Length];
    }

    public sealed record PatternCase(string Action, string Pattern);

    public static class Generators
    {
        public static Arbitrary<PatternCase> PatternCaseArbitrary() => Arb.From(
            from n in Gen.Choose(0, 14)
            from action in Gen.ArrayOf(Gen.Elements('a', 'b', 'A', '/'), n)
            from m in Gen.Choose(0, 10)
            from pattern in Gen.ArrayOf(Gen.Elements('a', 'b', 'B', '/', '*', '*'), m)
            select new WildcardLinearityTests.PatternCase(new string(action), new string(pattern)));
    }
}
