using System.Numerics;

namespace ManagedServices.Analysis;

/// <summary>
/// Weighted set cover for the advisor: choose candidate roles so that every observed operation is covered, minimising
/// first the size of the union of the roles' extra operations (non-read catalog operations granted beyond the observed
/// ones), then the number of roles. Exact by branch and bound when there are at most <see cref="MaxExactCandidates"/>
/// candidates (after dominated ones are dropped) and the search ends within its node budget; otherwise greedy, with a
/// lower bound on the optimum.
/// </summary>
internal static class RoleCover
{
    /// <summary>The largest number of (undominated) candidate roles searched exactly.</summary>
    public const int MaxExactCandidates = 64;

    /// <summary>The default node budget of the exact search.</summary>
    public const int DefaultBudget = 200_000;

    /// <summary>A candidate: the observed operations it covers and the extra operations it grants (bit sets).</summary>
    public sealed record Candidate(int Id, ulong[] Covers, ulong[] Extra)
    {
        public int ExtraCount { get; } = Count(Extra);
    }

    /// <summary>The answer: the chosen candidate IDs, the cost, whether it is proved optimal, and a lower bound on the optimum's extra count.</summary>
    public sealed record Result(IReadOnlyList<int> Chosen, int Extra, bool Exact, int LowerBound);

    /// <summary>Solves a cover of <paramref name="operations"/> operations; every operation must be covered by some candidate.</summary>
    public static Result Solve(int operations, IReadOnlyList<Candidate> candidates, int budget = DefaultBudget)
    {
        var all = new ulong[Words(operations)];
        for (var i = 0; i < operations; i++)
        {
            all[i >> 6] |= 1UL << (i & 63);
        }

        if (operations == 0)
        {
            return new Result([], 0, Exact: true, LowerBound: 0);
        }

        var live = Undominated(candidates);
        var lower = LowerBound(operations, live);
        var greedy = Greedy(all, live);
        if (live.Count > MaxExactCandidates)
        {
            return greedy with { LowerBound = lower };
        }

        var search = new Search(live, budget, greedy);
        search.Run(all, new ulong[live.Count == 0 ? 0 : live[0].Extra.Length], []);
        return search.Aborted
            ? search.Best with { Exact = false, LowerBound = lower }
            : search.Best with { Exact = true, LowerBound = search.Best.Extra };
    }

    /// <summary>Drops a candidate when another covers at least the same operations with at most the same extra ones (ties: the first stays).</summary>
    internal static List<Candidate> Undominated(IReadOnlyList<Candidate> candidates)
    {
        var live = new List<Candidate>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var dominated = false;
            for (var j = 0; j < candidates.Count && !dominated; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var d = candidates[j];
                if (Subset(c.Covers, d.Covers) && Subset(d.Extra, c.Extra))
                {
                    var same = Subset(d.Covers, c.Covers) && Subset(c.Extra, d.Extra);
                    dominated = !same || j < i;
                }
            }

            if (!dominated && !IsEmpty(c.Covers))
            {
                live.Add(c);
            }
        }

        return live;
    }

    /// <summary>Each operation needs one role covering it, and the union is at least that role's extra count.</summary>
    private static int LowerBound(int operations, List<Candidate> live)
    {
        var bound = 0;
        for (var o = 0; o < operations; o++)
        {
            var best = int.MaxValue;
            foreach (var c in live)
            {
                if (Has(c.Covers, o))
                {
                    best = Math.Min(best, c.ExtraCount);
                }
            }

            if (best != int.MaxValue)
            {
                bound = Math.Max(bound, best);
            }
        }

        return bound;
    }

    /// <summary>Repeatedly the candidate adding the fewest new extra operations per newly covered operation.</summary>
    private static Result Greedy(ulong[] all, List<Candidate> live)
    {
        var uncovered = (ulong[])all.Clone();
        var union = new ulong[live.Count == 0 ? 0 : live[0].Extra.Length];
        var chosen = new List<int>();
        while (!IsEmpty(uncovered))
        {
            Candidate? pick = null;
            var pickNew = 0;
            var pickAdded = 0;
            foreach (var c in live)
            {
                var covered = CountAnd(c.Covers, uncovered);
                if (covered == 0)
                {
                    continue;
                }

                var added = CountAndNot(c.Extra, union);

                // added / covered smaller is better: compare added * pickNew < pickAdded * covered.
                if (pick is null || (long)added * pickNew < (long)pickAdded * covered ||
                    ((long)added * pickNew == (long)pickAdded * covered && covered > pickNew))
                {
                    pick = c;
                    pickNew = covered;
                    pickAdded = added;
                }
            }

            if (pick is null)
            {
                break; // an operation no candidate covers (the caller removes those first)
            }

            chosen.Add(pick.Id);
            Or(union, pick.Extra);
            AndNot(uncovered, pick.Covers);
        }

        return new Result(chosen, Count(union), Exact: false, LowerBound: 0);
    }

    private sealed class Search(List<Candidate> live, int budget, Result initial)
    {
        private int _nodes;

        public Result Best { get; private set; } = initial;

        public bool Aborted { get; private set; }

        public void Run(ulong[] uncovered, ulong[] union, List<int> chosen)
        {
            if (Aborted)
            {
                return;
            }

            if (++_nodes > budget)
            {
                Aborted = true;
                return;
            }

            var extra = Count(union);
            if (IsEmpty(uncovered))
            {
                if (extra < Best.Extra || (extra == Best.Extra && chosen.Count < Best.Chosen.Count))
                {
                    Best = new Result([.. chosen], extra, Exact: false, LowerBound: 0);
                }

                return;
            }

            // Branch on the uncovered operation with the fewest candidates.
            var operation = -1;
            var fewest = int.MaxValue;
            for (var w = 0; w < uncovered.Length; w++)
            {
                var bits = uncovered[w];
                while (bits != 0)
                {
                    var o = (w << 6) + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    var n = 0;
                    foreach (var c in live)
                    {
                        n += Has(c.Covers, o) ? 1 : 0;
                    }

                    if (n < fewest)
                    {
                        fewest = n;
                        operation = o;
                    }
                }
            }

            if (fewest == 0)
            {
                return; // cannot be covered on this branch
            }

            var options = live.Where(c => Has(c.Covers, operation)).OrderBy(c => CountAndNot(c.Extra, union)).ThenBy(static c => c.Id).ToList();
            foreach (var c in options)
            {
                var next = (ulong[])union.Clone();
                Or(next, c.Extra);
                var cost = Count(next);
                if (cost > Best.Extra || (cost == Best.Extra && chosen.Count + 1 >= Best.Chosen.Count))
                {
                    continue; // the union only grows and the count only grows below this node
                }

                var rest = (ulong[])uncovered.Clone();
                AndNot(rest, c.Covers);
                chosen.Add(c.Id);
                Run(rest, next, chosen);
                chosen.RemoveAt(chosen.Count - 1);
            }
        }
    }

    internal static int Words(int bits) => (bits + 63) >> 6;

    internal static bool Has(ulong[] set, int bit) => (set[bit >> 6] & (1UL << (bit & 63))) != 0;

    internal static void Set(ulong[] set, int bit) => set[bit >> 6] |= 1UL << (bit & 63);

    internal static int Count(ulong[] set)
    {
        var n = 0;
        foreach (var w in set)
        {
            n += BitOperations.PopCount(w);
        }

        return n;
    }

    private static int CountAnd(ulong[] a, ulong[] b)
    {
        var n = 0;
        for (var i = 0; i < a.Length; i++)
        {
            n += BitOperations.PopCount(a[i] & b[i]);
        }

        return n;
    }

    internal static int CountAndNot(ulong[] a, ulong[] b)
    {
        var n = 0;
        for (var i = 0; i < a.Length; i++)
        {
            n += BitOperations.PopCount(a[i] & ~b[i]);
        }

        return n;
    }

    internal static void Or(ulong[] target, ulong[] other)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] |= other[i];
        }
    }

    private static void AndNot(ulong[] target, ulong[] other)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] &= ~other[i];
        }
    }

    private static bool Subset(ulong[] inner, ulong[] outer)
    {
        for (var i = 0; i < inner.Length; i++)
        {
            if ((inner[i] & ~outer[i]) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsEmpty(ulong[] set)
    {
        foreach (var w in set)
        {
            if (w != 0)
            {
                return false;
            }
        }

        return true;
    }
}
