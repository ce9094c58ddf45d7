using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ManagedServices;

/// <summary>
/// The one way this library writes JSON: 2-space indentation, <c>\n</c> line endings and readable escaping (an
/// apostrophe stays <c>'</c>, non-ASCII letters stay as they are; quotes, backslashes and control characters are
/// escaped as JSON requires). Every document the library writes uses it, so the same text never comes out two ways.
/// </summary>
internal static class JsonWriting
{
    /// <summary>The encoder of every JSON output (also the command line's).</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        IndentCharacter = ' ',
        IndentSize = 2,
        NewLine = "\n",
        Encoder = Encoder,
        SkipValidation = false,
    };

    /// <summary>What <paramref name="body"/> writes, as an indented document without a final newline.</summary>
    public static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the member <paramref name="name"/> as an array of the values' text (their <c>ToString()</c>), in order.</summary>
    public static void WriteStringArray<T>(this Utf8JsonWriter w, string name, IEnumerable<T> values)
        where T : notnull
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value.ToString());
        }

        w.WriteEndArray();
    }
}
