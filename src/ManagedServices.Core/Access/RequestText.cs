using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ManagedServices.Access;

/// <summary>What the evaluator needs from a request scope: its level, subscription and resource group.</summary>
internal ref struct ScopeParts
{
    public ScopeKind Kind;

    /// <summary>The subscription GUID text (36 characters), empty above subscription level.</summary>
    public ReadOnlySpan<char> Subscription;

    /// <summary>True when <see cref="Subscription"/> has not been checked to be a GUID yet (the fast path defers it).</summary>
    public bool SubscriptionUnchecked;
    public ReadOnlySpan<char> ResourceGroup;
}

/// <summary>
/// Allocation-free validation of request text. Scopes are accepted exactly when <see cref="ScopeParser.Scan"/>
/// accepts them (pure ASCII input takes a vectorized path; anything else defers to the parser).
/// </summary>
internal static class RequestText
{
    /// <summary>Longest accepted action name.</summary>
    public const int MaxActionLength = 1024;

    /// <summary>Why an action is refused by <see cref="IsValidAction"/>, in words.</summary>
    public const string MalformedActionMessage =
        "the action is not a well-formed operation name (a provider namespace such as 'Microsoft.Compute', then '/'-separated segments of ASCII letters, digits and '. - _ : { } $', at most 1024 characters, no '*', whitespace or trailing '/')";

    // The characters of an operation name: those Azure's own operation list uses (ASCII letters and digits, and
    // '.', '-', '_', ':', '{', '}', '$' inside segments), plus the '/' separator. Derived from the published
    // operation list; a test reads that list and parses every entry.
    private static readonly SearchValues<char> OperationChars = SearchValues.Create(
        "$-./0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz{}");

    // The ASCII characters ScopeParser accepts inside segments, plus '/'.
    private static readonly SearchValues<char> ScopeChars = SearchValues.Create(
        "!$&'()+,-./0123456789:;=@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{}~");

    // The characters of a resource provider namespace: ASCII letters, digits and '.'.
    private static readonly SearchValues<char> NamespaceChars = SearchValues.Create(
        ".0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>
    /// True when <paramref name="action"/> is a well-formed operation name of at most 1024 characters: a resource
    /// provider namespace (ASCII letters and digits in two or more '.'-separated labels, as in <c>Microsoft.Compute</c>),
    /// then one or more '/'-separated segments of ASCII letters, digits and <c>. - _ : { } $</c>; no empty,
    /// <c>.</c> or <c>..</c> segment and no trailing '/'. So no <c>*</c>, <c>?</c>, <c>#</c>, whitespace, control or
    /// non-ASCII character. The last segment may be anything of that shape (<c>read</c>, <c>write</c>,
    /// <c>delete</c>, <c>action</c>, or another verb). Allocation-free: a few vectorized searches.
    /// </summary>
    public static bool IsValidAction(ReadOnlySpan<char> action)
    {
        if (action.IsEmpty || action.Length > MaxActionLength || action.ContainsAnyExcept(OperationChars))
        {
            return false;
        }

        var slash = action.IndexOf('/');
        if (slash <= 0 || !IsOperationNamespace(action[..slash]))
        {
            return false;
        }

        // The segments: at least one, none empty (no "//", no trailing '/'), none "." or "..".
        var rest = action[(slash + 1)..];
        if (rest.IsEmpty || rest[0] == '/' || rest[^1] == '/' || rest.IndexOf("//") >= 0)
        {
            return false;
        }

        return !HasDotSegment(rest);
    }

    /// <summary>Two or more non-empty labels of ASCII letters and digits separated by single dots.</summary>
    private static bool IsOperationNamespace(ReadOnlySpan<char> ns) =>
        !ns.ContainsAnyExcept(NamespaceChars) && ns[0] != '.' && ns[^1] != '.' && ns.Contains('.') && ns.IndexOf("..") < 0;

    /// <summary>True when a '/'-separated segment of <paramref name="path"/> (no leading '/') is "." or "..".</summary>
    private static bool HasDotSegment(ReadOnlySpan<char> path)
    {
        // A dot segment starts the path or follows a '/'; only those places are looked at.
        var at = 0;
        while (true)
        {
            if (path[at] == '.')
            {
                var end = path[at..].IndexOf('/');
                var segment = end < 0 ? path[at..] : path.Slice(at, end);
                if (segment is "." or "..")
                {
                    return true;
                }
            }

            var next = path[at..].IndexOf("/.");
            if (next < 0)
            {
                return false;
            }

            at += next + 1;
        }
    }

    /// <summary>
    /// A hash that is equal for strings equal under <see cref="StringComparison.OrdinalIgnoreCase"/> (ASCII): every
    /// character is folded with <c>| 0x20</c> (which maps 'A'-'Z' onto 'a'-'z'), so strings that differ only in ASCII
    /// letter case hash alike. Strings of 16 characters or more are read 16 characters at a time into two independent
    /// vector accumulators (one rotate and add per block, blocks alternating between them, so two blocks are in flight
    /// at once), the last 16 characters overlapping the previous block; the two accumulators' eight 64-bit lanes are
    /// mixed at the end in two independent chains. Hashing a 150-character scope costs about five steps per accumulator.
    /// </summary>
    public static int HashIgnoreCase(ReadOnlySpan<char> s)
    {
        const ulong Prime = 0x9E37_79B9_7F4A_7C15UL;
        var h = (ulong)s.Length * Prime;
        if (Vector256.IsHardwareAccelerated && s.Length >= 16)
        {
            ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
            var fold = Vector256.Create((ushort)0x20);
            var even = Vector256<ulong>.Zero;
            var odd = Vector256<ulong>.Zero;
            var last = (nuint)(s.Length - 16);
            nuint i = 0;
            for (; i + 16 < last; i += 32)
            {
                even = ((even << 23) | (even >> 41)) + (Vector256.LoadUnsafe(ref start, i) | fold).AsUInt64();
                odd = ((odd << 23) | (odd >> 41)) + (Vector256.LoadUnsafe(ref start, i + 16) | fold).AsUInt64();
            }

            if (i < last)
            {
                even = ((even << 23) | (even >> 41)) + (Vector256.LoadUnsafe(ref start, i) | fold).AsUInt64();
            }

            // The last 16 characters (overlapping the previous block when the length is not a multiple of 16).
            odd = ((odd << 23) | (odd >> 41)) + (Vector256.LoadUnsafe(ref start, last) | fold).AsUInt64();
            var acc = even ^ ((odd << 31) | (odd >> 33));
            var a = Mix(h ^ acc.GetElement(0) ^ BitOperations.RotateLeft(acc.GetElement(1), 17));
            var b = Mix(Prime ^ acc.GetElement(2) ^ BitOperations.RotateLeft(acc.GetElement(3), 43));
            h = Mix(a ^ BitOperations.RotateLeft(b, 29));
            return (int)(h ^ (h >> 32));
        }

        var words = MemoryMarshal.Cast<char, ulong>(s);
        const ulong Fold = 0x0020_0020_0020_0020UL;
        foreach (var w in words)
        {
            h = (BitOperations.RotateLeft(h, 23) ^ (w | Fold)) * Prime;
        }

        for (var i = words.Length * 4; i < s.Length; i++)
        {
            h = (BitOperations.RotateLeft(h, 23) ^ (ulong)(s[i] | 0x20)) * Prime;
        }

        h = Mix(h);
        return (int)(h ^ (h >> 32));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong h)
    {
        h ^= h >> 31;
        h *= 0xBF58_476D_1CE4_E5B9UL;
        h ^= h >> 29;
        return h;
    }

    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> are the same string, or hold the same ASCII characters
    /// ignoring the case of ASCII letters only (<see cref="Ascii.EqualsIgnoreCase(ReadOnlySpan{char}, ReadOnlySpan{char})"/>:
    /// any non-ASCII character makes them unequal, and '@' is not '`'). Equality in this sense keeps every property the
    /// request grammar checks, so a memo entry made for a validated text proves that an equal text is valid too.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AsciiEqualsIgnoreCase(string a, string b) =>
        ReferenceEquals(a, b) || (a.Length == b.Length && Ascii.EqualsIgnoreCase(a, b));

    // ASCII resource group name characters (char.IsLetterOrDigit on ASCII, '_', '-', '.', '(', ')').
    private static readonly SearchValues<char> ResourceGroupChars = SearchValues.Create(
        "()-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    /// <summary>Validates a request scope and extracts its parts. Returns false exactly when the parser refuses it.</summary>
    public static bool TryScanScope(ReadOnlySpan<char> s, out ScopeParts parts)
    {
        // One trailing '/' is ignored, as ScopeParser (and Azure.Core's ResourceIdentifier) ignore it.
        var full = s;
        s = ScopeParser.TrimTrailingSlash(s);

        // Fast path: ASCII "/subscriptions/{guid}[/resourceGroups/{name}][/providers/...]".
        if (s.Length >= 51 && s.Length <= ScopeParser.MaxLength && s[0] == '/' &&
            s.Slice(1, 14).Equals("subscriptions/", StringComparison.OrdinalIgnoreCase) &&
            !s.ContainsAnyExcept(ScopeChars))
        {
            // The GUID is checked later, and only when no index entry matches it (a match proves it valid).
            parts = default;
            parts.Subscription = s.Slice(15, 36);
            parts.SubscriptionUnchecked = true;

            if (s.Length == 51)
            {
                parts.Kind = ScopeKind.Subscription;
                return true;
            }

            if (s[51] != '/')
            {
                return false;
            }

            var rest = s[52..];
            if (rest.Length >= 15 && rest[..15].Equals("resourceGroups/", StringComparison.OrdinalIgnoreCase))
            {
                var name = rest[15..];
                var slash = name.IndexOf('/');
                var rg = slash < 0 ? name : name[..slash];
                if (rg.IsEmpty || rg.Length > 90 || rg[^1] == '.' || rg.ContainsAnyExcept(ResourceGroupChars))
                {
                    return false;
                }

                parts.ResourceGroup = rg;
                if (slash < 0)
                {
                    parts.Kind = ScopeKind.ResourceGroup;
                    return true;
                }

                rest = name[(slash + 1)..];
            }

            return ScanProviders(rest, ref parts);
        }

        return TryScanScopeGeneral(full, out parts);
    }

    /// <summary>The provider part after the subscription or resource group ("providers/{ns}/{type}/{name}...").</summary>
    private static bool ScanProviders(ReadOnlySpan<char> rest, ref ScopeParts parts)
    {
        // Segments count from the start of the scope: 2 or 4 so far.
        var e = new Segments(rest, start: 0, counted: parts.ResourceGroup.IsEmpty ? 2 : 4);
        if (!e.Next(out var seg))
        {
            return false;
        }

        if (!ScanProviderSections(ref e, seg))
        {
            return false;
        }

        parts.Kind = ScopeKind.Resource;
        return true;
    }

    /// <summary>
    /// Scans provider sections: <paramref name="seg"/> must be "providers", then a namespace, then (type, name) pairs;
    /// "providers" after a complete pair starts another section (an extension resource). True when the rest of the
    /// scope is a well-formed resource path.
    /// </summary>
    private static bool ScanProviderSections(ref Segments e, ReadOnlySpan<char> seg)
    {
        while (true)
        {
            if (!seg.Equals(ScopeParser.ProvidersKeyword, StringComparison.OrdinalIgnoreCase) ||
                !e.Next(out var ns) || !IsNamespace(ns))
            {
                return false;
            }

            var pairs = 0;
            while (true)
            {
                if (e.AtEnd)
                {
                    if (pairs == 0)
                    {
                        return false;
                    }

                    return true;
                }

                if (!e.Next(out seg))
                {
                    return false;
                }

                if (pairs > 0 && seg.Equals(ScopeParser.ProvidersKeyword, StringComparison.OrdinalIgnoreCase))
                {
                    break;
                }

                if (e.AtEnd || !e.Next(out _))
                {
                    return false;
                }

                pairs++;
            }
        }
    }

    private static bool TryScanScopeGeneral(ReadOnlySpan<char> full, out ScopeParts parts)
    {
        parts = default;
        var s = ScopeParser.TrimTrailingSlash(full);
        if (s.IsEmpty || s.Length > ScopeParser.MaxLength || s[0] != '/')
        {
            return false;
        }

        if (s.Length == 1)
        {
            parts.Kind = ScopeKind.TenantRoot;
            return true;
        }

        if (s.ContainsAnyExcept(ScopeChars))
        {
            // Non-ASCII or refused characters: the parser decides, then the structure is read below.
            if (ScopeParser.Scan(full, out _, out _) == ScopeKind.None)
            {
                return false;
            }
        }

        var e = new Segments(s);
        if (!e.Next(out var first))
        {
            return false;
        }

        if (first.Equals(ScopeParser.ProvidersKeyword, StringComparison.OrdinalIgnoreCase))
        {
            if (e.Next(out var ns) && ns.Equals(ScopeParser.ManagementNamespace, StringComparison.OrdinalIgnoreCase) &&
                e.Next(out var mg) && mg.Equals(ScopeParser.ManagementGroupsKeyword, StringComparison.OrdinalIgnoreCase) &&
                e.Next(out _) && e.AtEnd)
            {
                parts.Kind = ScopeKind.ManagementGroup;
                return true;
            }

            return false;
        }

        if (!first.Equals(ScopeParser.SubscriptionsKeyword, StringComparison.OrdinalIgnoreCase) ||
            !e.Next(out var sub) || !GuidKey.TryParse(sub, out _))
        {
            return false;
        }

        parts.Subscription = sub;

        if (e.AtEnd)
        {
            parts.Kind = ScopeKind.Subscription;
            return true;
        }

        if (!e.Next(out var seg))
        {
            return false;
        }

        if (seg.Equals(ScopeParser.ResourceGroupsKeyword, StringComparison.OrdinalIgnoreCase))
        {
            if (!e.Next(out var rg) || !ScopeParser.IsResourceGroupName(rg))
            {
                return false;
            }

            parts.ResourceGroup = rg;
            if (e.AtEnd)
            {
                parts.Kind = ScopeKind.ResourceGroup;
                return true;
            }

            if (!e.Next(out seg))
            {
                return false;
            }
        }

        if (!ScanProviderSections(ref e, seg))
        {
            return false;
        }

        parts.Kind = ScopeKind.Resource;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNamespace(ReadOnlySpan<char> s)
    {
        var dot = s.IndexOf('.');
        return dot > 0 && s[^1] != '.';
    }

    /// <summary>
    /// Reads '/'-separated segments, refusing empty, '.' and '..' segments and more than 128 of them. The separators
    /// are found 16 characters at a time (a vector compare gives a bit mask), not with one search per segment.
    /// </summary>
    private ref struct Segments
    {
        private const int Block = 16;
        private readonly ReadOnlySpan<char> _s;
        private int _next;
        private int _count;
        private int _block;
        private uint _mask;

        public Segments(ReadOnlySpan<char> s, int start = 1, int counted = 0)
        {
            _s = s;
            _next = start;
            _count = counted;
            _block = start - Block; // the first NextSlash loads the block at start
        }

        public readonly bool AtEnd => _next > _s.Length;

        public bool Next(out ReadOnlySpan<char> segment)
        {
            if (_next > _s.Length)
            {
                segment = default;
                return false;
            }

            var slash = NextSlash();
            var end = slash < 0 ? _s.Length : slash;
            segment = _s[_next..end];
            _next = end + 1;
            return !segment.IsEmpty && !(segment is "." or "..") && ++_count <= ScopeParser.MaxSegments;
        }

        /// <summary>The position of the next '/' (each is returned once, in order), or -1.</summary>
        private int NextSlash()
        {
            while (_mask == 0)
            {
                _block += Block;
                if (_block >= _s.Length)
                {
                    _block = _s.Length;
                    return -1;
                }

                _mask = SlashMask(_s, _block);
            }

            var at = _block + BitOperations.TrailingZeroCount(_mask);
            _mask &= _mask - 1;
            return at;
        }

        /// <summary>Bit i is set when s[at + i] is '/', for the (up to) 16 characters from <paramref name="at"/>.</summary>
        private static uint SlashMask(ReadOnlySpan<char> s, int at)
        {
            var remaining = s.Length - at;
            if (remaining >= Block)
            {
                var chars = Vector256.Create(MemoryMarshal.Cast<char, ushort>(s.Slice(at, Block)));
                return Vector256.Equals(chars, Vector256.Create((ushort)'/')).ExtractMostSignificantBits();
            }

            if (s.Length >= Block)
            {
                // The last 16 characters, shifted so bit 0 is s[at].
                return SlashMask(s, s.Length - Block) >> (Block - remaining);
            }

            var mask = 0u;
            for (var i = 0; i < remaining; i++)
            {
                mask |= s[at + i] == '/' ? 1u << i : 0;
            }

            return mask;
        }
    }
}
