using System.Buffers;
using System.Collections.Concurrent;
using ManagedServices.Access;
using ManagedServices.Operations;

namespace ManagedServices.Analysis;

/// <summary>What one role can reach of one pattern: a witness and what it needs, none, or undecided.</summary>
internal readonly record struct RoleWitness(string? Operation, bool Known, bool NeedsTarget, bool Undecided)
{
    public static RoleWitness None => default;
}

/// <summary>
/// Decides, for one pattern and one compiled role, whether the role can ever permit an operation matching the pattern
/// through a delegation, and finds a witness: a real operation from the operation list when one exists, else a
/// shortest well-formed name. The rules are the evaluator's, taken from where they live: the blocks that grant
/// (<see cref="CompiledRole.GrantingBlocks"/>: conditioned blocks grant nothing), the role's mode (custom, missing and
/// non-delegable roles grant nothing; User Access Administrator's Lighthouse grant,
/// <see cref="CompiledRole.UserAccessAdministratorPermitted"/>), Lighthouse's four operations
/// (<see cref="LighthouseOperations.Blocks"/>), data-only operations (<see cref="OperationCatalog.GetPlane"/>) and
/// the name grammar (<see cref="RequestText.IsValidAction"/>).
/// </summary>
internal sealed class RoleReachAnalyzer
{
    private static readonly Lazy<RoleReachAnalyzer> AzureAnalyzer = new(() => new RoleReachAnalyzer(OperationCatalog.Azure));

    private readonly OperationCatalog _operations;
    private readonly string[] _excludable;
    private readonly string[] _known;
    private readonly string _alphabet;
    private readonly int _maxLength;
    private readonly int _maxStates;
    private readonly ConcurrentDictionary<string, string[]> _knownByPattern = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string[]> _excludableByPattern = new(StringComparer.OrdinalIgnoreCase);

    public RoleReachAnalyzer(
        OperationCatalog operations, string alphabet = OperationGrammar.Alphabet, int maxLength = RequestText.MaxActionLength,
        int maxStates = WitnessSearch.DefaultMaxStates)
    {
        _operations = operations;
        _alphabet = alphabet;
        _maxLength = maxLength;
        _maxStates = maxStates;
        var entries = operations.Entries.ToArray();
        _excludable = [.. entries.Where(static e => e.Plane == OperationPlane.Data).Select(static e => e.Name).Concat(LighthouseOperations.Operations)];
        _known = [.. entries.Where(static e => e.Plane != OperationPlane.Data && RequestText.IsValidAction(e.Name)).Select(static e => e.Name)];
    }

    /// <summary>The analyzer over Azure's embedded operation list (the list the evaluator uses).</summary>
    public static RoleReachAnalyzer Azure => AzureAnalyzer.Value;

    private static readonly SearchValues<char> PatternChars = SearchValues.Create(
        "$*-./0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz{}");

    /// <summary>
    /// Why <paramref name="pattern"/> is not a pattern (1 to 1024 characters of an operation name, or <c>*</c>), or
    /// null when it is one.
    /// </summary>
    public static Diagnostic? Validate(string? pattern, string path) =>
        pattern is { Length: > 0 and <= RequestText.MaxActionLength } && !pattern.AsSpan().ContainsAnyExcept(PatternChars)
            ? null
            : Diagnostic.Error(
                DiagnosticCodes.InvalidOperationPattern,
                $"'{pattern}' is not an operation pattern: 1 to {RequestText.MaxActionLength} characters of an operation name (ASCII letters, digits, '.', '/', '-', '_', ':', '{{', '}}', '$') and '*'",
                path);

    /// <summary>
    /// What <paramref name="role"/> can reach of <paramref name="pattern"/> (validated). For User Access
    /// Administrator, <paramref name="canAssign"/> says whether the grant has a delegated role, without which role
    /// assignment write and delete are never permitted.
    /// </summary>
    public RoleWitness Reach(string pattern, CompiledRole role, bool canAssign)
    {
        switch (role.Mode)
        {
            case RoleMode.Normal:
            {
                foreach (var op in KnownMatching(pattern))
                {
                    if (role.Evaluate(op) == RoleOutcome.Permits)
                    {
                        return new RoleWitness(op, true, false, false);
                    }
                }

                return Search(pattern, role.GrantingBlocks, name => IsDataOnly(name) || LighthouseOperations.Blocks(name, role.Id), needsTarget: false);
            }

            case RoleMode.UserAccessAdministrator:
            {
                string? conditional = null;
                foreach (var op in KnownMatching(pattern))
                {
                    var outcome = CompiledRole.EvaluateUserAccessAdministrator(op);
                    if (outcome == RoleOutcome.Permits)
                    {
                        return new RoleWitness(op, true, false, false);
                    }

                    conditional ??= outcome == RoleOutcome.Excluded && canAssign ? op : null;
                }

                var plain = Search(pattern, [(CompiledRole.UserAccessAdministratorPermitted, ActionPatternSet.Compile([]))], IsDataOnly, needsTarget: false);
                if (plain.Operation is not null || plain.Undecided || !canAssign)
                {
                    return plain;
                }

                return conditional is not null
                    ? new RoleWitness(conditional, true, true, false)
                    : Search(pattern, [(CompiledRole.UserAccessAdministratorConditional, ActionPatternSet.Compile([]))], IsDataOnly, needsTarget: true);
            }

            default:
                return RoleWitness.None; // missing, custom or not delegable: grants nothing through a delegation
        }
    }

    private bool IsDataOnly(string name) => _operations.GetPlane(name) == OperationPlane.Data;

    /// <summary>The known (not data-only) operations matching the pattern, in list order; computed once per pattern.</summary>
    private string[] KnownMatching(string pattern) =>
        _knownByPattern.GetOrAdd(pattern, p => [.. _known.Where(op => ActionPattern.Matches(op, p))]);

    /// <summary>
    /// Searches each block, one Actions pattern at a time (the union's language is the union of theirs), against the
    /// NotActions patterns that can overlap both: a pattern that cannot overlap is disjoint from the language and
    /// taking it away changes nothing, so the products stay as small as single globs.
    /// </summary>
    private RoleWitness Search(string pattern, IEnumerable<(ActionPatternSet Actions, ActionPatternSet NotActions)> blocks, Func<string, bool> excluded, bool needsTarget)
    {
        var p = new GlobSet([pattern]);
        var candidates = _excludableByPattern.GetOrAdd(pattern, q => [.. _excludable.Where(n => ActionPattern.Matches(n, q))]).Where(excluded).ToArray();
        string? best = null;
        var undecided = false;
        foreach (var (actions, notActions) in blocks)
        {
            foreach (var action in actions.Patterns)
            {
                if (!GlobSet.MayOverlap(pattern, action))
                {
                    continue;
                }

                var not = new GlobSet(notActions.Patterns.Where(n => GlobSet.MayOverlap(n, pattern) && GlobSet.MayOverlap(n, action)));
                var found = WitnessSearch.Shortest(p, new GlobSet([action]), not, candidates, _alphabet, best is null ? _maxLength : best.Length - 1, _maxStates);
                undecided |= found.Undecided;
                if (found.Witness is { } w && (best is null || w.Length < best.Length))
                {
                    best = w;
                }
            }
        }

        return best is not null ? new RoleWitness(best, false, needsTarget, false) : new RoleWitness(null, false, false, undecided);
    }
}
