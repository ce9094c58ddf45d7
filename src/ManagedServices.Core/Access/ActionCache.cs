using System.Runtime.CompilerServices;
using ManagedServices.Operations;

namespace ManagedServices.Access;

/// <summary>
/// A bounded, lock-free memo of role outcomes per action name, keyed by the name ignoring ASCII letter case
/// (<see cref="RequestText.AsciiEqualsIgnoreCase"/>). Only names that passed <see cref="RequestText.IsValidAction"/>
/// are added, so a hit in <see cref="TryGet"/> proves the request's action well formed: a text equal to a valid
/// operation name up to ASCII letter case is valid too (the grammar treats both cases alike). Entries are never evicted: once
/// the table holds its capacity, further actions are evaluated without caching, so a hit never allocates and the
/// memory stays bounded. Each entry records the action's plane in Azure's operation list (looked up once, when the
/// entry is made) and, per compiled role, whether the outcome is known and what it is; the bits are published with
/// interlocked operations (outcome first, then "known").
/// </summary>
internal sealed class ActionCache
{
    private readonly Entry?[] _slots;
    private readonly int _mask;
    private readonly int _maxEntries;
    private readonly int _words;
    private readonly OperationCatalog _operations;
    private int _count;

    public ActionCache(int capacity, int roleCount, OperationCatalog operations)
    {
        _operations = operations;
        var size = TableSize(capacity);
        _slots = new Entry?[size];
        _mask = size - 1;
        _maxEntries = capacity;
        _words = (roleCount + 63) >> 6;
    }

    /// <summary>
    /// The slot count of a memo holding at most <paramref name="capacity"/> entries (this one and <see cref="ScopeCache"/>):
    /// a power of two with at least half of the slots free, so a probe always ends at an empty slot or a match.
    /// </summary>
    internal static int TableSize(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, AccessEvaluatorOptions.MaxActionCacheCapacity);
        var size = 16;
        while (size < (long)capacity * 2)
        {
            size <<= 1;
        }

        return size;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The entry of <paramref name="action"/> (any text, validated or not) when the memo has it, else null.</summary>
    public Entry? TryGet(string action, int hash)
    {
        var slots = _slots;
        var i = hash & _mask;
        while (Volatile.Read(ref slots[i]) is { } e)
        {
            if (e.Hash == hash && RequestText.AsciiEqualsIgnoreCase(e.Action, action))
            {
                return e;
            }

            i = (i + 1) & _mask;
        }

        return null;
    }

    /// <summary>
    /// Finds or adds the entry of <paramref name="action"/>, which must be a valid operation name
    /// (<see cref="RequestText.IsValidAction"/>); null when the cache is full and the action is new.
    /// </summary>
    public Entry? GetOrAdd(string action, int hash)
    {
        var slots = _slots;
        var i = hash & _mask;
        while (true)
        {
            var e = Volatile.Read(ref slots[i]);
            if (e is null)
            {
                if (Volatile.Read(ref _count) >= _maxEntries)
                {
                    return null;
                }

                var created = new Entry(this, action, hash, _words, _operations.GetPlane(action));
                var seen = Interlocked.CompareExchange(ref slots[i], created, null);
                if (seen is null)
                {
                    Interlocked.Increment(ref _count);
                    return created;
                }

                e = seen;
            }

            if (e.Hash == hash && RequestText.AsciiEqualsIgnoreCase(e.Action, action))
            {
                return e;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>
    /// The outcomes of one action. Roles 0-63 live in three fields of the entry itself (one memory access on the hot
    /// path); further roles in an array.
    /// </summary>
    internal sealed class Entry(ActionCache owner, string action, int hash, int words, OperationPlane plane)
    {
        private readonly long[]? _more = words > 1 ? new long[(words - 1) * 3] : null;
        private long _known;
        private long _permits;
        private long _excluded;

        /// <summary>The memo that made this entry (so a prepared action can tell whose entry it holds).</summary>
        public ActionCache Owner { get; } = owner;

        public string Action { get; } = action;

        public int Hash { get; } = hash;

        /// <summary>Where Azure's operation list puts the action (decided once, when the entry is made).</summary>
        public OperationPlane Plane { get; } = plane;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryGet(int role, out RoleOutcome outcome)
        {
            ref var known = ref Known(role, out var bit, out var offset);
            if ((Volatile.Read(ref known) & bit) == 0)
            {
                outcome = default;
                return false;
            }

            outcome = (Volatile.Read(ref Word(1, offset, role)) & bit) != 0 ? RoleOutcome.Permits
                : (Volatile.Read(ref Word(2, offset, role)) & bit) != 0 ? RoleOutcome.Excluded
                : RoleOutcome.NotInRole;
            return true;
        }

        /// <summary>
        /// The permit and exclusion masks of roles 0-63 for the roles in <paramref name="mask"/>, computing (and
        /// publishing) the outcomes not known yet.
        /// </summary>
        public ulong Resolve(ulong mask, CompiledRole[] roles, string action, out ulong excluded)
        {
            var missing = mask & ~(ulong)Volatile.Read(ref _known);
            while (missing != 0)
            {
                var role = System.Numerics.BitOperations.TrailingZeroCount(missing);
                missing &= missing - 1;
                Set(role, roles[role].Evaluate(action));
            }

            excluded = (ulong)Volatile.Read(ref _excluded);
            return (ulong)Volatile.Read(ref _permits);
        }

        /// <summary>
        /// The known outcomes of roles 0-63 as three masks: which are known, and of those which permit and which
        /// exclude. "Known" is read first, so every bit in it has its outcome bits already published.
        /// </summary>
        public void ReadOutcomes(out ulong known, out ulong permits, out ulong excluded)
        {
            known = (ulong)Volatile.Read(ref _known);
            permits = (ulong)Volatile.Read(ref _permits) & known;
            excluded = (ulong)Volatile.Read(ref _excluded) & known;
        }

        public void Set(int role, RoleOutcome outcome)
        {
            ref var known = ref Known(role, out var bit, out var offset);
            if (outcome == RoleOutcome.Permits)
            {
                Interlocked.Or(ref Word(1, offset, role), bit);
            }
            else if (outcome == RoleOutcome.Excluded)
            {
                Interlocked.Or(ref Word(2, offset, role), bit);
            }

            // Published last: a reader that sees the known bit sees the outcome bits.
            Interlocked.Or(ref known, bit);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ref long Known(int role, out long bit, out int offset)
        {
            bit = 1L << role;
            offset = ((role >> 6) - 1) * 3;
            return ref Word(0, offset, role);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ref long Word(int kind, int offset, int role)
        {
            if (role < 64)
            {
                switch (kind)
                {
                    case 0:
                        return ref _known;
                    case 1:
                        return ref _permits;
                    default:
                        return ref _excluded;
                }
            }

            return ref _more![offset + kind];
        }
    }
}
