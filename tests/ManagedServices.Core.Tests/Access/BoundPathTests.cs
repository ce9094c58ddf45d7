using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Operations;

namespace ManagedServices.Tests.Access;

/// <summary>
/// The pieces of the bound path of prepared checks: the principal index (one open-addressing table keyed by GUID) and
/// the copy of an evaluator's memo facts that an action handle holds. The decisions themselves are held to string
/// checks and the reference evaluator by <see cref="PreparedBindingTests"/> and <see cref="PreparedRequestTests"/>.
/// </summary>
public class BoundPathTests
{
    /// <summary>
    /// The index finds exactly its keys, against a dictionary: GUIDs that share one 8-byte half with a key (so a
    /// comparison of one half would match), the empty GUID, and random ones.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool PrincipalIndex_FindsExactlyItsKeys(Guid[] keys, Guid[] probes)
    {
        var distinct = keys.Where(k => k != Guid.Empty).Distinct().ToArray();
        var values = distinct.ToDictionary(k => k, _ => new PrincipalGrants([]));
        var index = new PrincipalIndex(values);
        var halves = distinct.SelectMany(k => new[] { WithHalf(k, 0), WithHalf(k, 1) });
        foreach (var probe in probes.Concat(distinct).Concat(halves).Append(Guid.Empty))
        {
            var found = index.TryGetValue(probe, out var grants);
            var expected = values.TryGetValue(probe, out var want);
            if (found != expected || !ReferenceEquals(grants, want))
            {
                throw new InvalidOperationException($"{probe}: index {found}, dictionary {expected}");
            }
        }

        return index.Count == distinct.Length;
    }

    [Fact]
    public void PrincipalIndex_EmptyGuidIsNeverAKey_AndADuplicateIsAProgrammerError()
    {
        var grants = new PrincipalGrants([]);
        var index = new PrincipalIndex([KeyValuePair.Create(Guid.Empty, grants)]);
        Assert.Equal(0, index.Count);
        Assert.False(index.TryGetValue(Guid.Empty, out _));

        var key = Guid.NewGuid();
        Assert.Throws<ArgumentException>(() => new PrincipalIndex([KeyValuePair.Create(key, grants), KeyValuePair.Create(key, grants)]));
    }

    /// <summary>Thousands of keys that differ in one byte only (many share a half): every one is found, none other.</summary>
    [Fact]
    public void PrincipalIndex_ManyNearKeys_AllFound()
    {
        var keys = Enumerable.Range(1, 5000).Select(i => new Guid(i, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)(i & 0xFF))).ToArray();
        var values = keys.ToDictionary(k => k, _ => new PrincipalGrants([]));
        var index = new PrincipalIndex(values);
        Assert.All(keys, k => Assert.True(index.TryGetValue(k, out var g) && ReferenceEquals(g, values[k])));
        Assert.False(index.TryGetValue(new Guid(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2), out _));
        Assert.False(index.TryGetValue(new Guid(5001, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), out _));
    }

    /// <summary>
    /// A principal's grants by subscription number, dense (one array indexed by number) or sparse (sorted numbers,
    /// scanned or halved): both find exactly the lists they were given, for any number asked, negative ones included.
    /// </summary>
    [Property(MaxTest = 500)]
    public bool PrincipalGrants_FindExactlyTheirSubscriptions(NonNegativeInt[] numbers, int[] probes, bool spread)
    {
        var keys = numbers.Select(n => spread ? n.Get * 37 : n.Get % 50).Distinct().ToArray();
        // Each list has its own (empty) grant array, so the array's identity tells which list was found.
#pragma warning disable CA1825 // distinct empty arrays on purpose: Array.Empty would make every list look the same
        var lists = keys.ToDictionary(k => k, _ => new GrantList(new CompiledGrant[0]));
#pragma warning restore CA1825
        var grants = new PrincipalGrants(lists);
        foreach (var probe in probes.Concat(keys).Concat([-1, int.MinValue, int.MaxValue, keys.DefaultIfEmpty(0).Max() + 1]))
        {
            ref readonly var list = ref grants.Find(probe);
            var found = list.Exists;
            if (found != lists.TryGetValue(probe, out var want) || !ReferenceEquals(list.Grants, want.Grants))
            {
                throw new InvalidOperationException($"subscription {probe}: found {found}");
            }
        }

        return true;
    }

    /// <summary>
    /// No list (<see cref="GrantList.None"/>, the default) grants no role at any scope and reads no array doing so, so
    /// a caller that asks for its mask before checking <see cref="GrantList.Exists"/> gets 0, not an exception.
    /// </summary>
    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(0x7FFE)]
    public void NoList_GrantsNoRole_AtAnyScope(int resourceGroup)
    {
        Assert.False(GrantList.None.Exists);
        Assert.Equal(0UL, GrantList.None.MaskAt(resourceGroup));
        Assert.Equal(0UL, default(GrantList).MaskAt(resourceGroup));
    }

    [Fact]
    public void ActionHandle_OutcomeCopy_IsTheCopyingEvaluatorsOnly()
    {
        Assert.True(PreparedAction.TryPrepare("Microsoft.Compute/virtualMachines/read", out var prepared));
        var handle = prepared.Handle!;
        var cache = new ActionCache(16, 3, OperationCatalog.Azure);
        var entry = cache.GetOrAdd(handle.Name, handle.Hash)!;
        Assert.False(handle.TryGetOutcomes(5, out _)); // nothing copied yet

        entry.Set(0, RoleOutcome.Permits);
        entry.Set(2, RoleOutcome.Excluded);
        handle.Remember(5, entry);
        Assert.True(handle.TryGetOutcomes(5, out var copy));
        Assert.Equal(new BoundOutcomes(0b101, 0b001, 0b100, entry.Plane), copy);
        Assert.False(handle.TryGetOutcomes(6, out _));
        Assert.False(handle.TryGetOutcomes(0, out _));

        // Another evaluator's copy replaces it; identity 0 never copies.
        entry.Set(1, RoleOutcome.NotInRole);
        handle.Remember(6, entry);
        Assert.False(handle.TryGetOutcomes(5, out _));
        Assert.True(handle.TryGetOutcomes(6, out copy));
        Assert.Equal(0b111UL, copy.Known);
        handle.Remember(0, entry);
        Assert.False(handle.TryGetOutcomes(0, out _));
        Assert.True(handle.TryGetOutcomes(6, out _));
    }

    /// <summary>
    /// Two writers copy different facts under two identities while a reader reads: every copy the reader accepts is
    /// one of the two whole (never one identity with the other's bits). Bounded by work, not by time or by what the
    /// scheduler lets the reader see: each writer makes a fixed number of copies, back to back, and the reader reads
    /// until both are done. When they are, the last copy must read back whole.
    /// </summary>
    [Fact]
    public async Task ActionHandle_OutcomeCopy_NeverMixedUnderConcurrentWriters()
    {
        Assert.True(PreparedAction.TryPrepare("Microsoft.Compute/virtualMachines/write", out var prepared));
        var handle = prepared.Handle!;
        var first = new ActionCache(16, 64, OperationCatalog.Azure).GetOrAdd(handle.Name, handle.Hash)!;
        var second = new ActionCache(16, 64, OperationCatalog.Azure).GetOrAdd(handle.Name, handle.Hash)!;
        for (var role = 0; role < 64; role++)
        {
            first.Set(role, role % 2 == 0 ? RoleOutcome.Permits : RoleOutcome.Excluded);
            second.Set(role, role % 2 == 0 ? RoleOutcome.Excluded : RoleOutcome.Permits);
        }

        static ulong PermitsOf(uint id) => id == 1 ? 0x5555555555555555UL : 0xAAAAAAAAAAAAAAAAUL;
        static bool Whole(BoundOutcomes copy, uint id) =>
            copy.Known == ulong.MaxValue && copy.Permits == PermitsOf(id) && copy.Excluded == ~PermitsOf(id);

        var wrong = 0;
        var writers = new[] { (Id: 1u, Entry: first), (Id: 2u, Entry: second) }
            .Select(w => Task.Run(() =>
            {
                for (var i = 0; i < 8_000_000; i++)
                {
                    handle.Remember(w.Id, w.Entry);
                }
            }))
            .ToArray();
        var done = Task.WhenAll(writers);
        while (!done.IsCompleted)
        {
            foreach (var id in new[] { 1u, 2u })
            {
                if (handle.TryGetOutcomes(id, out var copy) && !Whole(copy, id))
                {
                    wrong++;
                }
            }
        }

        await done;
        Assert.Equal(0, wrong);
        var last = handle.TryGetOutcomes(1, out var one) ? (Id: 1u, Copy: one) : handle.TryGetOutcomes(2, out var two) ? (Id: 2u, Copy: two) : default;
        Assert.True(last.Id != 0, "no copy reads back once the writers are done");
        Assert.True(Whole(last.Copy, last.Id));
    }

    private static Guid WithHalf(Guid key, int half)
    {
        Span<byte> bytes = stackalloc byte[16];
        key.TryWriteBytes(bytes);
        bytes[half == 0 ? 15 : 0] ^= 0x5A;
        return new Guid(bytes);
    }
}
