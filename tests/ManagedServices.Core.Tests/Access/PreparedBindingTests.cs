using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Benchmarks;

namespace ManagedServices.Tests.Access;

/// <summary>
/// Prepared handles bind to the evaluator that checks them (its action-memo entry, its subscription and
/// resource-group numbers). These tests hold the bound and the memoized paths to the independent
/// <see cref="ReferenceEvaluator"/> on adversarial spellings, and show that a binding made by one evaluator is never
/// used by another, in turn or at the same time.
/// </summary>
public class PreparedBindingTests
{
    /// <summary>
    /// For random worlds and requests, spelled adversarially (ASCII case flipped, a non-letter shifted by 0x20 so that
    /// only an ASCII-letter fold keeps it apart, a non-ASCII look-alike put in, /rg1 turned into /rg10 and back, a
    /// trailing '/' or two): the string check with warm memos, the first prepared check (which binds the handles) and
    /// the second (which uses the binding) all give the reference evaluator's reason; text that cannot be prepared is
    /// malformed for the reference too.
    /// </summary>
    [Property(Arbitrary = [typeof(PreparedRequestTests.WithDenies)], MaxTest = 250)]
    public Property Prepared_AdversarialSpellings_AgreeWithReference(AccessWorld world, AccessRequest request) => Prop.ForAll(
        Arb.From(Gen.ArrayOf(Gen.Zip(Spelled(request.Action ?? ""), Spelled(request.Scope ?? "")), 10)),
        variants =>
        {
            var options = world.Options();
            var evaluator = AccessEvaluator.Create(world.Snapshot, options);
            var reference = new ReferenceEvaluator(world.Snapshot, options);
            var principal = request.PrincipalId;
            evaluator.Check(new AccessRequest(principal, request.Action!, request.Scope!)); // warm the memos with the original spelling
            foreach (var (action, scope) in variants)
            {
                var r = new AccessRequest(principal, action, scope) { IsDataAction = request.IsDataAction };
                var expected = reference.Decide(r);
                var viaStrings = evaluator.Check(r).Reason;
                if (viaStrings != expected)
                {
                    throw new InvalidOperationException($"{r}: strings {viaStrings}, reference {expected}\n{world}");
                }

                if (!PreparedAction.TryPrepare(action, request.IsDataAction, out var a) || !PreparedScope.TryPrepare(scope, out var s))
                {
                    if (expected != AccessReason.MalformedRequest)
                    {
                        throw new InvalidOperationException($"{r}: not prepared, but the reference says {expected}");
                    }

                    continue;
                }

                var binding = evaluator.Check(principal, in a, in s).Reason;
                var bound = evaluator.Check(principal, in a, in s).Reason;
                if (binding != expected || bound != expected)
                {
                    throw new InvalidOperationException($"{r}: prepared {binding} then {bound}, reference {expected}\n{world}");
                }
            }

            return true;
        });

    /// <summary>
    /// The same handles used with two evaluators of different worlds in turn: each check gives the checking
    /// evaluator's own string decision, so a binding left by the other evaluator is never taken for its own. The same
    /// for whole requests (<see cref="PreparedRequest"/>) prepared by either evaluator: each checking evaluator
    /// decides them as its own strings, never from the facts of the evaluator that prepared them.
    /// </summary>
    [Property(Arbitrary = [typeof(PreparedRequestTests.WithDenies)], MaxTest = 200)]
    public bool Prepared_HandlesUsedByTwoEvaluatorsInTurn_EachDecidesAsItsStrings(AccessWorld first, AccessWorld second, AccessRequest[] requests)
    {
        var one = AccessEvaluator.Create(first.Snapshot, first.Options());
        var two = AccessEvaluator.Create(second.Snapshot, second.Options());
        var handles = Prepare(requests);
        for (var round = 0; round < 3; round++)
        {
            foreach (var (r, a, s) in handles)
            {
                foreach (var evaluator in round == 1 ? new[] { two, one } : [one, two])
                {
                    var expected = evaluator.Check(r);
                    var got = evaluator.Check(r.PrincipalId, in a, in s);
                    var byOne = evaluator.Check(one.Prepare(r.PrincipalId, in a, in s));
                    var byTwo = evaluator.Check(two.Prepare(r.PrincipalId, in a, in s));
                    if (got != expected || byOne != expected || byTwo != expected)
                    {
                        throw new InvalidOperationException($"{r} round {round}: prepared {got}, requests {byOne} and {byTwo}, strings {expected}\n{first}\n--\n{second}");
                    }
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Two threads check the same handles with two evaluators of different snapshots at once (so bindings are
    /// overwritten under each other's feet): every decision is the checking evaluator's own.
    /// </summary>
    [Fact]
    public void Prepared_HandlesSharedByTwoEvaluatorsOnTwoThreads_NeverMixed()
    {
        var w = AccessWorkload.Generate(delegations: 40, authorizationsPerDelegation: 8, requests: 3_000, seed: 7);
        var one = AccessEvaluator.Create(w.Snapshot, w.Options);
        var two = AccessEvaluator.Create(DelegationSnapshot.Create(w.Snapshot.Delegations.Where((_, i) => i % 2 == 0)), w.Options);
        var requests = Enumerable.Range(0, w.Count).Select(w.Request).ToArray();
        var handles = Prepare(requests);
        var expectedOne = requests.Select(r => one.Check(r)).ToArray();
        var expectedTwo = requests.Select(r => two.Check(r)).ToArray();
        Assert.True(expectedOne.Zip(expectedTwo).Count(x => x.First.IsAllowed != x.Second.IsAllowed) > 100, "the evaluators must disagree often for the test to show anything");
        var wrong = 0;
        Parallel.For(0, 2, thread =>
        {
            for (var round = 0; round < 20; round++)
            {
                for (var i = 0; i < handles.Length; i++)
                {
                    var (r, a, s) = handles[i];
                    var useOne = ((i + round + thread) & 1) == 0;
                    var got = (useOne ? one : two).Check(r.PrincipalId, in a, in s);
                    if (got != (useOne ? expectedOne : expectedTwo)[i])
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
            }
        });

        Assert.Equal(0, wrong);
    }

    /// <summary>
    /// All 100,000 workload requests as handles, checked by two evaluators of the same snapshot in turn (every check
    /// re-binds): every decision is the expected one.
    /// </summary>
    [AccessWorkloadFact]
    public void Prepared_SharedWorkload_TwoEvaluatorsInTurn_ExpectedDecisions()
    {
        var w = SharedAccessWorkload.Value;
        var one = AccessEvaluator.Create(w.Snapshot, w.Options);
        var two = AccessEvaluator.Create(w.Snapshot, w.Options);
        var handles = Prepare([.. Enumerable.Range(0, w.Count).Select(w.Request)]);
        for (var i = 0; i < handles.Length; i++)
        {
            var (r, a, s) = handles[i];
            Assert.Equal(w.Expected![i], one.Check(r.PrincipalId, in a, in s).IsAllowed);
            Assert.Equal(w.Expected![i], two.Check(r.PrincipalId, in a, in s).IsAllowed);
            Assert.Equal(w.Expected![i], one.Check(r.PrincipalId, in a, in s).IsAllowed);
        }
    }

    /// <summary>
    /// Handles shared by every request that names the same action or the same scope (as a caller that prepares each
    /// text once does), checked in a random order, twice, by an evaluator that sees them only as handles: every
    /// decision is the one a separate evaluator gives for the strings. A shared action handle meets principals and
    /// scopes whose roles its copy of the memo's facts does not hold yet; such a check must take the full path, never
    /// read an unknown outcome as "not in the role". Worlds without deny assignments half of the time, so that the
    /// bound path is open; group memberships folded into each member's grants, or given by a provider the evaluator
    /// must ask on every check (then the bound path must stay closed: the principal's own grants are not all it has).
    /// </summary>
    [Property(Arbitrary = [typeof(PreparedRequestTests.WithDenies)], MaxTest = 300)]
    public bool Prepared_SharedHandles_FreshEvaluator_SameDecisionsAsStrings(AccessWorld world, AccessRequest[] requests, int seed)
    {
        if ((seed & 1) == 0)
        {
            world = world with { Denies = [] };
        }

        var fold = (seed & 2) == 0;
        var strings = AccessEvaluator.Create(world.Snapshot, world.Options(foldGroups: fold));
        var prepared = AccessEvaluator.Create(world.Snapshot, world.Options(foldGroups: fold));
        var handles = PrepareShared(requests);
        var order = Enumerable.Range(0, handles.Length).OrderBy(i => (i * 7919) ^ seed).ToArray();
        for (var round = 0; round < 2; round++)
        {
            foreach (var i in order)
            {
                var (r, a, s) = handles[i];
                var got = prepared.Check(r.PrincipalId, in a, in s);
                var expected = strings.Check(r);
                if (got != expected)
                {
                    throw new InvalidOperationException($"{r} round {round}: prepared {got}, strings {expected}\n{world}");
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The shared workload's 100,000 requests as handles prepared once per distinct text (as the benchmark does), on a
    /// fresh evaluator that never sees a string: every decision is the expected one.
    /// </summary>
    [AccessWorkloadFact]
    public void Prepared_SharedWorkload_SharedHandlesOnly_ExpectedDecisions()
    {
        var w = SharedAccessWorkload.Value;
        var evaluator = AccessEvaluator.Create(w.Snapshot, w.Options);
        var handles = PrepareShared([.. Enumerable.Range(0, w.Count).Select(w.Request)]);
        Assert.Equal(w.Count, handles.Length);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < handles.Length; i++)
            {
                var (r, a, s) = handles[i];
                Assert.True(w.Expected![i] == evaluator.Check(r.PrincipalId, in a, in s).IsAllowed, $"request {i}, round {round}");
            }
        }
    }

    [Fact]
    public void PreparedAction_Read_MessageIsClippedAndHasNoControlCharacters()
    {
        var read = PreparedAction.Read("Microsoft.Compute/virtualMachines/read\n" + new string('a', 500), path: "requests[7].action");
        var error = Assert.Single(read.Errors);
        Assert.Equal(DiagnosticCodes.InvalidOperationName, error.Code);
        Assert.DoesNotContain('\n', error.Message);
        Assert.True(error.Message.Length < 450, error.Message);
        Assert.Contains("Microsoft.Compute/virtualMachines/read?", error.Message);
        Assert.Equal(DiagnosticCodes.InvalidOperationName, Assert.Single(PreparedAction.Read(null).Errors).Code);
        Assert.True(PreparedAction.Read("Microsoft.Compute/virtualMachines/read", isDataAction: true).Value.IsDataAction);
    }

    [Fact]
    public void ScopeBinding_IsTheBindingEvaluatorsOnly()
    {
        Assert.True(PreparedScope.TryPrepare("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg1", out var prepared));
        var handle = prepared.Handle!;
        Assert.False(handle.TryGetPlacement(5, out _, out _, out _));

        handle.Bind(5, 3, -1, covered: true);
        Assert.True(handle.TryGetPlacement(5, out var sub, out var rg, out var covered));
        Assert.Equal((3, -1, true), (sub, rg, covered));
        Assert.False(handle.TryGetPlacement(6, out _, out _, out _));
        Assert.False(handle.TryGetPlacement(0, out _, out _, out _));

        handle.Bind(6, -1, 0x7FFE, covered: false);
        Assert.False(handle.TryGetPlacement(5, out _, out _, out _));
        Assert.True(handle.TryGetPlacement(6, out sub, out rg, out covered));
        Assert.Equal((-1, 0x7FFE, false), (sub, rg, covered));

        handle.Bind(6, 0xFFFE, 0x7FFE, covered: true);
        Assert.True(handle.TryGetPlacement(6, out sub, out rg, out covered));
        Assert.Equal((0xFFFE, 0x7FFE, true), (sub, rg, covered));

        // Numbers that do not fit, and the identity 0, leave the binding as it was.
        handle.Bind(7, 0xFFFF, 0, covered: true);
        handle.Bind(7, 0, 0x7FFF, covered: true);
        handle.Bind(7, -2, 0, covered: true);
        handle.Bind(7, 0, -2, covered: true);
        handle.Bind(0, 1, 1, covered: true);
        Assert.False(handle.TryGetPlacement(7, out _, out _, out _));
        Assert.True(handle.TryGetPlacement(6, out sub, out rg, out covered));
        Assert.Equal((0xFFFE, 0x7FFE, true), (sub, rg, covered));
    }

    [Fact]
    public void ActionBinding_IsTheBindingEvaluatorsOnly()
    {
        Assert.True(PreparedAction.TryPrepare("Microsoft.Compute/virtualMachines/read", out var prepared));
        var handle = prepared.Handle!;
        var mine = new ActionCache(16, 1, ManagedServices.Operations.OperationCatalog.Azure);
        var theirs = new ActionCache(16, 1, ManagedServices.Operations.OperationCatalog.Azure);
        var entry = theirs.GetOrAdd(handle.Name, handle.Hash)!;
        handle.Bind(entry);
        Assert.Same(entry, handle.TryGetEntry(theirs));
        Assert.Null(handle.TryGetEntry(mine));
    }

    /// <summary>The requests that can be prepared, each distinct action (with its data flag) and scope text prepared once.</summary>
    private static (AccessRequest Request, PreparedAction Action, PreparedScope Scope)[] PrepareShared(AccessRequest[] requests)
    {
        var actions = new Dictionary<(string, bool), PreparedAction>();
        var scopes = new Dictionary<string, PreparedScope>(StringComparer.Ordinal);
        var result = new List<(AccessRequest, PreparedAction, PreparedScope)>();
        foreach (var r in requests)
        {
            if (r.Action is null || r.Scope is null)
            {
                continue;
            }

            if (!actions.TryGetValue((r.Action, r.IsDataAction), out var a) && PreparedAction.TryPrepare(r.Action, r.IsDataAction, out a))
            {
                actions[(r.Action, r.IsDataAction)] = a;
            }

            if (!scopes.TryGetValue(r.Scope, out var s) && PreparedScope.TryPrepare(r.Scope, out s))
            {
                scopes[r.Scope] = s;
            }

            if (a.IsPrepared && s.IsPrepared)
            {
                result.Add((new AccessRequest(r.PrincipalId, r.Action, r.Scope) { IsDataAction = r.IsDataAction }, a, s));
            }
        }

        return [.. result];
    }

    /// <summary>The requests that can be prepared, as plain string requests with their handles.</summary>
    internal static (AccessRequest Request, PreparedAction Action, PreparedScope Scope)[] Prepare(AccessRequest[] requests) =>
        [.. requests
            .Select(r => (Request: new AccessRequest(r.PrincipalId, r.Action, r.Scope) { IsDataAction = r.IsDataAction }, r))
            .Select(x => (x.Request, Ok: PreparedAction.TryPrepare(x.r.Action, x.r.IsDataAction, out var a) & PreparedScope.TryPrepare(x.r.Scope, out var s), a, s))
            .Where(x => x.Ok)
            .Select(x => (x.Request, x.a, x.s))];

    /// <summary>
    /// The text, or an adversarial spelling of it: <see cref="PreparedRequestTests.Variant"/> (ASCII case flipped, a
    /// non-letter shifted by 0x20, a non-ASCII look-alike), /rg1 and /rg10 swapped, one or two trailing '/', or all
    /// upper case.
    /// </summary>
    private static Gen<string> Spelled(string text) => Gen.OneOf(
        PreparedRequestTests.Variant(text),
        Gen.Elements(
            text.Contains("/rg10", StringComparison.OrdinalIgnoreCase)
                ? text.Replace("/rg10", "/rg1", StringComparison.OrdinalIgnoreCase)
                : text.Replace("/rg1", "/rg10", StringComparison.OrdinalIgnoreCase),
            text + "/",
            text + "//",
            text.ToUpperInvariant()));
}
