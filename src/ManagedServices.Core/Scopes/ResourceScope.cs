namespace ManagedServices;

/// <summary>
/// An Azure Resource Manager scope: a subscription, resource group or resource ID (and, for completeness,
/// management groups and the tenant root, which parse but cannot be delegated).
/// </summary>
/// <remarks>
/// <para>Equality is case-insensitive (ordinal, no culture). The text is normalized: the keywords
/// <c>subscriptions</c>, <c>resourceGroups</c>, <c>providers</c> take their canonical case and the subscription
/// GUID is lower case; names keep the case they were given.</para>
/// <para><see cref="Contains(ResourceScope)"/> compares whole segments: <c>/subscriptions/s/resourceGroups/rg1</c>
/// does not contain <c>/subscriptions/s/resourceGroups/rg10</c>.</para>
/// <para>Parsing is strict and fails closed: empty segments, <c>.</c>/<c>..</c>, control characters,
/// whitespace, percent escapes, <c>*</c>, malformed GUIDs, missing names and paths longer than 4096 characters
/// or 128 segments are refused with a reason. The default value has <see cref="Kind"/> <see cref="ScopeKind.None"/>
/// and contains nothing.</para>
/// </remarks>
public readonly struct ResourceScope : IEquatable<ResourceScope>, ISpanParsable<ResourceScope>, IFormattable
{
    private readonly string? _path;

    private ResourceScope(string path, ScopeKind kind)
    {
        _path = path;
        Kind = kind;
    }

    /// <summary>The tenant root scope <c>/</c>.</summary>
    public static ResourceScope TenantRoot { get; } = new("/", ScopeKind.TenantRoot);

    /// <summary>The level of this scope.</summary>
    public ScopeKind Kind { get; }

    /// <summary>True for the scopes Lighthouse can delegate: subscriptions and resource groups.</summary>
    public bool IsDelegable => Kind is ScopeKind.Subscription or ScopeKind.ResourceGroup;

    /// <summary>The subscription this scope is in, or <see langword="null"/> above subscription level.</summary>
    public SubscriptionId? SubscriptionId =>
        Kind >= ScopeKind.Subscription ? new SubscriptionId(GuidText.ParseValidated(_path.AsSpan(15, GuidText.Length))) : null;

    /// <summary>The resource group this scope is in, or <see langword="null"/> when it is not in one.</summary>
    public string? ResourceGroupName
    {
        get
        {
            if (Kind < ScopeKind.ResourceGroup)
            {
                return null;
            }

            const int NameStart = 67; // "/subscriptions/{guid}" is 51 characters, "/resourceGroups/" 16 more.
            var path = _path!;
            if (path.Length <= NameStart || !path.AsSpan(51).StartsWith("/resourceGroups/", StringComparison.Ordinal))
            {
                return null;
            }

            var end = path.IndexOf('/', NameStart);
            return end < 0 ? path[NameStart..] : path[NameStart..end];
        }
    }

    /// <summary>The enclosing scope, or <see langword="null"/> for the tenant root and the default value.</summary>
    public ResourceScope? Parent
    {
        get
        {
            switch (Kind)
            {
                case ScopeKind.None or ScopeKind.TenantRoot:
                    return null;
                case ScopeKind.ManagementGroup or ScopeKind.Subscription:
                    return TenantRoot;
            }

            var path = _path!;
            if (Kind == ScopeKind.ResourceGroup)
            {
                return Parse(path[..path.LastIndexOf('/', path.LastIndexOf('/') - 1)]);
            }

            // ".../providers/{namespace}" is not a scope of its own: the parent of a section's only resource drops it too.
            return Parse(path[..ScopeParser.ResourceParentLength(path)]);
        }
    }

    /// <summary>
    /// True when <paramref name="name"/> is a valid resource group name by ARM's rule: 1 to 90 characters, each a
    /// letter or digit (Unicode letters included), '_', '-', '.', '(' or ')'; not ending in '.'.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <returns>True when valid; false for null.</returns>
    public static bool IsValidResourceGroupName([NotNullWhen(true)] string? name) =>
        name is not null && ScopeParser.IsResourceGroupName(name);

    /// <summary>Creates the scope of a whole subscription.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <returns>The scope.</returns>
    public static ResourceScope ForSubscription(SubscriptionId subscriptionId) =>
        new("/subscriptions/" + subscriptionId.ToString(), ScopeKind.Subscription);

    /// <summary>Creates the scope of a resource group.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="resourceGroupName">The resource group name.</param>
    /// <returns>The scope.</returns>
    /// <exception cref="ArgumentException">The name is not a valid resource group name.</exception>
    public static ResourceScope ForResourceGroup(SubscriptionId subscriptionId, string resourceGroupName)
    {
        ArgumentNullException.ThrowIfNull(resourceGroupName);
        if (!ScopeParser.IsResourceGroupName(resourceGroupName))
        {
            throw new ArgumentException($"'{MessageText.Clip(resourceGroupName)}' is not a valid resource group name ({ScopeParser.ResourceGroupNameRule}).", nameof(resourceGroupName));
        }

        return new("/subscriptions/" + subscriptionId.ToString() + "/resourceGroups/" + resourceGroupName, ScopeKind.ResourceGroup);
    }

    /// <summary>
    /// True when <paramref name="other"/> is this scope or lies below it, comparing whole segments case-insensitively.
    /// The default value contains nothing.
    /// </summary>
    /// <param name="other">The scope to test.</param>
    /// <returns>True when this scope covers <paramref name="other"/>.</returns>
    public bool Contains(ResourceScope other)
    {
        if (_path is null || other._path is null)
        {
            return false;
        }

        if (Kind == ScopeKind.TenantRoot)
        {
            return true;
        }

        return SegmentPrefix(_path, other._path);
    }

    /// <summary>Whole-segment, case-insensitive prefix test on two normalized paths (no trailing '/').</summary>
    internal static bool SegmentPrefix(ReadOnlySpan<char> scope, ReadOnlySpan<char> target) =>
        target.StartsWith(scope, StringComparison.OrdinalIgnoreCase) &&
        (target.Length == scope.Length || target[scope.Length] == '/');

    /// <summary>Parses an ARM scope.</summary>
    /// <param name="s">The text.</param>
    /// <returns>The scope.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a valid scope; the message says why.</exception>
    public static ResourceScope Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var scope, out var error)
            ? scope
            : throw new FormatException(NotAScope(s, error));
    }

    /// <summary>
    /// Parses an ARM scope into a result: the scope, or an error <see cref="DiagnosticCodes.InvalidScope"/> that says
    /// why (the same reason <see cref="Parse(string)"/> throws with). Never throws.
    /// </summary>
    /// <param name="s">The text.</param>
    /// <param name="path">The path of the diagnostic (for example <c>scope</c> or <c>subscriptions[2]</c>).</param>
    /// <returns>The result; on failure its value is the default scope (<see cref="ScopeKind.None"/>).</returns>
    public static DiagnosticResult<ResourceScope> Read(string? s, string path = "") =>
        TryParse(s, out var scope, out var error)
            ? new(scope, [])
            : new(default, [Diagnostic.Error(DiagnosticCodes.InvalidScope, NotAScope(s, error), path ?? "")]);

    /// <inheritdoc/>
    static ResourceScope IParsable<ResourceScope>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static ResourceScope ISpanParsable<ResourceScope>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString());

    /// <summary>
    /// Tries to parse an ARM scope and says why it failed. Never throws. Internal: the public way to learn why is
    /// <see cref="Read"/>, which returns the reason as a diagnostic (one result shape, no <c>out string? error</c>).
    /// </summary>
    internal static bool TryParse([NotNullWhen(true)] string? s, out ResourceScope result, [NotNullWhen(false)] out string? error)
    {
        if (s is null)
        {
            result = default;
            error = "the scope is null";
            return false;
        }

        var kind = ScopeParser.Scan(s, out error, out var canonical);
        if (kind == ScopeKind.None)
        {
            result = default;
            error ??= "the scope is not valid";
            return false;
        }

        result = new ResourceScope(canonical ? s : Normalize(ScopeParser.TrimTrailingSlash(s).ToString()), kind);
        error = null;
        return true;
    }

    /// <inheritdoc/>
    static bool IParsable<ResourceScope>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ResourceScope result) =>
        TryParse(s, out result, out _);

    /// <inheritdoc/>
    static bool ISpanParsable<ResourceScope>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out ResourceScope result) =>
        TryParse(s, out result);

    /// <summary>Tries to parse an ARM scope. Never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The scope, or the default value.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, out ResourceScope result)
    {
        if (ScopeParser.Scan(s, out _, out _) == ScopeKind.None)
        {
            result = default;
            return false;
        }

        return TryParse(s.ToString(), out result, out _);
    }

    /// <summary>Tries to parse an ARM scope. Never throws.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The scope, or the default value.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out ResourceScope result) => TryParse(s, out result, out _);

    private static string NotAScope(string? s, string? error) =>
        $"'{MessageText.Clip(s ?? "")}' is not a valid resource scope: {error}.";

    private static string Normalize(string s)
    {
        var sb = new StringBuilder(s.Length);
        var e = new ScopeParser.SegmentEnumerator(s);
        var index = 0;
        var inSubscription = false;
        while (e.MoveNext())
        {
            var seg = e.Current;
            sb.Append('/');
            if (index == 0)
            {
                inSubscription = seg.Equals(ScopeParser.SubscriptionsKeyword, StringComparison.OrdinalIgnoreCase);
                sb.Append(inSubscription ? ScopeParser.SubscriptionsKeyword : ScopeParser.ProvidersKeyword);
            }
            else if (index == 1)
            {
                sb.Append(inSubscription ? GuidText.ParseValidated(seg).ToString("D") : ScopeParser.ManagementNamespace);
            }
            else if (index == 2 && seg.Equals(ScopeParser.ResourceGroupsKeyword, StringComparison.OrdinalIgnoreCase))
            {
                sb.Append(ScopeParser.ResourceGroupsKeyword);
            }
            else if (index == 2 && !inSubscription)
            {
                sb.Append(ScopeParser.ManagementGroupsKeyword);
            }
            else if (seg.Equals(ScopeParser.ProvidersKeyword, StringComparison.OrdinalIgnoreCase))
            {
                // A resource literally named "providers" also gets this case; equality ignores case anyway.
                sb.Append(ScopeParser.ProvidersKeyword);
            }
            else
            {
                sb.Append(seg);
            }

            index++;
        }

        return sb.ToString();
    }

    /// <summary>The normalized text of the scope (empty for the default value).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _path ?? "";

    /// <inheritdoc/>
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool Equals(ResourceScope other) => string.Equals(_path, other._path, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ResourceScope other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _path is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_path);

    /// <summary>Compares two scopes case-insensitively.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(ResourceScope left, ResourceScope right) => left.Equals(right);

    /// <summary>Compares two scopes case-insensitively.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(ResourceScope left, ResourceScope right) => !left.Equals(right);
}
