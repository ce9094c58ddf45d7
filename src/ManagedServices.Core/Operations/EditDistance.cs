namespace ManagedServices.Operations;

/// <summary>Case-insensitive Levenshtein distance with an upper bound, for "did you mean" suggestions.</summary>
internal static class EditDistance
{
    /// <summary>
    /// The edit distance between <paramref name="a"/> and <paramref name="b"/> ignoring case (insertions, deletions
    /// and substitutions of one character), or <paramref name="limit"/> + 1 when it exceeds <paramref name="limit"/>.
    /// <paramref name="row"/> is scratch space of at least <c>a.Length + 1</c> elements.
    /// </summary>
    public static int Bounded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit, Span<int> row)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        for (var i = 0; i <= a.Length; i++)
        {
            row[i] = i;
        }

        for (var j = 1; j <= b.Length; j++)
        {
            var diagonal = row[0];
            row[0] = j;
            var best = j;
            var cb = char.ToLowerInvariant(b[j - 1]);
            for (var i = 1; i <= a.Length; i++)
            {
                var above = row[i];
                var cost = char.ToLowerInvariant(a[i - 1]) == cb ? 0 : 1;
                var value = Math.Min(Math.Min(row[i - 1] + 1, above + 1), diagonal + cost);
                row[i] = value;
                diagonal = above;
                best = Math.Min(best, value);
            }

            if (best > limit)
            {
                return limit + 1; // every path already costs more than the limit
            }
        }

        return Math.Min(row[a.Length], limit + 1);
    }
}
