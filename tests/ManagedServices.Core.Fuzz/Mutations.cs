using System.Text;

namespace ManagedServices.Fuzz;

/// <summary>Deterministic mutations of a seed for the smoke run: truncation, byte flips, splices, repeats, nesting and odd bytes.</summary>
internal static class Mutations
{
    private static readonly byte[][] Tokens =
    [
        "\"[concat(parameters('x'), variables('y'))]\""u8.ToArray(), "\"*\""u8.ToArray(), "null"u8.ToArray(), "1e309"u8.ToArray(),
        "-0"u8.ToArray(), "\"\\ud800\""u8.ToArray(), "{}"u8.ToArray(), "[]"u8.ToArray(), "/.."u8.ToArray(), "//"u8.ToArray(),
        [0xC3, 0x28], [0xFF], [0x00], "\u212A"u8.ToArray(), "\"PT99999999H\""u8.ToArray(),
        // Issue 13's shapes: trailing '/', query and fragment on operation names, "0x" and "+" in GUID components, braces.
        "/"u8.ToArray(), "?x"u8.ToArray(), "#x"u8.ToArray(), "0x"u8.ToArray(), "+"u8.ToArray(), "{"u8.ToArray(), "rg/../other"u8.ToArray(),
        "\"[concat(variables('v'), variables('v'))]\""u8.ToArray(), "\"\\udfff\\ud800\""u8.ToArray(), "\"copy\": { \"name\": \"c\", \"count\": 800 },"u8.ToArray(),
    ];

    /// <summary>A seed for <see cref="Random"/> that is the same on every run and machine (FNV-1a over the label's UTF-16 code units).</summary>
    public static int StableSeed(string label, int mutations, int round)
    {
        var hash = 2166136261u;
        foreach (var c in label)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash ^ (uint)mutations ^ ((uint)round * 0x9E3779B9u));
    }

    public static IEnumerable<byte[]> Of(byte[] seed, int count, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            var data = (byte[])seed.Clone();
            yield return (i % 6) switch
            {
                0 => data[..random.Next(data.Length + 1)],
                1 => Flip(data, random),
                2 => Insert(data, random.Next(data.Length + 1), Tokens[random.Next(Tokens.Length)]),
                3 => Insert(data, random.Next(data.Length + 1), Slice(data, random)),
                4 => Insert(data, random.Next(data.Length + 1), Encoding.ASCII.GetBytes(new string('[', random.Next(1, 2000)))),
                _ => Delete(data, random),
            };
        }
    }

    private static byte[] Flip(byte[] data, Random random)
    {
        for (var k = random.Next(1, 8); k > 0 && data.Length > 0; k--)
        {
            data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
        }

        return data;
    }

    /// <summary>Up to 64 bytes from a random place of the seed (to splice elsewhere).</summary>
    private static byte[] Slice(byte[] data, Random random)
    {
        var at = random.Next(data.Length + 1);
        return data[at..(at + random.Next(Math.Min(64, data.Length - at) + 1))];
    }

    private static byte[] Insert(byte[] data, int at, byte[] piece) => [.. data[..at], .. piece, .. data[at..]];

    private static byte[] Delete(byte[] data, Random random)
    {
        var cut = Slice(data, random);
        var at = random.Next(data.Length - cut.Length + 1);
        return [.. data[..at], .. data[(at + cut.Length)..]];
    }
}
