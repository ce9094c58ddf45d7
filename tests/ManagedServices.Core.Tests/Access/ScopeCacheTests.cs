using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;

namespace ManagedServices.Tests.Access;

/// <summary>
/// The scope memo keeps its entries inline in the slot array (text, hash, packed facts). A hit must give the facts of
/// the very text asked about (up to ASCII letter case), whatever the collisions and however many threads add at once.
/// </summary>
public class ScopeCacheTests
{
    private const string Sub = "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b";

    [Property(MaxTest = 500)]
    public bool Pack_RoundTripsOrRefuses(int kind, int subscription, int resourceGroup)
    {
        var facts = new ScopeFacts((ScopeKind)(Math.Abs(kind % 6)), subscription % (1 << 29), resourceGroup % (1 << 29));
        var fits = facts.Subscription is >= -1 and < (1 << 28) - 1 && facts.ResourceGroup is >= -1 and < (1 << 28) - 1;
        return ScopeCache.TryPack(facts, out var packed) == fits && (!fits || ScopeCache.Unpack(packed) == facts);
    }

    [Theory]
    [InlineData(-1, -1, true)]
    [InlineData(0, 0, true)]
    [InlineData((1 << 28) - 2, (1 << 28) - 2, true)]
    [InlineData((1 << 28) - 1, 0, false)]
    [InlineData(0, (1 << 28) - 1, false)]
    [InlineData(-2, 0, false)]
    [InlineData(0, int.MinValue, false)]
    public void Pack_Boundaries(int subscription, int resourceGroup, bool fits)
    {
        var facts = new ScopeFacts(ScopeKind.Resource, subscription, resourceGroup);
        Assert.Equal(fits, ScopeCache.TryPack(facts, out var packed));
        if (fits)
        {
            Assert.Equal(facts, ScopeCache.Unpack(packed));
        }
    }

    /// <summary>
    /// Every text hashed alike (one long probe chain): a look-up finds each text's own facts, its ASCII case variants
    /// too, and never a neighbour's (/rg1 against /rg10, a trailing '/', a non-ASCII look-alike).
    /// </summary>
    [Fact]
    public void TryGet_AllCollide_EachTextItsOwnFacts()
    {
        var cache = new ScopeCache(64);
        var texts = Texts(40);
        for (var i = 0; i < texts.Length; i++)
        {
            cache.Add(texts[i], 7, new ScopeFacts(ScopeKind.ResourceGroup, i, i * 3));
        }

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(cache.TryGet(new string(texts[i]), 7, out var facts));
            Assert.Equal(new ScopeFacts(ScopeKind.ResourceGroup, i, i * 3), facts);
            Assert.True(cache.TryGet(texts[i].ToUpperInvariant(), 7, out facts));
            Assert.Equal(i, facts.Subscription);
        }

        Assert.False(cache.TryGet(Sub + "/resourceGroups/rg1000", 7, out _));
        Assert.False(cache.TryGet(texts[1] + "/", 7, out _));
        Assert.False(cache.TryGet(texts[1].Replace('k', '\u212A'), 7, out _));
        Assert.False(cache.TryGet(new string(texts[1]), 8, out _)); // an equal text of another hash: not looked for by text
    }

    /// <summary>
    /// Four threads add the same colliding texts in different orders while two threads read: every hit, during and
    /// after, gives the text's own facts.
    /// </summary>
    [Fact]
    public void AddAndTryGet_Concurrent_NeverAnotherTextsFacts()
    {
        for (var run = 0; run < 20; run++)
        {
            var cache = new ScopeCache(128);
            var texts = Texts(100);
            var wrong = 0;
            var hits = 0;
            var writers = 0;
            Parallel.For(0, 6, worker =>
            {
                if (worker < 4)
                {
                    var order = Enumerable.Range(0, texts.Length).OrderBy(i => (i * (worker + 3)) % 101).ToArray();
                    foreach (var i in order)
                    {
                        cache.Add(texts[i], i % 3, new ScopeFacts(ScopeKind.Resource, i, -1));
                    }

                    Interlocked.Increment(ref writers);
                    return;
                }

                while (Volatile.Read(ref writers) < 4)
                {
                    for (var i = 0; i < texts.Length; i++)
                    {
                        if (cache.TryGet(texts[i].ToLowerInvariant(), i % 3, out var facts))
                        {
                            Interlocked.Increment(ref hits);
                            if (facts != new ScopeFacts(ScopeKind.Resource, i, -1))
                            {
                                Interlocked.Increment(ref wrong);
                            }
                        }
                    }
                }
            });

            Assert.Equal(0, wrong);
            for (var i = 0; i < texts.Length; i++)
            {
                if (cache.TryGet(texts[i], i % 3, out var facts))
                {
                    Assert.Equal(new ScopeFacts(ScopeKind.Resource, i, -1), facts);
                }
            }
        }
    }

    [Fact]
    public void Check_RemembersEachValidAsciiScopeOnce_AndDecidesAlikeOnAHit()
    {
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Empty);
        var principal = "6a8b8c1e-0f5d-4c77-9a51-3f0e3b1d2c4a";
        const string Action = "Microsoft.Compute/virtualMachines/read";
        string[] valid = [Sub, Sub + "/resourceGroups/rg1", .. Texts(3)];
        string[] notRemembered = ["/subscriptions/not-a-guid", "", Sub + "/resourceGroups/rg\u00e9"];

        var first = valid.Concat(notRemembered).Select(s => evaluator.Check(new AccessRequest(principal, Action, s))).ToArray();
        Assert.Equal(valid.Length, evaluator.CachedScopes);

        // The same scopes again, and in upper case: hits, nothing added, the same decisions.
        var again = valid.Concat(notRemembered).Select(s => evaluator.Check(new AccessRequest(principal, Action, s))).ToArray();
        var upper = valid.Select(s => evaluator.Check(new AccessRequest(principal, Action, s.ToUpperInvariant()))).ToArray();
        Assert.Equal(valid.Length, evaluator.CachedScopes);
        Assert.Equal(first, again);
        Assert.Equal(first.Take(valid.Length), upper);
        Assert.Equal(AccessReason.MalformedRequest, first[valid.Length].Reason);
        Assert.Equal(AccessReason.NoDelegationCoversScope, first[0].Reason);
    }

    private static string[] Texts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{Sub}/resourceGroups/rg{i}/providers/Microsoft.Kusto/clusters/k{i}")];
}
