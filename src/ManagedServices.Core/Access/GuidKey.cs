using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ManagedServices.Access;

/// <summary>
/// A GUID as two 64-bit halves in text order, parsed straight from the 36-character <c>D</c> form without
/// allocating. Used as the evaluator's dictionary key for principals and subscriptions.
/// </summary>
internal readonly record struct GuidKey(ulong Hi, ulong Lo)
{
    private static readonly sbyte[] Hex = BuildHex();

    public static GuidKey From(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        return new GuidKey(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>Accepts exactly <c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c> with hex digits of any case.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out GuidKey key)
    {
        key = default;
        if (s.Length != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
        {
            return false;
        }

        ulong hi = 0;
        ulong lo = 0;
        var bad = 0;
        for (var i = 0; i < 18; i++)
        {
            if (i is 8 or 13)
            {
                continue;
            }

            var d = Digit(s[i]);
            bad |= d;
            hi = (hi << 4) | (uint)(d & 0xF);
        }

        for (var i = 19; i < 36; i++)
        {
            if (i == 23)
            {
                continue;
            }

            var d = Digit(s[i]);
            bad |= d;
            lo = (lo << 4) | (uint)(d & 0xF);
        }

        if (bad < 0)
        {
            return false;
        }

        key = new GuidKey(hi, lo);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digit(char c) => c < 128 ? Hex[c] : -1;

    private static sbyte[] BuildHex()
    {
        var table = new sbyte[128];
        Array.Fill(table, (sbyte)-1);
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = (sbyte)(c - '0');
        }

        for (var c = 'a'; c <= 'f'; c++)
        {
            table[c] = (sbyte)(c - 'a' + 10);
            table[c - 32] = (sbyte)(c - 'a' + 10);
        }

        return table;
    }

    public override int GetHashCode() => (int)(Hi ^ (Hi >> 32) ^ Lo ^ (Lo >> 29));
}


/// <summary>Conversions of <see cref="GuidKey"/>.</summary>
internal static class GuidKeyExtensions
{
    public static PrincipalId ToPrincipalId(this GuidKey key)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, key.Hi);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], key.Lo);
        return new PrincipalId(new Guid(bytes, bigEndian: true));
    }
}
