namespace ManagedServices;

/// <summary>
/// Allocation-free validation of ARM resource IDs, shared by <see cref="ResourceScope"/> and the access evaluator.
/// All messages are constants, so a failed scan allocates nothing.
/// </summary>
internal static class ScopeParser
{
    /// <summary>Longest accepted scope, in characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>Most accepted segments.</summary>
    public const int MaxSegments = 128;

    internal const string SubscriptionsKeyword = "subscriptions";
    internal const string ResourceGroupsKeyword = "resourceGroups";
    internal const string ProvidersKeyword = "providers";
    internal const string ManagementNamespace = "Microsoft.Management";
    internal const string ManagementGroupsKeyword = "managementGroups";

    /// <summary>
    /// Validates <paramref name="s"/>. Returns the kind, or <see cref="ScopeKind.None"/> with a reason.
    /// <paramref name="canonical"/> is true when the text already has the normalized form (keywords in canonical
    /// case, lower-case subscription GUID), so callers can keep the original string.
    /// </summary>
    public static ScopeKind Scan(ReadOnlySpan<char> s, out string? error, out bool canonical)
    {
        canonical = true;
        var trimmed = TrimTrailingSlash(s);
        if (trimmed.Length != s.Length)
        {
            canonical = false;
            s = trimmed;
        }

        if (s.IsEmpty)
        {
            error = "the scope is empty";
            return ScopeKind.None;
        }

        if (s.Length > MaxLength)
        {
            error = "the scope is longer than 4096 characters";
            return ScopeKind.None;
        }

        if (s[0] != '/')
        {
            error = "the scope must start with '/'";
            return ScopeKind.None;
        }

        if (s.Length == 1)
        {
            error = null;
            return ScopeKind.TenantRoot;
        }

        if (s[^1] == '/')
        {
            error = "the scope ends with an empty segment ('//')";
            return ScopeKind.None;
        }

        // Validate characters and segments once.
        var segments = 0;
        var start = 1;
        for (var i = 1; i <= s.Length; i++)
        {
            if (i < s.Length && s[i] != '/')
            {
                if (!IsAllowed(s[i]))
                {
                    error = "the scope contains a control, whitespace, escape or reserved character";
                    return ScopeKind.None;
                }

                continue;
            }

            var seg = s[start..i];
            if (seg.IsEmpty)
            {
                error = "the scope contains an empty segment ('//')";
                return ScopeKind.None;
            }

            if (seg is "." or "..")
            {
                error = "the scope contains a '.' or '..' segment";
                return ScopeKind.None;
            }

            if (++segments > MaxSegments)
            {
                error = "the scope has more than 128 segments";
                return ScopeKind.None;
            }

            start = i + 1;
        }

        var e = new SegmentEnumerator(s);
        e.MoveNext();
        var first = e.Current;
        if (Keyword(first, ProvidersKeyword, ref canonical))
        {
            if (e.MoveNext() && Keyword(e.Current, ManagementNamespace, ref canonical) &&
                e.MoveNext() && Keyword(e.Current, ManagementGroupsKeyword, ref canonical) &&
                e.MoveNext() && !e.MoveNext())
            {
                error = null;
                return ScopeKind.ManagementGroup;
            }

            error = "a scope starting with '/providers' must be '/providers/Microsoft.Management/managementGroups/{name}'";
            return ScopeKind.None;
        }

        if (!Keyword(first, SubscriptionsKeyword, ref canonical))
        {
            error = "the scope must start with '/subscriptions/{id}' (or be a management group or '/')";
            return ScopeKind.None;
        }

        if (!e.MoveNext() || !GuidText.TryParse(e.Current, out _))
        {
            error = "the subscription ID is not a GUID";
            return ScopeKind.None;
        }

        if (canonical && HasUpper(e.Current))
        {
            canonical = false;
        }

        if (!e.MoveNext())
        {
            error = null;
            return ScopeKind.Subscription;
        }

        if (Keyword(e.Current, ResourceGroupsKeyword, ref canonical))
        {
            if (!e.MoveNext())
            {
                error = "the resource group name is missing";
                return ScopeKind.None;
            }

            if (!IsResourceGroupName(e.Current))
            {
                error = "the resource group name is not valid";
                return ScopeKind.None;
            }

            if (!e.MoveNext())
            {
                error = null;
                return ScopeKind.ResourceGroup;
            }
        }

        return ScanProviders(ref e, ref canonical, out error);
    }

    /// <summary>
    /// <paramref name="s"/> without its one trailing '/', if it has one and is more than "/" followed by '/'.
    /// Azure.Core's <c>ResourceIdentifier</c> trims one trailing '/' off a resource ID before reading it
    /// (sdk/core/Azure.Core/src/ResourceIdentifier.cs: "trim trailing '/' off the end if it exists"); only one is
    /// trimmed, so "//" at the end stays an empty segment, and "//" alone is not the tenant root.
    /// </summary>
    internal static ReadOnlySpan<char> TrimTrailingSlash(ReadOnlySpan<char> s) =>
        s.Length > 2 && s[^1] == '/' ? s[..^1] : s;

    private static ScopeKind ScanProviders(ref SegmentEnumerator e, ref bool canonical, out string? error)
    {
        // e.Current must be "providers"; then namespace; then (type, name) pairs; optionally "providers" again.
        while (true)
        {
            if (!Keyword(e.Current, ProvidersKeyword, ref canonical))
            {
                error = "expected 'providers' or 'resourceGroups' after the subscription";
                return ScopeKind.None;
            }

            if (!e.MoveNext() || !IsNamespace(e.Current))
            {
                error = "the resource provider namespace is missing or not of the form 'Company.Provider'";
                return ScopeKind.None;
            }

            var pairs = 0;
            while (true)
            {
                if (!e.MoveNext())
                {
                    if (pairs == 0)
                    {
                        error = "the resource type and name are missing after the provider namespace";
                        return ScopeKind.None;
                    }

                    error = null;
                    return ScopeKind.Resource;
                }

                if (pairs > 0 && e.Current.Equals(ProvidersKeyword, StringComparison.OrdinalIgnoreCase))
                {
                    break; // extension resource: another provider section
                }

                if (!e.MoveNext())
                {
                    error = "a resource type has no resource name";
                    return ScopeKind.None;
                }

                pairs++;
            }
        }
    }

    /// <summary>
    /// For a path that <see cref="Scan"/> reads as <see cref="ScopeKind.Resource"/>, the length of its parent's path: the
    /// last (type, name) pair removed, and with it its "providers/{namespace}" section when that pair was the section's
    /// only one. Walks the path with <see cref="ScanProviders"/>' grammar, so a type or name spelled "providers" is read
    /// as what it is there, never as a section keyword by its text alone.
    /// </summary>
    internal static int ResourceParentLength(ReadOnlySpan<char> s)
    {
        var e = new SegmentEnumerator(s);
        e.MoveNext(); // subscriptions
        e.MoveNext(); // the subscription ID
        e.MoveNext(); // resourceGroups or providers
        if (e.Current.Equals(ResourceGroupsKeyword, StringComparison.OrdinalIgnoreCase))
        {
            e.MoveNext(); // the resource group name
            e.MoveNext(); // providers
        }

        var sectionStart = e.Start - 1;
        var pairStart = sectionStart;
        var pairs = 0;
        e.MoveNext(); // the namespace
        while (e.MoveNext())
        {
            if (pairs > 0 && e.Current.Equals(ProvidersKeyword, StringComparison.OrdinalIgnoreCase))
            {
                sectionStart = e.Start - 1;
                pairs = 0;
                e.MoveNext(); // the namespace
                continue;
            }

            pairStart = e.Start - 1;
            e.MoveNext(); // the name
            pairs++;
        }

        return pairs == 1 ? sectionStart : pairStart;
    }

    private static bool Keyword(ReadOnlySpan<char> segment, string keyword, ref bool canonical)
    {
        if (!segment.Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (canonical && !segment.SequenceEqual(keyword))
        {
            canonical = false;
        }

        return true;
    }

    private static bool HasUpper(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is >= 'A' and <= 'Z')
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAllowed(char c) =>
        !char.IsControl(c) && !char.IsWhiteSpace(c) && !char.IsSurrogate(c) &&
        c is not ('%' or '?' or '#' or '\\' or '"' or '<' or '>' or '*' or '|' or '\uFEFF' or '\u200B' or '\u200C' or '\u200D' or '\u2060');

    private static bool IsNamespace(ReadOnlySpan<char> s)
    {
        var dot = s.IndexOf('.');
        return dot > 0 && s[^1] != '.';
    }

    /// <summary>The resource group name rule in words, for diagnostics and errors.</summary>
    internal const string ResourceGroupNameRule =
        "1 to 90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.'";

    /// <summary>
    /// ARM's resource group name rule, the library's only copy of it: 1 to 90 characters, each a letter or digit as
    /// <see cref="char.IsLetterOrDigit(char)"/> defines them (so Unicode letters and decimal digits too), '_', '-', '.',
    /// '(' or ')'; not ending in '.'. Source: the Microsoft.Resources naming rules ("Underscores, hyphens, periods,
    /// parentheses, and letters or digits as defined by the Char.IsLetterOrDigit function"; "Can't end with period")
    /// and the REST spec's <c>resourceGroupName</c> (minLength 1, maxLength 90). Surrogate pairs are refused: a
    /// lone UTF-16 unit is not a letter, which errs towards refusing.
    /// </summary>
    internal static bool IsResourceGroupName(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > 90 || s[^1] == '.')
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Enumerates the '/'-separated segments of an already validated path (leading '/' skipped).</summary>
    internal ref struct SegmentEnumerator
    {
        private readonly ReadOnlySpan<char> _s;
        private int _next;

        public SegmentEnumerator(ReadOnlySpan<char> s)
        {
            _s = s;
            _next = 1;
            Current = default;
        }

        public ReadOnlySpan<char> Current { get; private set; }

        /// <summary>The index of <see cref="Current"/> in the text (just after its '/').</summary>
        public int Start { get; private set; }

        public bool MoveNext()
        {
            if (_next > _s.Length)
            {
                return false;
            }

            Start = _next;

            var rest = _s[_next..];
            var slash = rest.IndexOf('/');
            if (slash < 0)
            {
                Current = rest;
                _next = _s.Length + 1;
            }
            else
            {
                Current = rest[..slash];
                _next += slash + 1;
            }

            return !Current.IsEmpty || slash >= 0;
        }
    }
}
