namespace ManagedServices.Access;

/// <summary>How a compiled deny assignment's scope is compared with a request scope.</summary>
internal enum DenyScopeMode : byte
{
    /// <summary>The scope and everything below it (whole segments, ignoring case).</summary>
    Prefix,

    /// <summary>Exactly the scope (<see cref="DenyAssignment.DoNotApplyToChildScopes"/>).</summary>
    Exact,

    /// <summary>Every scope: the tenant root, or a scope the evaluator cannot place (fails closed).</summary>
    Everything,
}

/// <summary>
/// A deny assignment prepared for evaluation. Anything that cannot be understood widens what it denies (fails
/// closed) and is recorded in <see cref="Problems"/>, which <c>Explain</c> reports.
/// </summary>
internal sealed class CompiledDeny
{
    private readonly PrincipalId[] _principals;
    private readonly PrincipalId[] _excluded;

    public CompiledDeny(DenyAssignment source)
    {
        Source = source;
        var problems = new List<string>();
        var scope = source.Scope;
        ScopeText = scope.ToString();
        if (scope.Kind == ScopeKind.None)
        {
            Mode = DenyScopeMode.Everything;
            problems.Add("the scope is not set, so it is taken to cover every scope");
        }
        else if (source.DoNotApplyToChildScopes)
        {
            Mode = DenyScopeMode.Exact;
        }
        else if (scope.Kind == ScopeKind.TenantRoot)
        {
            Mode = DenyScopeMode.Everything;
        }
        else if (scope.Kind == ScopeKind.ManagementGroup)
        {
            Mode = DenyScopeMode.Everything;
            problems.Add("the management groups' subscriptions are not known, so it is taken to cover every scope");
        }
        else
        {
            Mode = DenyScopeMode.Prefix;
        }

        Actions = CompileDenied(source.Actions, nameof(DenyAssignment.Actions), problems);
        NotActions = CompileRemoved(source.NotActions, nameof(DenyAssignment.NotActions), problems);
        DataActions = CompileDenied(source.DataActions, nameof(DenyAssignment.DataActions), problems);
        NotDataActions = CompileRemoved(source.NotDataActions, nameof(DenyAssignment.NotDataActions), problems);

        Everyone = source.Principals.IsEmpty || source.Principals.Contains(DenyAssignment.AllPrincipals);
        if (source.Principals.IsEmpty)
        {
            problems.Add("it names no principal, so it is taken to apply to everyone");
        }

        _principals = [.. source.Principals.Where(static p => p != DenyAssignment.AllPrincipals)];
        _excluded = [.. source.ExcludePrincipals.Where(static p => p != DenyAssignment.AllPrincipals)];
        if (_excluded.Length != source.ExcludePrincipals.Length)
        {
            problems.Add("excluding all principals (the empty GUID) is ignored");
        }

        Problems = [.. problems];
    }

    public DenyAssignment Source { get; }

    /// <summary>The normalized scope text.</summary>
    public string ScopeText { get; }

    public DenyScopeMode Mode { get; }

    public ActionPatternSet Actions { get; }

    public ActionPatternSet NotActions { get; }

    public ActionPatternSet DataActions { get; }

    public ActionPatternSet NotDataActions { get; }

    /// <summary>True when the assignment names every principal.</summary>
    public bool Everyone { get; }

    /// <summary>Why parts of the assignment were widened (fail closed); empty when it was understood as given.</summary>
    public ImmutableArray<string> Problems { get; }

    /// <summary>True when every management operation is denied at the assignment's scope (<c>*</c>, no NotActions).</summary>
    public bool DeniesEveryAction => Actions.MatchesEverything && NotActions.IsEmpty;

    /// <summary>
    /// True when the assignment applies at <paramref name="scope"/>, a valid ARM scope (any casing, and with or
    /// without the one trailing '/' a valid scope may have: it is ignored here as the parsers ignore it).
    /// </summary>
    public bool Covers(ReadOnlySpan<char> scope)
    {
        scope = ScopeParser.TrimTrailingSlash(scope);
        return Mode switch
        {
            DenyScopeMode.Everything => true,
            DenyScopeMode.Exact => scope.Equals(ScopeText, StringComparison.OrdinalIgnoreCase),
            _ => ResourceScope.SegmentPrefix(ScopeText, scope),
        };
    }

    /// <summary>True when the assignment applies somewhere at or below <paramref name="scope"/> (a trailing '/' ignored).</summary>
    public bool Overlaps(ReadOnlySpan<char> scope) =>
        Covers(scope) || (Mode != DenyScopeMode.Everything && ResourceScope.SegmentPrefix(ScopeParser.TrimTrailingSlash(scope), ScopeText));

    /// <summary>True when the assignment denies the operation (Actions minus NotActions, or the data pair).</summary>
    public bool Denies(ReadOnlySpan<char> action, bool isDataAction) => isDataAction
        ? DataActions.Matches(action) && !NotDataActions.Matches(action)
        : Actions.Matches(action) && !NotActions.Matches(action);

    /// <summary>
    /// True when the assignment names the principal, one of its groups or everyone; <paramref name="via"/> is the
    /// principal or group named, or null when only "everyone" matched.
    /// </summary>
    public bool Names(PrincipalId principal, ImmutableArray<PrincipalId> groups, ImmutableArray<PrincipalId> moreGroups, out PrincipalId? via) =>
        Find(_principals, principal, groups, moreGroups, out via) || (Everyone && Nothing(out via));

    /// <summary>True when the assignment excludes the principal or one of its groups (<paramref name="via"/>).</summary>
    public bool Excludes(PrincipalId principal, ImmutableArray<PrincipalId> groups, ImmutableArray<PrincipalId> moreGroups, out PrincipalId? via) =>
        Find(_excluded, principal, groups, moreGroups, out via);

    /// <summary>True when the assignment names the principal (or a group of it, or everyone) and excludes neither.</summary>
    public bool AppliesTo(PrincipalId principal, ImmutableArray<PrincipalId> groups, ImmutableArray<PrincipalId> moreGroups) =>
        Names(principal, groups, moreGroups, out _) && !Excludes(principal, groups, moreGroups, out _);

    private static bool Nothing(out PrincipalId? via)
    {
        via = null;
        return true;
    }

    private static bool Find(PrincipalId[] set, PrincipalId principal, ImmutableArray<PrincipalId> groups, ImmutableArray<PrincipalId> moreGroups, out PrincipalId? via)
    {
        via = null;
        if (set.Length == 0)
        {
            return false;
        }

        if (Array.IndexOf(set, principal) >= 0)
        {
            via = principal;
            return true;
        }

        return Any(set, groups, ref via) || Any(set, moreGroups, ref via);
    }

    private static bool Any(PrincipalId[] set, ImmutableArray<PrincipalId> groups, ref PrincipalId? via)
    {
        if (groups.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var g in groups)
        {
            if (Array.IndexOf(set, g) >= 0)
            {
                via = g;
                return true;
            }
        }

        return false;
    }

    /// <summary>The patterns that deny: one that cannot be understood makes the list match every operation.</summary>
    private static ActionPatternSet CompileDenied(ImmutableArray<string> patterns, string member, List<string> problems)
    {
        foreach (var p in patterns)
        {
            if (!IsValidPattern(p))
            {
                problems.Add($"{member} has a pattern that cannot be understood ('{(p is null ? "null" : MessageText.Clip(p))}'), so it denies every operation of that kind");
                return ActionPatternSet.All;
            }
        }

        return ActionPatternSet.Compile(patterns);
    }

    /// <summary>The patterns that take away from a denial: one that cannot be understood is dropped.</summary>
    private static ActionPatternSet CompileRemoved(ImmutableArray<string> patterns, string member, List<string> problems)
    {
        var valid = new List<string>(patterns.Length);
        foreach (var p in patterns)
        {
            if (IsValidPattern(p))
            {
                valid.Add(p);
            }
            else
            {
                problems.Add($"{member} has a pattern that cannot be understood ('{(p is null ? "null" : MessageText.Clip(p))}'); it is ignored, so the assignment denies more");
            }
        }

        return ActionPatternSet.Compile(valid);
    }

    /// <summary>After trimming: 1 or more printable ASCII characters without whitespace (<c>*</c> allowed).</summary>
    internal static bool IsValidPattern(string? pattern)
    {
        if (pattern is null)
        {
            return false;
        }

        var p = pattern.AsSpan().Trim();
        if (p.IsEmpty)
        {
            return false;
        }

        foreach (var c in p)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
