using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Benchmarks;
using ManagedServices.Offers;

namespace ManagedServices.Tests.Access;

/// <summary>
/// The prepared request API (<see cref="PreparedAction"/>, <see cref="PreparedScope"/>) against string checks, and the
/// evaluator's memos (action and scope) against an evaluator without them: neither may change a decision.
/// </summary>
public class PreparedRequestTests
{
    /// <summary>The string request a prepared check stands for.</summary>
    private static AccessRequest Plain(AccessRequest r) =>
        new AccessRequest(r.PrincipalId, r.Action, r.Scope) { IsDataAction = r.IsDataAction };

    /// <summary>
    /// Prepared checks decide exactly as string checks, or the input cannot be prepared and the string check says
    /// MalformedRequest; with the default cache, without a cache, and with a cache of one entry (mostly full).
    /// </summary>
    [Property(Arbitrary = [typeof(WithDenies)], MaxTest = 400)]
    public bool Prepared_RandomRequests_SameDecisionAsStrings(AccessWorld world, AccessRequest[] requests)
    {
        foreach (var capacity in new[] { 16384, 0, 1 })
        {
            var evaluator = AccessEvaluator.Create(world.Snapshot, world.Options(actionCacheCapacity: capacity));
            foreach (var raw in requests)
            {
                var r = Plain(raw);
                var expected = evaluator.Check(r);
                var action = PreparedAction.TryPrepare(r.Action, r.IsDataAction, out var a);
                var scope = PreparedScope.TryPrepare(r.Scope, out var s);
                var actionRead = PreparedAction.Read(r.Action, r.IsDataAction, "action");
                var scopeRead = PreparedScope.Read(r.Scope, "scope");
                if (action != !actionRead.HasErrors || scope != !scopeRead.HasErrors ||
                    (action && (actionRead.Value.Name != a.Name || actionRead.Value.IsDataAction != a.IsDataAction)) ||
                    (scope && (scopeRead.Value.Scope != s.Scope || scopeRead.Value.Kind != s.Kind)))
                {
                    throw new InvalidOperationException($"{r}: TryPrepare and Read disagree");
                }

                if (action && scope)
                {
                    var got = evaluator.Check(r.PrincipalId, in a, in s);
                    if (got != expected)
                    {
                        throw new InvalidOperationException($"{r} cache {capacity}: prepared {got}, strings {expected}\n{world}");
                    }
                }
                else if (expected.Reason != AccessReason.MalformedRequest)
                {
                    throw new InvalidOperationException($"{r}: not prepared ({string.Join("; ", actionRead.Diagnostics.Concat(scopeRead.Diagnostics))}) but the string check says {expected}");
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The shared workload as handles and as whole prepared requests (<see cref="PreparedRequest"/>): every decision is
    /// the expected one and the string check's, every request is bound to the evaluator (no deny assignments, groups
    /// folded, only permanent grants of ordinary roles), and a round of either kind allocates nothing.
    /// </summary>
    [AccessWorkloadFact]
    public void Prepared_SharedWorkload_SameDecisionsAsStringsAndAllocatesNothing()
    {
        var w = SharedAccessWorkload.Value;
        var evaluator = AccessEvaluator.Create(w.Snapshot, w.Options);
        var prepared = Prepare(w);
        var requests = prepared.Select(x => evaluator.Prepare(x.Principal, in x.Action, in x.Scope)).ToArray();
        for (var i = 0; i < w.Count; i++)
        {
            var (p, a, s) = prepared[i];
            var expected = evaluator.Check(w.Request(i));
            Assert.Equal(expected, evaluator.Check(p, in a, in s));
            Assert.Equal(expected, evaluator.Check(in requests[i]));
            Assert.Equal(w.Expected![i], expected.IsAllowed);
        }

        Assert.Equal(w.Count, requests.Count(r => r.IsBound));
        foreach (var whole in new[] { false, true })
        {
            var least = long.MaxValue;
            for (var round = 0; round < 4; round++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var allowed = 0;
                for (var i = 0; i < prepared.Length; i++)
                {
                    ref readonly var x = ref prepared[i];
                    allowed += (whole ? evaluator.Check(in requests[i]) : evaluator.Check(x.Principal, in x.Action, in x.Scope)).IsAllowed ? 1 : 0;
                }

                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
                Assert.Equal(39_206, allowed);
            }

            Assert.Equal(0, least);
        }
    }

    [Fact]
    public void Prepared_HandlesAndRequestsOutliveAnEvaluatorSwap()
    {
        var w = AccessWorkload.Generate(delegations: 30, authorizationsPerDelegation: 8, requests: 2_000, seed: 11);
        var prepared = Prepare(w);
        var first = AccessEvaluator.Create(w.Snapshot, w.Options);
        var fewer = DelegationSnapshot.Create(w.Snapshot.Delegations.Where((_, i) => i % 3 != 0));
        var second = AccessEvaluator.Create(fewer, new AccessEvaluatorOptions { Groups = w.Groups, ActionCacheCapacity = 64 });
        var changed = 0;
        for (var i = 0; i < w.Count; i++)
        {
            var (p, a, s) = prepared[i];
            var before = first.Check(p, in a, in s);
            var after = second.Check(p, in a, in s);
            Assert.Equal(first.Check(w.Request(i)), before);
            Assert.Equal(second.Check(w.Request(i)), after);

            // A whole request prepared by the first evaluator gets the second's decision, and again once re-prepared.
            var request = first.Prepare(p, in a, in s);
            Assert.Equal(before, first.Check(in request));
            Assert.Equal(after, second.Check(in request));
            Assert.Equal(after, second.Check(second.Prepare(p, in a, in s)));
            changed += before.IsAllowed != after.IsAllowed ? 1 : 0;
        }

        Assert.True(changed > 0, "the swap changed no decision, so the test shows nothing");
    }

    [Theory]
    [InlineData("Microsoft.Compute/*")]
    [InlineData("Microsoft.Compute/virtualMachines/read/")]
    [InlineData("Microsoft.Compute/virtualMachines//read")]
    [InlineData("Microsoft.Compute/virtualMachines/read ")]
    [InlineData("Microsoft.Compute/virtualMachinés/read")]
    [InlineData("Microsoft/virtualMachines/read")]
    [InlineData("Microsoft.Compute/./read")]
    [InlineData("")]
    [InlineData(null)]
    public void PreparedAction_MalformedName_IsNotPrepared(string? action)
    {
        Assert.False(PreparedAction.TryPrepare(action, out var prepared));
        Assert.False(prepared.IsPrepared);
        var read = PreparedAction.Read(action, path: "requests[0].action");
        Assert.False(read.Value.IsPrepared);
        var error = Assert.Single(read.Errors);
        Assert.Equal(DiagnosticCodes.InvalidOperationName, error.Code);
        Assert.Equal("requests[0].action", error.Path);
        Assert.True(read.HasErrors);
    }

    [Theory]
    [InlineData("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68g")]
    [InlineData("/subscriptions/{ed40e6c1-4292-4dd6-88f1-89e0da98d68b}")]
    [InlineData("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg.")]
    [InlineData("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg1//")]
    [InlineData("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg1/providers/Microsoft.Compute")]
    [InlineData("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/../providers/Microsoft.Compute/virtualMachines/vm1")]
    [InlineData("subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b")]
    [InlineData("")]
    [InlineData(null)]
    public void PreparedScope_MalformedScope_IsNotPrepared(string? scope)
    {
        Assert.False(PreparedScope.TryPrepare(scope, out var prepared));
        Assert.False(prepared.IsPrepared);
        Assert.Equal(ScopeKind.None, prepared.Kind);
        var read = PreparedScope.Read(scope, "scope");
        Assert.False(read.Value.IsPrepared);
        var error = Assert.Single(read.Errors);
        Assert.Equal(DiagnosticCodes.InvalidScope, error.Code);
        Assert.Equal("scope", error.Path);
        Assert.Equal(ResourceScope.Read(scope, "scope").Errors.Single().Message, error.Message);
    }

    /// <summary>A scope is prepared exactly when <see cref="ResourceScope.TryParse(string?, out ResourceScope)"/> accepts it, with the same level.</summary>
    [Property(MaxTest = 2000)]
    public Property PreparedScope_MutatedScopes_AgreesWithResourceScope() => Prop.ForAll(
        Arb.From(Mutated(AccessArbitraries.ScopeText())),
        text =>
        {
            var prepared = PreparedScope.TryPrepare(text, out var p);
            var parsed = ResourceScope.TryParse(text, out var scope);
            return prepared == parsed && (!prepared || p.Kind == scope.Kind);
        });

    [Fact]
    public void Check_DefaultHandles_AreMalformed()
    {
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Empty);
        Assert.True(PreparedAction.TryPrepare("Microsoft.Compute/virtualMachines/read", out var action));
        Assert.True(PreparedScope.TryPrepare("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b", out var scope));
        var principal = AccessArbitraries.Users[0];
        Assert.Equal(AccessReason.MalformedRequest, evaluator.Check(principal, default, in scope).Reason);
        Assert.Equal(AccessReason.MalformedRequest, evaluator.Check(principal, in action, default).Reason);
        Assert.Equal(AccessReason.MalformedRequest, evaluator.Check(principal, default, default).Reason);
        Assert.Equal(evaluator.Check(new AccessRequest(principal, "Microsoft.Compute/virtualMachines/read", "/subscriptions/x")), evaluator.Check(principal, in action, default));
    }

    /// <summary>
    /// The memos never change a decision: after an evaluator has seen a request, look-alike variants of its action and
    /// scope (other ASCII letter case, a non-letter shifted by 0x20, a non-ASCII look-alike of a letter) are decided
    /// as an evaluator without memos decides them.
    /// </summary>
    [Property(Arbitrary = [typeof(AccessEvaluatorPropertyTests.Generators)], MaxTest = 300)]
    public Property Memos_LookAlikeVariants_DecidedAsWithoutMemos(AccessWorld world, AccessRequest request) => Prop.ForAll(
        Arb.From(Gen.ArrayOf(Gen.Zip(Variant(request.Action ?? ""), Variant(request.Scope ?? "")), 8)),
        variants =>
        {
            var options = world.Options();
            var cached = AccessEvaluator.Create(world.Snapshot, options);
            var uncached = AccessEvaluator.Create(world.Snapshot, new AccessEvaluatorOptions
            {
                RoleCatalog = options.RoleCatalog,
                Groups = options.Groups,
                TimeProvider = options.TimeProvider,
                Activations = options.Activations,
                ActionCacheCapacity = 0,
            });
            cached.Check(request);
            foreach (var (action, scope) in variants)
            {
                var r = new AccessRequest(request.PrincipalId, action, scope);
                if (cached.Check(r) != uncached.Check(r))
                {
                    throw new InvalidOperationException($"{r}: cached {cached.Check(r)}, uncached {uncached.Check(r)}");
                }
            }

            return true;
        });

    [Theory]
    [InlineData("Microsoft.Compute/virtualMachines/read", "microsoft.compute/VIRTUALMACHINES/READ", true)]
    [InlineData("a@b", "a`b", false)]
    [InlineData("a[b", "a{b", false)]
    [InlineData("a^b", "a~b", false)]
    [InlineData("rg-kube", "rg-\u212Aube", false)]
    [InlineData("Microsoft.Compute", "M\u0131crosoft.Compute", false)]
    [InlineData("Microsoft.Compute", "Microsoft.Compute ", false)]
    public void AsciiEqualsIgnoreCase_OnlyAsciiLettersFold(string a, string b, bool equal)
    {
        Assert.Equal(equal, RequestText.AsciiEqualsIgnoreCase(a, b));
        Assert.Equal(equal, RequestText.AsciiEqualsIgnoreCase(b, a));
    }

    [Property(MaxTest = 1000)]
    public bool HashIgnoreCase_AsciiCaseVariants_HashAlike(NonEmptyString s, int seed)
    {
        var random = new Random(seed);
        var chars = s.Get.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsAsciiLetter(chars[i]) && random.Next(2) == 0)
            {
                chars[i] = (char)(chars[i] ^ 0x20);
            }
        }

        return RequestText.HashIgnoreCase(s.Get) == RequestText.HashIgnoreCase(new string(chars));
    }

    /// <summary>Every request of a workload as a principal ID and handles (each request prepared on its own).</summary>
    internal static (PrincipalId Principal, PreparedAction Action, PreparedScope Scope)[] Prepare(AccessWorkload w)
    {
        var result = new (PrincipalId, PreparedAction, PreparedScope)[w.Count];
        for (var i = 0; i < w.Count; i++)
        {
            Assert.True(PreparedAction.TryPrepare(w.Actions[i], out var a));
            Assert.True(PreparedScope.TryPrepare(w.Scopes[i], out var s));
            result[i] = (PrincipalId.Parse(w.Principals[i]), a, s);
        }

        return result;
    }

    /// <summary>Worlds with deny assignments, and the usual requests.</summary>
    public static class WithDenies
    {
        public static Arbitrary<AccessWorld> World() => Arb.From(AccessArbitraries.WorldWithDenies());

        public static Arbitrary<AccessRequest> Request() => AccessArbitraries.RequestArbitrary();
    }

    private static readonly char[] LookAlikes = ['\u0131', '\u017F', '\u212A', '\u0130', '\uFF41', '\u0435', '\u00A0', 'é', ' ', '*', '/', '.'];

    /// <summary>The text, or a variant: letters' case flipped, a non-letter shifted by 0x20, or a look-alike put in.</summary>
    internal static Gen<string> Variant(string text) =>
        from mode in Gen.Choose(0, 3)
        from at in Gen.Choose(0, Math.Max(0, text.Length - 1))
        from flips in Gen.ArrayOf(Gen.Elements(true, false), text.Length)
        from look in Gen.Elements(LookAlikes)
        select text.Length == 0 ? text : mode switch
        {
            0 => new string([.. text.Select((c, i) => flips[i] && char.IsAsciiLetter(c) ? (char)(c ^ 0x20) : c)]),
            1 => text[..at] + (char)(text[at] ^ 0x20) + text[(at + 1)..],
            2 => text[..at] + look + text[(at + 1)..],
            _ => text,
        };

    private static Gen<string> Mutated(Gen<string> scopes) =>
        from s in scopes
        from at in Gen.Choose(0, 200)
        from mode in Gen.Choose(0, 3)
        from c in Gen.Elements('g', 'G', '-', '/', '0', 'é', ' ', '.', '\u212A', '{')
        let i = s.Length == 0 ? 0 : at % s.Length
        select mode switch
        {
            0 => s.Remove(i, 1),
            1 => s.Insert(i, c.ToString()),
            2 => s[..i] + c + s[(i + 1)..],
            _ => s + "/",
        };
}
