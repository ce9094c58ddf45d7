using System.Runtime.CompilerServices;

namespace ManagedServices.Access;

/// <summary>
/// A bounded, lock-free memo of role outcomes per action name (case-insensitive). Entries are never evicted: once
/// the table holds its capacity, further actions are evaluated without caching, so a hit never allocates and the
/// memory stays bounded. Each entry records, per compiled role, whether the outcome is known and what it is; the
/// bits are published with interlocked operations (outcome first, then "known").
/// </summary>
internal sealed class ActionCache
{
    private readonly Entry?[] _slots;
    private readonly int _mask;
    private readonly int _maxEntries;
    private readonly int _words;
    private int _count;

    public ActionCache(int capacity, int roleCount)
    {
        var size = 16;
        while (size < capacity * 2 && size < 1 << 30)
        {
            size <<= 1;
        }

        _slots = new Entry?[size];
        _mask = size - 1;
        _maxEntries = capacity;
        _words = (roleCount + 63) >> 6;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Finds or adds the entry of <paramref name="action"/>; null when the cache is full and the action is new.</summary>
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

                var created = new Entry(action, hash, _words);
                var seen = Interlocked.CompareExchange(ref slots[i], created, null);
                if (seen is null)
                {
                    Interlocked.Increment(ref _count);
                    return created;
                }

                e = seen;
            }

            if (e.Hash == hash && string.Equals(e.Action, action, StringComparison.OrdinalIgnoreCase))
            {
                return e;
            }

            i = (i + 1) & _mask;
        }
    }

    internal sealed class Entry(string action, int hash, int words)
    {
        private readonly long[] _bits = new long[words * 3];

        public string Action { get; } = action;

        public int Hash { get; } = hash;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryGet(int role, out RoleOutcome outcome)
        {
            var w = role >> 6;
            var bit = 1L << role;
            var bits = _bits;
            if ((Volatile.Read(ref bits[w]) & bit) == 0)
            {
                outcome = default;
                return false;
            }

            var words = bits.Length / 3;
            outcome = (Volatile.Read(ref bits[words + w]) & bit) != 0 ? RoleOutcome.Permits
                : (Volatile.Read(ref bits[(2 * words) + w]) & bit) != 0 ? RoleOutcome.Excluded
                : RoleOutcome.NotInRole;
            return true;
        }

        /// <summary>
        /// The permit and exclusion masks of roles 0-63 for the roles in <paramref name="mask"/>, computing (and
        /// publishing) the outcomes not known yet.
        /// </summary>
        public ulong Resolve(ulong mask, CompiledRole[] roles, string action, out ulong excluded)
        {
            var bits = _bits;
            var words = bits.Length / 3;
            var missing = mask & ~(ulong)Volatile.Read(ref bits[0]);
            while (missing != 0)
            {
                var role = System.Numerics.BitOperations.TrailingZeroCount(missing);
                missing &= missing - 1;
                Set(role, roles[role].Evaluate(action));
            }

            excluded = (ulong)Volatile.Read(ref bits[2 * words]);
            return (ulong)Volatile.Read(ref bits[words]);
        }

        public void Set(int role, RoleOutcome outcome)
        {
            var w = role >> 6;
            var bit = 1L << role;
            var words = _bits.Length / 3;
            if (outcome == RoleOutcome.Permits)
            {
                Interlocked.Or(ref _bits[words + w], bit);
            }
            else if (outcome == RoleOutcome.Excluded)
            {
                Interlocked.Or(ref _bits[(2 * words) + w], bit);
            }

            Interlocked.Or(ref _bits[w], bit);
        }
    }
}
