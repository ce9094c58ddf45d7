using System.Buffers;
using System.Security.Cryptography;

namespace ManagedServices;

/// <summary>
/// ARM's name derivation, the <c>guid()</c> template function: a name-based UUID (RFC 4122 version 5, SHA-1) over the
/// namespace <c>11fb06fb-712d-4ddd-98c7-e71bbd588830</c> and the UTF-8 text of the arguments joined by <c>-</c>.
/// The one place it is computed: the template interpreter's <c>guid()</c> (through the public
/// <see cref="ArmGuid"/>) and the lifecycle's registration definition names call it, so the lifecycle does not
/// depend on templates.
/// </summary>
/// <remarks>Argument order matters; the result is deterministic, not random. Thread-safe.</remarks>
internal static class DeterministicGuid
{
    private static readonly Guid Namespace = new("11fb06fb-712d-4ddd-98c7-e71bbd588830");

    /// <summary>Computes <c>guid(parts[0], parts[1], …)</c>.</summary>
    /// <param name="parts">The arguments (at least one).</param>
    /// <returns>The GUID.</returns>
    /// <exception cref="ArgumentException">No argument was given, or an argument is null.</exception>
    internal static Guid Create(params ReadOnlySpan<string> parts)
    {
        if (parts.IsEmpty)
        {
            throw new ArgumentException("guid() needs at least one argument.", nameof(parts));
        }

        var length = parts.Length - 1;
        foreach (var part in parts)
        {
            if (part is null)
            {
                throw new ArgumentException("guid() arguments must not be null.", nameof(parts));
            }

            length += Encoding.UTF8.GetByteCount(part);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(16 + length);
        try
        {
            Namespace.TryWriteBytes(buffer.AsSpan(0, 16), bigEndian: true, out _);
            var at = 16;
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    buffer[at++] = (byte)'-';
                }

                at += Encoding.UTF8.GetBytes(parts[i], buffer.AsSpan(at));
            }

            Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 (and ARM's guid()) specifies; not used for security.
            SHA1.HashData(buffer.AsSpan(0, at), hash);
#pragma warning restore CA5350
            hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
            return new Guid(hash[..16], bigEndian: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
