using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ManagedServices.Access;

/// <summary>
/// The evaluator's principal look-up: principal GUID to its folded grants, in one open-addressing table whose slots
/// hold the key and the value side by side, so a hit reads one slot (no virtual call, no separate key and value
/// arrays). Built once; read-only afterwards, so thread-safe.
/// </summary>
/// <remarks>
/// The empty GUID is never a key (it names no principal, and the evaluator leaves it out), which makes an all-zero
/// slot the empty marker: a look-up of the empty GUID ends at the first empty slot and finds nothing. At most half of
/// the slots are used, so every probe ends. The hash is seeded per process, so keys chosen to collide in one process
/// do not collide in another (a snapshot can slow its own look-ups, never change their answers).
/// </remarks>
internal sealed class PrincipalIndex
{
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    private readonly Slot[] _slots;
    private readonly int _mask;

    public PrincipalIndex(IEnumerable<KeyValuePair<Guid, PrincipalGrants>> items)
    {
        var list = items.Where(static kv => kv.Key != Guid.Empty).ToArray();
        var size = 16;
        while (size < list.Length * 2L)
        {
            size <<= 1;
        }

        _slots = new Slot[size];
        _mask = size - 1;
        foreach (var (key, value) in list)
        {
            var (a, b) = Halves(key);
            var i = Index(a, b);
            while (_slots[i].Value is not null)
            {
                if (_slots[i].A == a && _slots[i].B == b)
                {
                    throw new ArgumentException("A principal appears twice.", nameof(items));
                }

                i = (i + 1) & _mask;
            }

            _slots[i] = new Slot(a, b, value, value.Dense);
        }

        Count = list.Length;
    }

    /// <summary>The number of principals.</summary>
    public int Count { get; }

    /// <summary>The grants of <paramref name="principal"/>, or false when it has none (always for the empty GUID).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(Guid principal, [NotNullWhen(true)] out PrincipalGrants? grants)
    {
        grants = Find(principal).Value;
        return grants is not null;
    }

    /// <summary>
    /// The grants of <paramref name="principal"/> in subscription number <paramref name="subscription"/>, or
    /// <see cref="GrantList.None"/>: the same as <see cref="TryGetValue"/> then <see cref="PrincipalGrants.Find"/>, but a
    /// principal with dense lists is read from the slot's copy of its array (one object fewer on the way).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly GrantList FindList(Guid principal, int subscription)
    {
        ref readonly var slot = ref Find(principal);
        if (slot.Dense is { } dense)
        {
            return ref PrincipalGrants.At(dense, subscription);
        }

        if (slot.Value is { } grants)
        {
            return ref grants.Find(subscription);
        }

        return ref GrantList.None;
    }

    /// <summary>The slot of <paramref name="principal"/>, or an empty slot (no value) when it has none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref readonly Slot Find(Guid principal)
    {
        var (a, b) = Halves(principal);
        var slots = _slots;
        var i = Index(a, b);
        while (true)
        {
            ref readonly var slot = ref slots[i];
            if (slot.Value is null || (slot.A == a && slot.B == b))
            {
                return ref slot;
            }

            i = (i + 1) & _mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong A, ulong B) Halves(Guid guid)
    {
        // Reinterpreted whole (a Guid is 16 bytes), so a key passed in two registers stays there.
        var halves = Unsafe.BitCast<Guid, GuidHalves>(guid);
        return (halves.A, halves.B);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Index(ulong a, ulong b)
    {
        var h = ((a ^ Seed) * 0x9E3779B97F4A7C15UL) ^ b;
        h *= 0xBF58476D1CE4E5B9UL;
        return (int)(h >> 32) & _mask; // the high half: the best-mixed bits, enough for any array size
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct GuidHalves
    {
        public readonly ulong A;
        public readonly ulong B;
    }

    private readonly record struct Slot(ulong A, ulong B, PrincipalGrants? Value, GrantList[]? Dense);
}
