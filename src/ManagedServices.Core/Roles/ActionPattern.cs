namespace ManagedServices;

/// <summary>
/// Case-insensitive (ordinal) matching of operation names against RBAC patterns, where <c>*</c> matches any run of
/// characters including <c>/</c>. Runs in time linear in the input for any number of <c>*</c>: the literal pieces
/// between stars are matched greedily left to right, which is exact for patterns whose only wildcard is <c>*</c>.
/// </summary>
internal static class ActionPattern
{
    public static bool MatchesAny(string action, ImmutableArray<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (Matches(action, pattern))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Matches(ReadOnlySpan<char> action, ReadOnlySpan<char> pattern)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return action.Equals(pattern, StringComparison.OrdinalIgnoreCase);
        }

        // Leading literal must be a prefix.
        if (!action.StartsWith(pattern[..star], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var lastStar = pattern.LastIndexOf('*');
        var suffix = pattern[(lastStar + 1)..];
        if (action.Length - star < suffix.Length || !action.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (lastStar == star)
        {
            return true;
        }

        // Middle pieces, greedily, within the window between prefix and suffix.
        var window = action[star..(action.Length - suffix.Length)];
        var middle = pattern[(star + 1)..lastStar];
        while (!middle.IsEmpty)
        {
            var next = middle.IndexOf('*');
            var piece = next < 0 ? middle : middle[..next];
            middle = next < 0 ? [] : middle[(next + 1)..];
            if (piece.IsEmpty)
            {
                continue;
            }

            var at = window.IndexOf(piece, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            window = window[(at + piece.Length)..];
        }

        return true;
    }
}
