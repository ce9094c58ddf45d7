namespace ManagedServices.Lifecycle;

/// <summary>
/// A conservative test of whether every operation one role grants is also granted by another, computed from the
/// roles' <c>Actions</c>/<c>NotActions</c> (and data-plane counterparts). "Covered" answers are sound; when the test
/// cannot prove coverage it answers "not covered", so callers report a widening rather than miss one.
/// </summary>
/// <remarks>
/// Role A is covered by role B when, for every permission block of A and every action pattern <c>p</c> of that
/// block, some block of B has an action pattern <c>q</c> that covers <c>p</c> and none of that B block's
/// not-action patterns can remove an operation that <c>p</c> grants (unless A's own block removes it too).
/// <list type="bullet">
/// <item><c>q</c> covers <c>p</c> when <c>q</c> matches <c>p</c> read as a literal string (its <c>*</c> taken as a
/// character). This is sound because <c>q</c>'s literal pieces contain no <c>*</c>, so each <c>*</c> of <c>p</c> falls
/// inside a <c>*</c> of <c>q</c>, which absorbs whatever <c>p</c>'s <c>*</c> stands for.</item>
/// <item>A not-action <c>n</c> is proved unable to remove anything <c>p</c> grants when <c>p</c> and <c>n</c> cannot
/// match a common operation: their literal texts before the first <c>*</c> are not prefix-compatible, or their texts
/// after the last <c>*</c> are not suffix-compatible (or, without wildcards, they simply do not match).
/// Otherwise the removal is ignored only when a not-action of A's block covers <c>n</c>.</item>
/// <item>Union coverage (an A pattern split across several B patterns or blocks) is not recognized, and a B block
/// with an ABAC condition never covers anything: both give "not covered".</item>
/// </list>
/// </remarks>
internal static class RoleCoverage
{
    /// <summary>True when the catalog proves that role <paramref name="inner"/> grants nothing that <paramref name="outer"/> does not.</summary>
    public static bool IsCovered(RoleDefinitionId inner, RoleDefinitionId outer, RoleCatalog catalog)
    {
        if (inner == outer)
        {
            return true;
        }

        return catalog.TryGet(inner, out var a) && catalog.TryGet(outer, out var b) && IsCovered(a, b);
    }

    /// <summary>True when role <paramref name="inner"/> is proved to grant a subset of what <paramref name="outer"/> grants.</summary>
    public static bool IsCovered(RoleDefinition inner, RoleDefinition outer)
    {
        foreach (var block in inner.Permissions)
        {
            if (!BlockCovered(block.Actions, block.NotActions, outer, dataPlane: false) ||
                !BlockCovered(block.DataActions, block.NotDataActions, outer, dataPlane: true))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every string matched by <paramref name="inner"/> is matched by <paramref name="outer"/> (sound, not complete).</summary>
    public static bool PatternCovers(string outer, string inner) => ActionPattern.Matches(inner, outer);

    /// <summary>False only when no operation can match both patterns.</summary>
    public static bool MayIntersect(string x, string y)
    {
        var xs = x.IndexOf('*', StringComparison.Ordinal);
        var ys = y.IndexOf('*', StringComparison.Ordinal);
        if (xs < 0)
        {
            return ActionPattern.Matches(x, y);
        }

        if (ys < 0)
        {
            return ActionPattern.Matches(y, x);
        }

        var xPrefix = x.AsSpan(0, xs);
        var yPrefix = y.AsSpan(0, ys);
        var xSuffix = x.AsSpan(x.LastIndexOf('*') + 1);
        var ySuffix = y.AsSpan(y.LastIndexOf('*') + 1);
        var prefixesCompatible = xPrefix.StartsWith(yPrefix, StringComparison.OrdinalIgnoreCase) ||
                                 yPrefix.StartsWith(xPrefix, StringComparison.OrdinalIgnoreCase);
        var suffixesCompatible = xSuffix.EndsWith(ySuffix, StringComparison.OrdinalIgnoreCase) ||
                                 ySuffix.EndsWith(xSuffix, StringComparison.OrdinalIgnoreCase);
        return prefixesCompatible && suffixesCompatible;
    }

    private static bool BlockCovered(ImmutableArray<string> actions, ImmutableArray<string> notActions, RoleDefinition outer, bool dataPlane)
    {
        foreach (var p in actions)
        {
            var covered = false;
            foreach (var block in outer.Permissions)
            {
                if (block.Condition is not null)
                {
                    continue;
                }

                var outerActions = dataPlane ? block.DataActions : block.Actions;
                var outerNotActions = dataPlane ? block.NotDataActions : block.NotActions;
                if (AnyCovers(outerActions, p) && !RemovesAny(outerNotActions, p, notActions))
                {
                    covered = true;
                    break;
                }
            }

            if (!covered)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyCovers(ImmutableArray<string> outers, string inner)
    {
        foreach (var q in outers)
        {
            if (PatternCovers(q, inner))
            {
                return true;
            }
        }

        return false;
    }

    private static bool RemovesAny(ImmutableArray<string> outerNotActions, string granted, ImmutableArray<string> innerNotActions)
    {
        foreach (var n in outerNotActions)
        {
            if (MayIntersect(granted, n) && !AnyCovers(innerNotActions, n))
            {
                return true;
            }
        }

        return false;
    }
}
