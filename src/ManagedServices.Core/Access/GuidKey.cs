using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ManagedServices.Access;

/// <summary>
/// A GUID as two 64-bit halves in text order, parsed by the strict <see cref="GuidText"/> parser without
/// allocating. Used as the evaluator's dictionary key for principals and subscriptions.
/// </summary>
internal readonly record struct GuidKey(ulong Hi, ulong Lo)
{
    public static GuidKey From(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        return new GuidKey(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>Accepts exactly what <see cref="GuidText.TryParse"/> accepts (the strict 8-4-4-4-12 hex form, any case).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<char> s, out GuidKey key)
    {
        var ok = GuidText.TryParseHalves(s, out var hi, out var lo);
        key = new GuidKey(hi, lo);
        return ok;
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
