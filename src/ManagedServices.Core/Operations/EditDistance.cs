namespace ManagedServices.Operations;

/// <summary>
/// Case-insensitive edit distance with an upper bound, for "did you mean" suggestions (operation names, command-line
/// words): insertions, deletions, substitutions and swaps of two neighbouring characters (the commonest typo) count
/// one each — the optimal string alignment distance.
/// </summary>
internal static class EditDistance
{
    /// <summary>The scratch space <see cref="Bounded"/> needs for a first word of <paramref name="length"/> characters.</summary>
    public static int ScratchLength(int length) => 3 * (length + 1);

    /// <summary>
    /// The edit distance between <paramref name="a"/> and <paramref name="b"/> ignoring case, or
    /// <paramref name="limit"/> + 1 when it exceeds <paramref name="limit"/>. <paramref name="scratch"/> is scratch
    /// space of at least <see cref="ScratchLength"/>(<c>a.Length</c>) elements.
    /// </summary>
    public static int Bounded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit, Span<int> scratch)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var width = a.Length + 1;
        var twoBack = scratch[..width];
        var previous = scratch.Slice(width, width);
        var row = scratch.Slice(2 * width, width);
        for (var i = 0; i <= a.Length; i++)
        {
            row[i] = i;
        }

        for (var j = 1; j <= b.Length; j++)
        {
            // Rotate: the row of j - 2, the row of j - 1, the row being filled.
            var spare = twoBack;
            twoBack = previous;
            previous = row;
            row = spare;
            row[0] = j;
            var best = j;
            var cb = char.ToLowerInvariant(b[j - 1]);
            for (var i = 1; i <= a.Length; i++)
            {
                var ca = char.ToLowerInvariant(a[i - 1]);
                var cost = ca == cb ? 0 : 1;
                var value = Math.Min(Math.Min(row[i - 1] + 1, previous[i] + 1), previous[i - 1] + cost);
                if (i > 1 && j > 1 && ca == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == cb)
                {
                    value = Math.Min(value, twoBack[i - 2] + 1);
                }

                row[i] = value;
                best = Math.Min(best, value);
            }

            if (best > limit)
            {
                // Every later cell comes from this row, or by a swap from the row before it; a swap within the limit
                // would need a cell of that row below the limit, whose diagonal neighbour in this row would be within it.
                return limit + 1;
            }
        }

        return Math.Min(row[a.Length], limit + 1);
    }
}
