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
/// <remarks>
/// The entries live in the slot array itself (text, hash and the facts packed in one 64-bit word), so a hit reads one
/// slot and, unless the request holds the very string that was remembered, the remembered text. A slot is filled once:
/// an adder first claims the empty slot (compare-and-swap of its text from null to a private marker that no request
/// text can be), then writes the hash and the facts, then publishes the text (a release write). A reader reads the
/// text first (an acquire read), so when it sees a published text it sees that text's hash and facts; a slot still
/// claimed is passed over like an occupied one that does not match. No two adders can write the same slot, and a
/// slot's facts never change once its text is published.
/// </remarks>
internal sealed class ScopeCache
{
    // The claim marker: a string object of its own, never a request's text (reference comparison).
    private static readonly string Claimed = new('\0', 1);

    private readonly Slot[] _slots;
    private readonly int _mask;
    private readonly int _maxEntries;
    private int _count;

    public ScopeCache(int capacity)
    {
        var size = ActionCache.TableSize(capacity);
        _slots = new Slot[size];
        _mask = size - 1;
        _maxEntries = capacity;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The facts of <paramref name="scope"/> when it is in the memo.</summary>
    public bool TryGet(string scope, int hash, out ScopeFacts facts)
    {
        var slots = _slots;
        var i = hash & _mask;
        while (true)
        {
            ref var slot = ref slots[i];
            var text = Volatile.Read(ref slot.Text);
            if (text is null)
            {
                facts = default;
                return false;
            }

            if (ReferenceEquals(text, scope) ||
                (slot.Hash == hash && !ReferenceEquals(text, Claimed) && RequestText.AsciiEqualsIgnoreCase(text, scope)))
            {
                facts = Unpack(slot.Facts);
                return true;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>
    /// Remembers the facts of a scope the caller validated in full; does nothing when the memo is full, the scope is
    /// not pure ASCII, a number does not fit the packed form, it is there already, or another adder holds a slot on
    /// the way (the memo is only a shortcut: a scope not remembered is scanned again next time).
    /// </summary>
    public void Add(string scope, int hash, ScopeFacts facts)
    {
        if (Volatile.Read(ref _count) >= _maxEntries || !System.Text.Ascii.IsValid(scope) || !TryPack(facts, out var packed))
        {
            return;
        }

        var slots = _slots;
        var i = hash & _mask;
        while (true)
        {
            ref var slot = ref slots[i];
            var text = Interlocked.CompareExchange(ref slot.Text, Claimed, null);
            if (text is null)
            {
                slot.Hash = hash;
                slot.Facts = packed;
                Volatile.Write(ref slot.Text, scope);
                Interlocked.Increment(ref _count);
                return;
            }

            if (ReferenceEquals(text, Claimed) || (slot.Hash == hash && RequestText.AsciiEqualsIgnoreCase(text, scope)))
            {
                return;
            }

            i = (i + 1) & _mask;
        }
    }

    // Packed facts: bits 56-63 the level, bits 28-55 the subscription number + 1, bits 0-27 the resource-group number + 1.
    private const int NumberBits = 28;
    private const long NumberMask = (1L << NumberBits) - 1;

    /// <summary>Packs facts into one word; false when a number is below -1 or does not fit in 28 bits.</summary>
    internal static bool TryPack(ScopeFacts facts, out long packed)
    {
        var sub = (long)facts.Subscription + 1;
        var rg = (long)facts.ResourceGroup + 1;
        if (sub < 0 || sub > NumberMask || rg < 0 || rg > NumberMask || (uint)facts.Kind > byte.MaxValue)
        {
            packed = 0;
            return false;
        }

        packed = ((long)facts.Kind << (2 * NumberBits)) | (sub << NumberBits) | rg;
        return true;
    }

    internal static ScopeFacts Unpack(long packed) => new(
        (ScopeKind)(packed >> (2 * NumberBits)),
        (int)((packed >> NumberBits) & NumberMask) - 1,
        (int)(packed & NumberMask) - 1);

    private struct Slot
    {
        public string? Text;
        public long Facts;
        public int Hash;
    }
}
