using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Analysis;
using ManagedServices.Offers;
using ManagedServices.Operations;
using ManagedServices.Tests.TestSupport;
using static ManagedServices.Tests.Access.AccessEvaluatorScenarioTests;
using static ManagedServices.Tests.Analysis.AccessAnalysisTests;

namespace ManagedServices.Tests.Analysis;

/// <summary>
/// The automata against brute force over a bounded alphabet and length, the grammar automaton against the reference
/// grammar, and the two properties of issue 16: a counterexample is allowed by <c>Check</c>; when a proof holds, no
/// generated request matching the pattern is.
/// </summary>
public class AnalysisPropertyTests
{
    private const string Small = "ab./";
    private const int MaxLength = 6;

    private static readonly string[] Words = [.. AllWords(Small, MaxLength)];

    private static IEnumerable<string> AllWords(string alphabet, int max)
    {
        var level = new List<string> { "" };
        for (var n = 1; n <= max; n++)
        {
            level = [.. level.SelectMany(w => alphabet.Select(c => w + c))];
            foreach (var w in level)
            {
                yield return w;
            }
        }
    }

    /// <summary>An independent glob: <c>*</c> is <c>.*</c> over any character, the rest literal, ignoring case.</summary>
    private static Regex Reference(string glob) =>
        new("\\A" + string.Concat(glob.Select(c => c == '*' ? ".*" : Regex.Escape(c.ToString()))) + "\\z",
            RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);

    // Specific to this test (kept here, not in TestSupport/ModelGenerators): globs over a tiny alphabet, so that brute force
    // over every short word can check the automata.
    private static Gen<string> Glob() =>
        Gen.Choose(1, 7).SelectMany(n => Gen.ArrayOf(Gen.Elements('a', 'b', 'A', '.', '/', '*', '*'), n)).Select(cs => new string(cs));

    /// <summary>
    /// The shortest name in pattern ∩ Actions − NotActions − excluded names ∩ grammar, by the automata and by brute force
    /// over every word of up to 6 characters of "ab./": the same length (none for both when empty).
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Shortest_AgreesWithBruteForce() =>
        Prop.ForAll(
            Arb.From(
                from pattern in Glob()
                from actions in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Glob(), n))
                from notActions in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Glob(), n))
                from excluded in Gen.SubListOf(Words.Where(w => ReferenceGrammar.IsOperationName(w)).Take(400).ToArray())
                select (pattern, actions, notActions, excluded: excluded.ToArray())),
            t =>
            {
                var p = Reference(t.pattern);
                var a = t.actions.Select(Reference).ToArray();
                var n = t.notActions.Select(Reference).ToArray();
                var excluded = new HashSet<string>(t.excluded, StringComparer.OrdinalIgnoreCase);
                var brute = Words.FirstOrDefault(w =>
                    ReferenceGrammar.IsOperationName(w) && p.IsMatch(w) && a.Any(r => r.IsMatch(w)) && !n.Any(r => r.IsMatch(w)) && !excluded.Contains(w));
                var found = WitnessSearch.Shortest(
                    new GlobSet([t.pattern]), new GlobSet(t.actions), new GlobSet(t.notActions), t.excluded, Small, MaxLength);
                // MayOverlap is sound: two globs some word matches both of are never called disjoint.
                var overlapSound = t.actions.All(x => GlobSet.MayOverlap(t.pattern, x) || !Words.Any(w => p.IsMatch(w) && Reference(x).IsMatch(w)));
                var ok = overlapSound && !found.Undecided && (found.Witness?.Length == brute?.Length) &&
                         (found.Witness is null || (ReferenceGrammar.IsOperationName(found.Witness) && p.IsMatch(found.Witness) &&
                             a.Any(r => r.IsMatch(found.Witness)) && !n.Any(r => r.IsMatch(found.Witness)) && !excluded.Contains(found.Witness)));
                return ok.Label($"{t.pattern} | {string.Join(",", t.actions)} - {string.Join(",", t.notActions)} - [{t.excluded.Length}]: automata {found.Witness ?? "none"}, brute force {brute ?? "none"}");
            });

    /// <summary>The grammar automaton accepts exactly what <c>RequestText.IsValidAction</c> and the reference grammar accept.</summary>
    [Property(MaxTest = 2000)]
    public Property Grammar_AgreesWithTheReference() =>
        Prop.ForAll(
            Arb.From(Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements("ab9Z./-_:{}$*? ".ToCharArray()), n)).Select(cs => new string(cs))
                .Select(s => s.Length > 3 && s.Length % 3 == 0 ? "a.b/" + s : s)),
            s =>
            {
                var state = OperationGrammar.Start;
                foreach (var c in s)
                {
                    state = state == OperationGrammar.Dead ? state : OperationGrammar.Step(state, GlobSet.Fold(c));
                }

                var automaton = state != OperationGrammar.Dead && OperationGrammar.Accepts(state);
                return (automaton == RequestText.IsValidAction(s) && automaton == ReferenceGrammar.IsOperationName(s)).Label(s);
            });

    private static readonly string[] Patterns =
    [
        "*", "*/write", "*/read", "*/delete", "*/action", "Microsoft.Authorization/*", "Microsoft.Authorization/*/write",
        "Microsoft.Authorization/roleAssignments/*", "Microsoft.ManagedServices/*", "Microsoft.ManagedServices/registration*/delete",
        "Microsoft.Compute/*/write", "Microsoft.Storage/*", "Microsoft.KeyVault/vaults/*", "Microsoft.Support/*", "*/x/write/*",
        "Microsoft.Authorization/*/write/*", "zz.q*", "*.*/*/*/*/write", "Microsoft.Compute/virtualMachines/*/action",
    ];

    private static readonly RoleDefinitionId[] Roles =
    [
        BuiltInRoleIds.Contributor, BuiltInRoleIds.Reader, BuiltInRoleIds.Owner, BuiltInRoleIds.UserAccessAdministrator,
        BuiltInRoleIds.RegistrationAssignmentDelete,
        RoleDefinitionId.Parse("9980e02c-c2be-4d73-94e8-173b1dc7cf3c"), // Virtual Machine Contributor
        RoleDefinitionId.Parse("17d1049b-9a84-46fb-8f53-869881c3d3ab"), // Storage Account Contributor
        RoleDefinitionId.Parse("749f88d5-cbae-40b8-bcfc-e573ddc772fa"), // Monitoring Contributor
        RoleDefinitionId.Parse("63342533-d951-495d-a3c3-a459aa02362b"), // Oracle.Database role with a condition
    ];

    // Specific to this test (kept here, not in TestSupport/ModelGenerators): one principal's evaluator over real built-in roles,
    // with the pattern the prover is asked about.
    private static Gen<(AccessEvaluator Evaluator, string Pattern, bool Eligible)> World() =>
        from permanent in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements(Roles), n))
        from eligible in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(Gen.Elements(Roles), n))
        from pattern in Gen.Elements(Patterns)
        from includeEligible in Gen.Elements(true, false)
        select (AccessEvaluator.Create(DelegationSnapshot.Create(
            [
                Delegate(Sub, [.. permanent.Select(r => Grant(r, r == BuiltInRoleIds.UserAccessAdministrator ? [BuiltInRoleIds.Contributor] : []))],
                    [.. eligible.Select(r => new EligibleAuthorization { Principal = Principal.User(Member), RoleDefinitionId = r })]),
            ])), pattern, includeEligible);

    /// <summary>Every counterexample is allowed by <c>Check</c>, given what it requires.</summary>
    [Property(MaxTest = 150)]
    public Property Counterexample_IsAllowedByCheck() =>
        Prop.ForAll(Arb.From(World()), t =>
        {
            var result = t.Evaluator.ProveNever([t.Pattern], new ProofOptions { IncludeEligible = t.Eligible });
            return (result.Diagnostics.IsEmpty && result.Value.Holds == result.Value.Counterexamples.IsEmpty &&
                    result.Value.Counterexamples.All(c => t.Evaluator.Check(RequestFor(c, t.Evaluator)).IsAllowed && ActionPattern.Matches(c.Operation, c.Pattern)))
                .Label(string.Join("; ", result.Value.Counterexamples));
        });

    private static readonly string[] Fillers = ["", "a", "x", "read", "write", "x/write/y", "/", "a/b", "registrationAssignments", "locks", "roleAssignments", ".", "..", "-"];

    /// <summary>
    /// When the proof holds, no generated request matching the pattern is allowed by <c>Check</c>: known operations that
    /// match it and names made from it by filling each <c>*</c>, with every activation and a managed-identity target.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property Holds_NoGeneratedRequestIsAllowed() =>
        Prop.ForAll(
            Arb.From(
                from world in World()
                from fills in Gen.ArrayOf(Gen.Elements(Fillers), 40)
                select (world, fills)),
            t =>
            {
                var (evaluator, pattern, eligible) = t.world;
                var result = evaluator.ProveNever([pattern], new ProofOptions { IncludeEligible = eligible });
                if (!result.Value.Holds)
                {
                    return true.ToProperty();
                }

                var names = OperationCatalog.Azure.Entries.Select(e => e.Name).Where(n => ActionPattern.Matches(n, pattern)).Take(400).ToList();
                var pieces = pattern.Split('*');
                for (var k = 0; k + pieces.Length - 1 <= t.fills.Length; k += Math.Max(1, pieces.Length - 1))
                {
                    names.Add(string.Concat(pieces.Select((piece, i) => i == 0 ? piece : t.fills[k + i - 1] + piece)));
                }

                var activated = Roles.ToArray();
                var allowed = names.Where(n => RequestText.IsValidAction(n)).Where(name =>
                    evaluator.Check(new AccessRequest(Ops, name, Sub) { TargetIsManagedIdentity = true, TargetPrincipalKind = PrincipalKind.ServicePrincipal, TargetRoleDefinitionId = BuiltInRoleIds.Contributor }).IsAllowed ||
                    (eligible && evaluator.Check(new AccessRequest(Member, name, Sub) { ActivatedRoleDefinitionIds = [.. activated] }).IsAllowed)).ToList();
                return (allowed.Count == 0).Label($"{pattern}: {string.Join(", ", allowed.Take(5))}");
            });
}
