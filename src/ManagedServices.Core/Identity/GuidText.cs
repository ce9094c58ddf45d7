using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ManagedServices;

/// <summary>
/// The one strict GUID parser of the library: every reader of a GUID (identifier types, scopes, requests, templates,
/// REST documents, deny assignments, offer documents, command-line options) goes through it.
/// </summary>
/// <remarks>
/// A GUID is exactly 36 characters: 32 ASCII hex digits (either case) in groups of 8, 4, 4, 4 and 12 separated by
/// <c>-</c>. Nothing else is accepted: no braces, no parentheses, no surrounding whitespace, no bare 32-digit form and
/// none of the spellings .NET's own parser lets through inside a group (<c>Guid.TryParseExact(s, "D")</c> accepts
/// <c>0x</c> and <c>+</c> in a component, so <c>0x6b0f4e-…</c> would parse to a GUID that prints differently). Upper
/// case is accepted and normalized (identifiers print in lower case). An architecture test forbids
/// <c>Guid.Parse</c>, <c>Guid.TryParse</c>, <c>Guid.ParseExact</c> and <c>Guid.TryParseExact</c> anywhere else.
/// </remarks>
public static class GuidText
{
    /// <summary>Length of the only accepted form.</summary>
    internal const int Length = 36;

    private const string RoleDefinitionsSegment = "/providers/Microsoft.Authorization/roleDefinitions/";

    private static readonly sbyte[] Hex = BuildHex();

    /// <summary>
    /// Parses a GUID strictly: exactly 32 ASCII hex digits (any letter case) as <c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>,
    /// nothing else (no braces, whitespace, <c>0x</c> or <c>+</c>). Never throws.
    /// </summary>
    /// <param name="s">The text.</param>
    /// <param name="value">The GUID, or <see cref="Guid.Empty"/>.</param>
    /// <returns>True when <paramref name="s"/> is a GUID in the strict form.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, out Guid value)
    {
        if (TryParseHalves(s, out var hi, out var lo))
        {
            Span<byte> bytes = stackalloc byte[16];
            BinaryPrimitives.WriteUInt64BigEndian(bytes, hi);
            BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], lo);
            value = new Guid(bytes, bigEndian: true);
            return true;
        }

        value = Guid.Empty;
        return false;
    }

    /// <summary>
    /// The strict parse without building a <see cref="Guid"/>: the 128 bits as two halves in text order. Allocation-free
    /// and branch-light (one table look-up per digit); the access evaluator's hot path uses it.
    /// </summary>
    internal static bool TryParseHalves(ReadOnlySpan<char> s, out ulong hi, out ulong lo)
    {
        hi = 0;
        lo = 0;
        if (s.Length != Length || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
        {
            return false;
        }

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

        for (var i = 19; i < Length; i++)
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
            hi = 0;
            lo = 0;
            return false;
        }

        return true;
    }

    /// <summary>Parses text already validated by <see cref="TryParse"/>; anything else is a programmer error.</summary>
    /// <exception cref="InvalidOperationException">The text is not a strict GUID.</exception>
    internal static Guid ParseValidated(ReadOnlySpan<char> s) =>
        TryParse(s, out var value) ? value : throw new InvalidOperationException("The text was not validated as a GUID.");

    /// <summary>Accepts a bare GUID or an ARM role definition resource ID ending in one.</summary>
    internal static bool TryParseRoleDefinition(ReadOnlySpan<char> s, out Guid value)
    {
        if (TryParse(s, out value))
        {
            return true;
        }

        // The longest accepted form is "/subscriptions/{guid}" + RoleDefinitionsSegment + "{guid}": refuse longer text unscanned.
        if (s.Length > 15 + Length + RoleDefinitionsSegment.Length + Length)
        {
            return false;
        }

        var at = s.IndexOf(RoleDefinitionsSegment.AsSpan(), StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return false;
        }

        var prefix = s[..at];
        // Either nothing, or exactly "/subscriptions/{guid}" before the provider segment.
        if (!prefix.IsEmpty)
        {
            const string Subscriptions = "/subscriptions/";
            if (!prefix.StartsWith(Subscriptions, StringComparison.OrdinalIgnoreCase) ||
                !TryParse(prefix[Subscriptions.Length..], out _))
            {
                return false;
            }
        }

        return TryParse(s[(at + RoleDefinitionsSegment.Length)..], out value);
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
}
