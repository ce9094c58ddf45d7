namespace ManagedServices.Access;

/// <summary>
/// What a check needs from a valid request scope, once the evaluator has placed it: the scope's level, the number of
/// its subscription in the evaluator's subscription index (-1 when no delegation is in that subscription) and the
/// number of its resource group among the delegated resource-group names (-1 when it names no resource group, or one
/// no delegation names).
/// </summary>
internal readonly record struct ScopeFacts(ScopeKind Kind, int Subscription, int ResourceGroup);

/// <summary>
/// A bounded, lock-free memo of placed request scopes, keyed by the scope text ignoring ASCII letter case
/// (<see cref="RequestText.AsciiEqualsIgnoreCase"/>). Only scopes that were validated in full (the strict subscription
/// GUID included) and are pure ASCII are added, so a hit proves the request scope valid: a text equal to a valid
/// ASCII scope up to ASCII letter case is valid too, with the same level, subscription and resource group. Entries are
/// never evicted: once the table holds its capacity, further scopes are scanned on every check, so memory stays
/// bounded and a hit never allocates. The facts are evaluator-specific (subscription and resource-group numbers), so
/// each evaluator has its own memo.
/// </summary>
internal sealed class ScopeCache
{
    private readonly Entry?[] _slots;
    private readonly int _mask;
    private readonly int _maxEntries;
    private int _count;

    public ScopeCache(int capacity)
    {
        var size = ActionCache.TableSize(capacity);
        _slots = new Entry?[size];
        _mask = size - 1;
        _maxEntries = capacity;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The facts of <paramref name="scope"/> when it is in the memo.</summary>
    public bool TryGet(string scope, int hash, out ScopeFacts facts)
    {
        var slots = _slots;
        var i = hash & _mask;
        while (Volatile.Read(ref slots[i]) is { } e)
        {
            if (e.Hash == hash && RequestText.AsciiEqualsIgnoreCase(e.Text, scope))
            {
                facts = e.Facts;
                return true;
            }

            i = (i + 1) & _mask;
        }

        facts = default;
        return false;
    }

    /// <summary>
    /// Remembers the facts of a scope the caller validated in full; does nothing when the memo is full, the scope is
    /// not pure ASCII, or it is there already.
    /// </summary>
    public void Add(string scope, int hash, ScopeFacts facts)
    {
        if (Volatile.Read(ref _count) >= _maxEntries || !System.Text.Ascii.IsValid(scope))
        {
            return;
        }

        var slots = _slots;
        var i = hash & _mask;
        var created = new Entry(scope, hash, facts);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref slots[i], created, null);
            if (seen is null)
            {
                Interlocked.Increment(ref _count);
                return;
            }

            if (seen.Hash == hash && RequestText.AsciiEqualsIgnoreCase(seen.Text, scope))
            {
                return;
            }

            i = (i + 1) & _mask;
        }
    }

    private sealed class Entry(string text, int hash, ScopeFacts facts)
    {
        public string Text { get; } = text;

        public int Hash { get; } = hash;

        public ScopeFacts Facts { get; } = facts;
    }
}
