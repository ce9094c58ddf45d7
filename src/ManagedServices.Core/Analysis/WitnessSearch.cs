using ManagedServices.Access;

namespace ManagedServices.Analysis;

/// <summary>
/// The operation-name grammar of <see cref="RequestText.IsValidAction"/> as an 8-state automaton over folded
/// characters (a test checks both agree): a namespace of two or more '.'-separated labels of letters and digits, '/',
/// then '/'-separated segments of letters, digits and <c>. - _ : { } $</c>, none empty, <c>.</c> or <c>..</c>. The
/// length limit (1024) is applied by the search, which finds shortest names first.
/// </summary>
internal static class OperationGrammar
{
    /// <summary>The folded characters an operation name may contain, in the order the search tries them.</summary>
    public const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789./-_:{}$";

    public const int Start = 0;
    public const int Dead = -1;

    public static bool Accepts(int state) => state == 7;

    public static int Step(int state, char c)
    {
        var alnum = c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
        var segment = alnum || c is '.' or '-' or '_' or ':' or '{' or '}' or '$';
        return state switch
        {
            0 => alnum ? 1 : Dead,                                   // first label
            1 => alnum ? 1 : c == '.' ? 2 : Dead,
            2 => alnum ? 3 : Dead,                                   // a label after a '.'
            3 => alnum ? 3 : c == '.' ? 2 : c == '/' ? 4 : Dead,
            4 => c == '.' ? 5 : segment ? 7 : Dead,                  // segment start
            5 => c == '.' ? 6 : segment ? 7 : Dead,                  // "."
            6 => segment ? 7 : Dead,                                 // ".."
            7 => segment ? 7 : c == '/' ? 4 : Dead,                  // a proper segment
            _ => Dead,
        };
    }
}

/// <summary>
/// A finite set of operation names (folded, sorted) walked one character at a time: a state is the range of names
/// that start with the text read so far. Used to take exact names out of a language (data-only operations, the four
/// Microsoft.ManagedServices operations) without building a trie.
/// </summary>
internal sealed class NameSet
{
    private readonly string[] _names;

    public NameSet(IEnumerable<string> names) =>
        _names = [.. names.Select(static n => string.Concat(n.Select(GlobSet.Fold))).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public int Count => _names.Length;

    /// <summary>The characters of the names (folded).</summary>
    public IEnumerable<char> Characters => _names.SelectMany(static n => n);

    /// <summary>The range after reading <paramref name="c"/> at <paramref name="depth"/> from [lo, hi); empty when lo == hi.</summary>
    public (int Lo, int Hi) Step(int lo, int hi, int depth, char c) =>
        (LowerBound(lo, hi, depth, c), LowerBound(lo, hi, depth, (char)(c + 1)));

    /// <summary>The name equal to the text read (its length is <paramref name="depth"/>), or null.</summary>
    public string? Exact(int lo, int hi, int depth) => lo < hi && _names[lo].Length == depth ? _names[lo] : null;

    private int LowerBound(int lo, int hi, int depth, char c)
    {
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var name = _names[mid];
            var key = name.Length > depth ? name[depth] : -1;
            if (key < c)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}

/// <summary>The outcome of a search: a shortest name, none (the language is empty), or undecided within the budget.</summary>
internal readonly record struct SearchOutcome(string? Witness, bool Undecided);

/// <summary>
/// Breadth-first search of the product automaton of the operation grammar, the pattern, a block's Actions, the
/// complement of its NotActions and the complement of a finite set of excluded names. The product is built lazily from
/// the start state, so only reachable states exist; the first accepting state found gives a shortest witness, and
/// exhausting the reachable states proves the language empty. Pruned: a dead grammar state, no live pattern or Actions
/// state, NotActions that match every continuation.
/// </summary>
internal static class WitnessSearch
{
    /// <summary>The most product states one search may create before it gives up (undecided; callers fail closed).</summary>
    public const int DefaultMaxStates = 200_000;

    /// <param name="pattern">The pattern asked about.</param>
    /// <param name="actions">The block's Actions.</param>
    /// <param name="notActions">The block's NotActions.</param>
    /// <param name="excluded">
    /// The names taken out of the language (folded or not). Only those in the language matter, so only they enter
    /// the product (for most questions none or a few: the search stays as small as the globs).
    /// </param>
    /// <param name="alphabet">The folded characters to use (the full operation alphabet, or a smaller one in tests).</param>
    /// <param name="maxLength">The longest name considered.</param>
    /// <param name="maxStates">The state budget.</param>
    public static SearchOutcome Shortest(
        GlobSet pattern, GlobSet actions, GlobSet notActions, IEnumerable<string> excluded,
        string alphabet, int maxLength, int maxStates = DefaultMaxStates)
    {
        var names = new NameSet(excluded.Where(n => pattern.Matches(n) && actions.Matches(n) && !notActions.Matches(n)));
        alphabet = Reduce(alphabet, pattern, actions, notActions, names);
        var wp = pattern.Words;
        var wa = actions.Words;
        var wn = notActions.Words;
        var size = 2 + wp + wa + wn;
        var start = new ulong[size];
        start[0] = Pack(OperationGrammar.Start, 0);
        start[1] = Range(0, names.Count);
        pattern.Start(start.AsSpan(2, wp));
        actions.Start(start.AsSpan(2 + wp, wa));
        notActions.Start(start.AsSpan(2 + wp + wa, wn));

        var states = new List<ulong[]> { start };
        var parent = new List<int> { -1 };
        var via = new List<char> { '\0' };
        var length = new List<int> { 0 };
        var seen = new Dictionary<ulong[], int>(KeyComparer.Instance) { [start] = 0 };
        if (Live(start) && Accepting(start, 0))
        {
            return new SearchOutcome("", false);
        }

        for (var at = 0; at < states.Count; at++)
        {
            var s = states[at];
            if (length[at] >= maxLength || !Live(s))
            {
                continue;
            }

            var (grammar, depth) = Unpack(s[0]);
            var (lo, hi) = UnRange(s[1]);
            foreach (var c in alphabet)
            {
                var g = OperationGrammar.Step(grammar, c);
                if (g == OperationGrammar.Dead)
                {
                    continue;
                }

                var next = new ulong[size];
                var (nlo, nhi) = depth < 0 || lo >= hi ? (0, 0) : names.Step(lo, hi, depth, c);
                var inSet = nlo < nhi;
                next[0] = Pack(g, inSet ? depth + 1 : -1);
                next[1] = inSet ? Range(nlo, nhi) : 0;
                pattern.Step(s.AsSpan(2, wp), c, next.AsSpan(2, wp));
                actions.Step(s.AsSpan(2 + wp, wa), c, next.AsSpan(2 + wp, wa));
                notActions.Step(s.AsSpan(2 + wp + wa, wn), c, next.AsSpan(2 + wp + wa, wn));
                if (!Live(next) || seen.ContainsKey(next))
                {
                    continue;
                }

                if (states.Count >= maxStates)
                {
                    return new SearchOutcome(null, true);
                }

                seen[next] = states.Count;
                states.Add(next);
                parent.Add(at);
                via.Add(c);
                length.Add(length[at] + 1);
                if (Accepting(next, length[at] + 1))
                {
                    return new SearchOutcome(Trace(states.Count - 1), false);
                }
            }
        }

        return new SearchOutcome(null, false);

        bool Live(ulong[] s) =>
            !GlobSet.IsEmpty(s.AsSpan(2, wp)) && !GlobSet.IsEmpty(s.AsSpan(2 + wp, wa)) &&
            !notActions.IsUniversal(s.AsSpan(2 + wp + wa, wn));

        bool Accepting(ulong[] s, int len)
        {
            var (grammar, depth) = Unpack(s[0]);
            if (!OperationGrammar.Accepts(grammar) || !pattern.Accepts(s.AsSpan(2, wp)) ||
                !actions.Accepts(s.AsSpan(2 + wp, wa)) || notActions.Accepts(s.AsSpan(2 + wp + wa, wn)))
            {
                return false;
            }

            var (lo, hi) = UnRange(s[1]);
            return depth != len || names.Exact(lo, hi, depth) is null;
        }

        string Trace(int i)
        {
            var chars = new char[length[i]];
            for (var k = chars.Length - 1; k >= 0; k--)
            {
                chars[k] = via[i];
                i = parent[i];
            }

            return new string(chars);
        }
    }

    /// <summary>
    /// The characters worth trying: those in a glob literal or an excluded name, plus one of each grammar class not
    /// among them (letters and digits; other segment characters). Characters outside the globs and names behave alike
    /// in every automaton of the product, so one stands for all and shortest lengths are kept.
    /// </summary>
    private static string Reduce(string alphabet, GlobSet pattern, GlobSet actions, GlobSet notActions, NameSet names)
    {
        var used = new HashSet<char>(pattern.Literals.Concat(actions.Literals).Concat(notActions.Literals).Concat(names.Characters)) { '.', '/' };
        var keep = new List<char>();
        bool alnum = false, other = false;
        foreach (var c in alphabet)
        {
            if (used.Contains(c))
            {
                keep.Add(c);
                continue;
            }

            ref var seen = ref (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? ref alnum : ref other);
            if (!seen)
            {
                seen = true;
                keep.Add(c);
            }
        }

        return new string([.. keep]);
    }

    private static ulong Pack(int grammar, int depth) => (uint)grammar | ((ulong)(uint)depth << 32);

    private static (int Grammar, int Depth) Unpack(ulong v) => ((int)(uint)v, (int)(uint)(v >> 32));

    private static ulong Range(int lo, int hi) => (uint)lo | ((ulong)(uint)hi << 32);

    private static (int Lo, int Hi) UnRange(ulong v) => ((int)(uint)v, (int)(uint)(v >> 32));

    private sealed class KeyComparer : IEqualityComparer<ulong[]>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(ulong[]? x, ulong[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(ulong[] obj)
        {
            var h = new HashCode();
            foreach (var w in obj)
            {
                h.Add(w);
            }

            return h.ToHashCode();
        }
    }
}
