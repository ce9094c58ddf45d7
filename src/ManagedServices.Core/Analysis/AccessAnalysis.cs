using ManagedServices.Access;

namespace ManagedServices.Analysis;

/// <summary>
/// Exact answers over all operation names, not only known ones: whether any authorization can ever allow an operation
/// matching a pattern (Azure's <c>*</c> glob, case-insensitive, <c>*</c> matching any run including <c>/</c>), and which
/// roles could. Each question is decided on small automata (docs/analysis.md): the pattern, a permission block's
/// Actions, the complement of its NotActions, the operation-name grammar, minus the names Lighthouse takes away.
/// </summary>
/// <remarks>
/// Deny assignments are not considered: a guarantee that holds without them holds with them, and a counterexample may
/// then be denied by one (the answer errs towards "does not hold"). Thread-safe.
/// </remarks>
public static class AccessAnalysis
{
    /// <summary>
    /// Proves that no authorization of <paramref name="evaluator"/>'s delegations can ever allow an operation matching
    /// any of <paramref name="patterns"/>, or gives counterexamples, each allowed by
    /// <see cref="AccessEvaluator.Check(in AccessRequest)"/> given what <see cref="Counterexample.Requires"/> says.
    /// </summary>
    /// <param name="evaluator">The delegations, as an evaluator.</param>
    /// <param name="patterns">The operation patterns that must never be allowed.</param>
    /// <param name="options">Which authorizations to consider; default: every permanent one.</param>
    /// <returns>
    /// The proof and its diagnostics: an error MSC4001 for a malformed pattern, MSC0004 for a malformed scope, MSC4002
    /// for a question not decided within the budget. <see cref="Proof.Holds"/> is false whenever a diagnostic is an
    /// error (fail closed).
    /// </returns>
    /// <exception cref="ArgumentException">Both <see cref="ProofOptions.PrincipalId"/> and <see cref="ProofOptions.GroupId"/> are set.</exception>
    public static DiagnosticResult<Proof> ProveNever(this AccessEvaluator evaluator, IEnumerable<string> patterns, ProofOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(patterns);
        return Prove(evaluator, [.. patterns], options ?? new ProofOptions(), RoleReachAnalyzer.Azure);
    }

    /// <summary>
    /// The roles of <paramref name="catalog"/> that could ever allow an operation matching <paramref name="pattern"/>
    /// through a Lighthouse authorization, with a witness each, in catalog order. Roles that grant nothing through a
    /// delegation (custom, Owner, with restricted actions) are left out; User Access Administrator's role assignment
    /// write and delete count, needing a managed-identity target.
    /// </summary>
    /// <param name="catalog">The roles.</param>
    /// <param name="pattern">The operation pattern.</param>
    /// <returns>
    /// The roles, in catalog order, and the diagnostics: an error MSC4001 for a malformed pattern (no roles), MSC4002 for
    /// a role not decided within the budget (that role is then not listed, so the list is incomplete).
    /// </returns>
    public static DiagnosticResult<ImmutableArray<RoleReach>> WhichRolesCan(this RoleCatalog catalog, string pattern)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (RoleReachAnalyzer.Validate(pattern, "pattern") is { } invalid)
        {
            return new([], [invalid]);
        }

        var analyzer = RoleReachAnalyzer.Azure;
        var found = ImmutableArray.CreateBuilder<RoleReach>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var roles = new Dictionary<RoleDefinitionId, CompiledRole>();
        foreach (var definition in catalog.Roles)
        {
            var role = AccessEvaluator.RoleFor(roles, catalog, definition.Id);
            var reach = analyzer.Reach(pattern, role, canAssign: true);
            if (reach.Undecided)
            {
                diagnostics.Add(Undecided(pattern, definition.Id));
            }
            else if (reach.Operation is { } op)
            {
                found.Add(new RoleReach
                {
                    Role = definition,
                    Operation = op,
                    Known = reach.Known,
                    Requires = reach.NeedsTarget ? AccessRequirement.ManagedIdentityTarget : AccessRequirement.None,
                });
            }
        }

        return new(found.ToImmutable(), diagnostics.ToImmutable());
    }

    internal static DiagnosticResult<Proof> Prove(AccessEvaluator evaluator, ImmutableArray<string> patterns, ProofOptions options, RoleReachAnalyzer analyzer)
    {
        if (options.PrincipalId is not null && options.GroupId is not null)
        {
            throw new ArgumentException("Set PrincipalId or GroupId, not both.", nameof(options));
        }

        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var pattern in patterns)
        {
            if (RoleReachAnalyzer.Validate(pattern, "pattern") is { } invalid)
            {
                diagnostics.Add(invalid);
            }
        }

        ResourceScope? scope = null;
        ScopeParts parts = default;
        if (options.Scope is { } scopeText)
        {
            if (!ResourceScope.TryParse(scopeText, out var parsed) || !RequestText.TryScanScope(scopeText, out parts))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidScope, $"'{scopeText}' is not an ARM resource ID", "scope"));
            }
            else
            {
                scope = parsed;
            }
        }

        if (diagnostics.Count > 0)
        {
            return new(new Proof { Holds = false }, diagnostics.ToImmutable());
        }

        var principals = Principals(evaluator, options);
        var grants = new List<CompiledGrant>();
        foreach (var d in evaluator.CompiledDelegations)
        {
            if (d.IgnoredBecause is not null || (scope is not null && !d.Covers(in parts)))
            {
                continue;
            }

            foreach (var g in d.Grants)
            {
                if (g.Principal != default && g.Fixed == AccessReason.Allowed && (options.IncludeEligible || !g.IsEligible) &&
                    (principals is null || principals.Contains(g.Principal)))
                {
                    grants.Add(g);
                }
            }
        }

        var counterexamples = ImmutableArray.CreateBuilder<Counterexample>();
        var seen = new HashSet<(string, Guid, RoleDefinitionId, string, bool)>();
        foreach (var pattern in patterns)
        {
            var byRole = new Dictionary<(RoleDefinitionId, bool), RoleWitness>();
            foreach (var g in grants)
            {
                var canAssign = g.DelegatedRoles.Length > 0;
                if (!byRole.TryGetValue((g.Role.Id, canAssign), out var reach))
                {
                    byRole[(g.Role.Id, canAssign)] = reach = analyzer.Reach(pattern, g.Role, canAssign);
                    if (reach.Undecided)
                    {
                        diagnostics.Add(Undecided(pattern, g.Role.Id));
                    }
                }

                if (reach.Operation is not { } op)
                {
                    continue;
                }

                var principal = options.PrincipalId ?? g.Public.PrincipalId;
                var where = scope ?? g.Public.Scope;
                if (!seen.Add((pattern, principal.Value, g.Role.Id, where.ToString().ToUpperInvariant(), g.IsEligible)))
                {
                    continue;
                }

                var requires = g.IsEligible ? AccessRequirement.Activation
                    : reach.NeedsTarget ? AccessRequirement.ManagedIdentityTarget
                    : AccessRequirement.None;
                counterexamples.Add(new Counterexample(pattern, principal, g.Role.Id, where, op, reach.Known, requires));
            }
        }

        var proof = new Proof { Holds = counterexamples.Count == 0 && diagnostics.Count == 0, Counterexamples = counterexamples.ToImmutable() };
        return new(proof, diagnostics.ToImmutable());
    }

    /// <summary>The principals whose authorizations count (null: all).</summary>
    private static HashSet<GuidKey>? Principals(AccessEvaluator evaluator, ProofOptions options)
    {
        if (options.GroupId is { } group)
        {
            return [GuidKey.From(group.Value)];
        }

        if (options.PrincipalId is not { } principal)
        {
            return null;
        }

        var set = new HashSet<GuidKey> { GuidKey.From(principal.Value) };
        if (evaluator.Options.Groups is { } groups)
        {
            foreach (var g in groups.GetGroups(principal))
            {
                set.Add(GuidKey.From(g.Value));
            }
        }

        return set;
    }

    private static Diagnostic Undecided(string pattern, RoleDefinitionId role) =>
        Diagnostic.Error(
            DiagnosticCodes.AnalysisUndecided,
            $"whether role {role} can reach '{pattern}' was not decided within {WitnessSearch.DefaultMaxStates} automaton states; assumed it can (fail closed)",
            "pattern");
}
