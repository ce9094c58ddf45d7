using Xunit.Abstractions;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Tests.Access;

namespace ManagedServices.Tests.Hardening;

/// <summary>
/// Readers checking requests while a writer swaps snapshots see, for every decision, the decision of one of the two
/// snapshots; a batch of checks against one <see cref="AccessEvaluatorHolder.Current"/> comes from one snapshot; and
/// concurrent <see cref="AccessEvaluatorHolder.Update"/> calls lose nothing. Bounded by counts, not by the clock: each
/// reader makes <see cref="ChecksPerReader"/> checks and goes on until the writer has swapped at least
/// <see cref="MinSwaps"/> times, so a starved thread on a busy machine slows the test down but cannot fail it.
/// </summary>
public class ConcurrencyStressTests(ITestOutputHelper output)
{
    /// <summary>Reader threads.</summary>
    public const int Readers = 3;

    /// <summary>Most swaps by the writer, which swaps while readers run (every 25th builds a fresh evaluator through <see cref="AccessEvaluatorHolder.Update"/>).</summary>
    public const int Swaps = 50_000;

    /// <summary>Checks per reader (more while the writer has not yet swapped <see cref="MinSwaps"/> times).</summary>
    public const int ChecksPerReader = 100_000;

    /// <summary>Swaps the readers wait for, however the threads are scheduled.</summary>
    public const int MinSwaps = 50;

    /// <summary>A guard against a hung thread (a deadlock), not a speed limit.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    private const string SubA = "ed40e6c1-4292-4dd6-88f1-89e0da98d68b";
    private const string SubB = "d8ad3a03-7d6f-4c1c-9ef9-96af50fbc39f";

    [Fact]
    public void Check_WhileSnapshotsAreSwapped_EveryDecisionMatchesOneSnapshot()
    {
        var options = new AccessEvaluatorOptions { RoleCatalog = AccessArbitraries.Catalog };
        var a = DelegationSnapshot.Create(
        [
            Delegation("/subscriptions/" + SubA, AccessArbitraries.Users[0], AccessArbitraries.ContributorLike),
            Delegation("/subscriptions/" + SubA + "/resourceGroups/rg1", AccessArbitraries.Users[1], AccessArbitraries.ReaderLike),
            Delegation("/subscriptions/" + SubB, AccessArbitraries.Users[2], AccessArbitraries.ComputeLike),
        ]);

        // B: the first delegation removed (a provider offboarded), another updated, one added.
        var b = DelegationSnapshot.Create(
        [
            Delegation("/subscriptions/" + SubA + "/resourceGroups/rg1", AccessArbitraries.Users[1], AccessArbitraries.ContributorLike),
            Delegation("/subscriptions/" + SubB, AccessArbitraries.Users[2], AccessArbitraries.ComputeLike),
            Delegation("/subscriptions/" + SubB + "/resourceGroups/rg10", AccessArbitraries.Users[0], AccessArbitraries.TwoBlocks),
        ]);
        var ea = AccessEvaluator.Create(a, options);
        var eb = AccessEvaluator.Create(b, options);

        var requests = (
            from user in AccessArbitraries.Users
            from action in AccessArbitraries.Actions
            from scope in new[]
            {
                "/subscriptions/" + SubA, "/subscriptions/" + SubA + "/resourceGroups/rg1", "/subscriptions/" + SubA + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1",
                "/subscriptions/" + SubB, "/subscriptions/" + SubB + "/resourceGroups/rg10",
            }
            select new AccessRequest(user, action, scope)).ToArray();
        var expectedA = requests.Select(r => ea.Check(r)).ToArray();
        var expectedB = requests.Select(r => eb.Check(r)).ToArray();
        var differing = Enumerable.Range(0, requests.Length).Count(i => expectedA[i] != expectedB[i]);
        Assert.True(differing > requests.Length / 10, $"only {differing} of {requests.Length} requests tell the snapshots apart");

        var holder = new AccessEvaluatorHolder(ea);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        long checks = 0;
        long batches = 0;
        var swaps = 0;
        var running = Readers;

        var readers = Enumerable.Range(0, Readers).Select(t => new Thread(() =>
        {
            var i = t * 7919;
            var local = 0L;
            while ((local < ChecksPerReader || Volatile.Read(ref swaps) < MinSwaps) && failures.IsEmpty)
            {
                var k = i++ % requests.Length;
                if (local % 64 == 0)
                {
                    // A batch against one evaluator must come from one snapshot entirely.
                    var current = holder.Current;
                    var fromA = true;
                    var fromB = true;
                    for (var j = 0; j < 32; j++)
                    {
                        var q = (k + j) % requests.Length;
                        var d = current.Check(requests[q]);
                        fromA &= d == expectedA[q];
                        fromB &= d == expectedB[q];
                    }

                    if (!fromA && !fromB)
                    {
                        failures.Enqueue("a batch mixed the two snapshots");
                    }

                    Interlocked.Increment(ref batches);
                    local += 32;
                    continue;
                }

                var decision = holder.Check(requests[k]);
                if (decision != expectedA[k] && decision != expectedB[k])
                {
                    failures.Enqueue($"{requests[k]}: {decision}, expected {expectedA[k]} or {expectedB[k]}");
                }

                if (++local % 256 == 0)
                {
                    Thread.Yield(); // leave the writer room on a small machine
                }
            }

            Interlocked.Add(ref checks, local);
            Interlocked.Decrement(ref running);
        })).ToArray();

        var writer = new Thread(() =>
        {
            for (var s = 0; s < Swaps && Volatile.Read(ref running) > 0 && failures.IsEmpty; s++)
            {
                var target = s % 2 == 0 ? b : a;
                if (s % 25 == 0)
                {
                    holder.Update(_ => target);
                }
                else
                {
                    holder.Exchange(s % 2 == 0 ? eb : ea);
                }

                Interlocked.Increment(ref swaps);
                Thread.Yield();
            }
        });

        Thread[] all = [.. readers, writer];
        foreach (var thread in all)
        {
            thread.Start();
        }

        foreach (var thread in all)
        {
            Assert.True(thread.Join(HangGuard), "a thread did not finish");
        }

        output.WriteLine($"{Readers} readers, {checks} checks ({batches} single-snapshot batches), {swaps} swaps");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)));
        Assert.True(swaps >= MinSwaps, $"only {swaps} swaps");
        Assert.True(checks >= 10_000, $"only {checks} checks");
        Assert.True(batches > 0);
    }

    [Fact]
    public void Update_ConcurrentWriters_LoseNoUpdate()
    {
        const int PerWriter = 60;
        var holder = new AccessEvaluatorHolder(AccessEvaluator.Create(DelegationSnapshot.Empty, new AccessEvaluatorOptions { RoleCatalog = AccessArbitraries.Catalog }));
        var writers = Enumerable.Range(0, 2).Select(w => new Thread(() =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var added = Delegation("/subscriptions/" + SubA + "/resourceGroups/rg-" + w + "-" + i, AccessArbitraries.Users[w], AccessArbitraries.ReaderLike);
                holder.Update(s => DelegationSnapshot.Create(s.Delegations.Add(added)));
            }
        })).ToArray();
        foreach (var thread in writers)
        {
            thread.Start();
        }

        foreach (var thread in writers)
        {
            Assert.True(thread.Join(HangGuard), "a writer did not finish");
        }

        var final = holder.Current;
        Assert.Equal(2 * PerWriter, final.Snapshot.Delegations.Length);
        Assert.True(final.Check(new AccessRequest(AccessArbitraries.Users[1], "Microsoft.Compute/virtualMachines/read", "/subscriptions/" + SubA + "/resourceGroups/rg-1-" + (PerWriter - 1))).IsAllowed);
    }

    [Fact]
    public void Holder_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new AccessEvaluatorHolder(null!));
        var holder = new AccessEvaluatorHolder(AccessEvaluator.Create(DelegationSnapshot.Empty));
        Assert.Throws<ArgumentNullException>(() => holder.Exchange(null!));
        Assert.Throws<ArgumentNullException>(() => holder.Update(null!));
        Assert.Throws<ArgumentNullException>(() => holder.Update(_ => null!));
        Assert.Same(DelegationSnapshot.Empty, holder.Current.Snapshot);
    }

    private static Delegation Delegation(string scope, PrincipalId user, RoleDefinitionId role) => new()
    {
        CustomerTenantId = AccessArbitraries.CustomerA,
        AssignmentId = Guid.Parse("aa000000-0000-4000-8000-" + ((uint)scope.GetHashCode(StringComparison.Ordinal)).ToString("x12", System.Globalization.CultureInfo.InvariantCulture)),
        Scope = ResourceScope.Parse(scope),
        Definition = new RegistrationDefinition
        {
            Id = Guid.Parse("de000000-0000-4000-8000-000000000001"),
            Name = "Offer",
            Manifest = new DelegationManifest
            {
                ManagingTenantId = AccessArbitraries.ManagingA,
                Authorizations = [new Authorization { Principal = Principal.User(user), RoleDefinitionId = role }],
            },
        },
    };
}
