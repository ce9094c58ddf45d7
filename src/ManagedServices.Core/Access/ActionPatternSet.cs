namespace ManagedServices.Access;

/// <summary>
/// A list of operation patterns prepared for matching: <c>*</c> alone, exact names and wildcard patterns are kept
/// apart so that the common cases need no glob. Matching is ordinal and case-insensitive.
/// </summary>
internal sealed class ActionPatternSet
{
    private readonly bool _any;
    private readonly string[] _exact;
    private readonly string[] _wild;

    private ActionPatternSet(bool any, string[] exact, string[] wild)
    {
        _any = any;
        _exact = exact;
        _wild = wild;
    }

    /// <summary>A set that matches every action.</summary>
    public static ActionPatternSet All { get; } = new(true, [], []);

    /// <summary>True when the set matches every action (it holds <c>*</c>).</summary>
    public bool MatchesEverything => _any;

    /// <summary>True when the set matches nothing.</summary>
    public bool IsEmpty => !_any && _exact.Length == 0 && _wild.Length == 0;

    /// <summary>Prepares patterns: each is trimmed, and empty ones are dropped.</summary>
    public static ActionPatternSet Compile(IEnumerable<string> patterns)
    {
        var exact = new List<string>();
        var wild = new List<string>();
        var any = false;
        foreach (var raw in patterns)
        {
            var p = raw.Trim();
            if (p.Length == 0)
            {
                continue;
            }

            if (p == "*")
            {
                any = true;
            }
            else if (p.Contains('*', StringComparison.Ordinal))
            {
                wild.Add(p);
            }
            else
            {
                exact.Add(p);
            }
        }

        return new ActionPatternSet(any, [.. exact], [.. wild]);
    }

    /// <summary>The patterns of the set, trimmed, empty ones dropped (<c>*</c> first when the set holds it); for the analysis.</summary>
    public IEnumerable<string> Patterns => _any ? ["*", .. _exact, .. _wild] : [.. _exact, .. _wild];

    public bool Matches(ReadOnlySpan<char> action) => FirstMatch(action) is not null;

    /// <summary>The first pattern that matches <paramref name="action"/> (<c>*</c> when the set holds it), or null.</summary>
    public string? FirstMatch(ReadOnlySpan<char> action)
    {
        if (_any)
        {
            return "*";
        }

        foreach (var e in _exact)
        {
            if (action.Equals(e, StringComparison.OrdinalIgnoreCase))
            {
                return e;
            }
        }

        foreach (var w in _wild)
        {
            if (ActionPattern.Matches(action, w))
            {
                return w;
            }
        }

        return null;
    }
}
