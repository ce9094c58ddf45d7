namespace ManagedServices.Analysis;

/// <summary>
/// A union of Azure operation globs as one small nondeterministic automaton: a glob of length n has n + 1 states
/// (state i: the first i characters of the glob are matched), <c>*</c> loops on any character (including <c>/</c>)
/// and may match nothing. Matching is case-insensitive: globs and input are folded to ASCII lower case, as
/// <see cref="ActionPattern.Matches"/> compares (ordinal, ignoring case; operation names are ASCII). A state of the
/// set is a bit set over every glob's positions; <see cref="Step"/> is the subset construction done lazily.
/// </summary>
internal sealed class GlobSet
{
    private readonly string[] _globs;
    private readonly int[] _offsets;
    private readonly bool[] _universalFrom; // by bit: the rest of the glob is only '*' (every continuation matches)

    public GlobSet(IEnumerable<string> globs)
    {
        _globs = [.. globs.Select(Fold)];
        _offsets = new int[_globs.Length];
        var bits = 0;
        for (var g = 0; g < _globs.Length; g++)
        {
            _offsets[g] = bits;
            bits += _globs[g].Length + 1;
        }

        Bits = bits;
        Words = Math.Max(1, (bits + 63) / 64);
        _universalFrom = new bool[bits];
        for (var g = 0; g < _globs.Length; g++)
        {
            var glob = _globs[g];
            for (var i = glob.Length; i >= 0; i--)
            {
                // Only a run of '*' to the end matches every continuation; the end state matches only the empty one.
                _universalFrom[_offsets[g] + i] = i < glob.Length && glob[i] == '*' && (i + 1 == glob.Length || _universalFrom[_offsets[g] + i + 1]);
            }
        }
    }

    /// <summary>The number of automaton states (bits of a state set).</summary>
    public int Bits { get; }

    /// <summary>The length of a state set in 64-bit words.</summary>
    public int Words { get; }

    /// <summary>ASCII lower case (operation names and patterns are compared ignoring case, ordinally).</summary>
    public static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;

    private static string Fold(string s) => string.Create(s.Length, s, static (span, text) =>
    {
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = Fold(text[i]);
        }
    });

    /// <summary>
    /// False only when no name can match both globs: a glob without <c>*</c> is decided exactly; otherwise the literal
    /// prefixes (before the first <c>*</c>) must be prefixes of one another and the literal suffixes (after the last)
    /// suffixes of one another, ignoring case. True does not mean they overlap.
    /// </summary>
    public static bool MayOverlap(string a, string b)
    {
        if (!a.Contains('*', StringComparison.Ordinal))
        {
            return ActionPattern.Matches(a, b);
        }

        if (!b.Contains('*', StringComparison.Ordinal))
        {
            return ActionPattern.Matches(b, a);
        }

        var pa = a.AsSpan(0, a.IndexOf('*', StringComparison.Ordinal));
        var pb = b.AsSpan(0, b.IndexOf('*', StringComparison.Ordinal));
        var sa = a.AsSpan(a.LastIndexOf('*') + 1);
        var sb = b.AsSpan(b.LastIndexOf('*') + 1);
        return (pa.Length <= pb.Length ? pb.StartsWith(pa, StringComparison.OrdinalIgnoreCase) : pa.StartsWith(pb, StringComparison.OrdinalIgnoreCase)) &&
               (sa.Length <= sb.Length ? sb.EndsWith(sa, StringComparison.OrdinalIgnoreCase) : sa.EndsWith(sb, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The characters of the globs other than <c>*</c> (folded).</summary>
    public IEnumerable<char> Literals => _globs.SelectMany(static g => g).Where(static c => c != '*');

    /// <summary>True when some glob matches <paramref name="name"/> (the automaton run on it).</summary>
    public bool Matches(string name)
    {
        Span<ulong> a = stackalloc ulong[Words];
        Span<ulong> b = stackalloc ulong[Words];
        Start(a);
        foreach (var c in name)
        {
            Step(a, Fold(c), b);
            b.CopyTo(a);
        }

        return Accepts(a);
    }

    /// <summary>The start state set: position 0 of every glob, closed under "<c>*</c> matches nothing".</summary>
    public void Start(Span<ulong> state)
    {
        state.Clear();
        for (var g = 0; g < _globs.Length; g++)
        {
            Set(state, _offsets[g]);
        }

        Close(state);
    }

    /// <summary>The state set after reading <paramref name="c"/> (already folded) from <paramref name="from"/>.</summary>
    public void Step(ReadOnlySpan<ulong> from, char c, Span<ulong> to)
    {
        to.Clear();
        for (var g = 0; g < _globs.Length; g++)
        {
            var glob = _globs[g];
            var o = _offsets[g];
            for (var i = 0; i < glob.Length; i++)
            {
                if (!IsSet(from, o + i))
                {
                    continue;
                }

                if (glob[i] == '*')
                {
                    Set(to, o + i);
                }
                else if (glob[i] == c)
                {
                    Set(to, o + i + 1);
                }
            }
        }

        Close(to);
    }

    /// <summary>True when some glob has matched the whole input.</summary>
    public bool Accepts(ReadOnlySpan<ulong> state)
    {
        for (var g = 0; g < _globs.Length; g++)
        {
            if (IsSet(state, _offsets[g] + _globs[g].Length))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when no glob can match any continuation.</summary>
    public static bool IsEmpty(ReadOnlySpan<ulong> state)
    {
        foreach (var w in state)
        {
            if (w != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every continuation (the empty one included) matches some glob.</summary>
    public bool IsUniversal(ReadOnlySpan<ulong> state)
    {
        for (var b = 0; b < Bits; b++)
        {
            if (_universalFrom[b] && IsSet(state, b))
            {
                return true;
            }
        }

        return false;
    }

    private void Close(Span<ulong> state)
    {
        // A '*' may match nothing: from position i on a '*', position i + 1 is reached too (ascending, so chains close).
        for (var g = 0; g < _globs.Length; g++)
        {
            var glob = _globs[g];
            var o = _offsets[g];
            for (var i = 0; i < glob.Length; i++)
            {
                if (glob[i] == '*' && IsSet(state, o + i))
                {
                    Set(state, o + i + 1);
                }
            }
        }
    }

    private static bool IsSet(ReadOnlySpan<ulong> s, int bit) => (s[bit >> 6] & (1UL << (bit & 63))) != 0;

    private static void Set(Span<ulong> s, int bit) => s[bit >> 6] |= 1UL << (bit & 63);
}
