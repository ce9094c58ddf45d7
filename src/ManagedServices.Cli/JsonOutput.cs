using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ManagedServices.Cli;

/// <summary>Writes JSON with <see cref="Utf8JsonWriter"/> (no reflection) to a text writer.</summary>
internal sealed class JsonOutput : IDisposable
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    public JsonOutput(bool indented) => _writer = new Utf8JsonWriter(_buffer, indented ? Indented : Compact);

    /// <summary>Writes one JSON value and a newline to <paramref name="output"/>.</summary>
    public void WriteLine(TextWriter output, Action<Utf8JsonWriter> write)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        write(_writer);
        _writer.Flush();
        output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        output.Write('\n');
    }

    /// <summary>Writes one indented JSON document and a newline.</summary>
    public static void Document(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var json = new JsonOutput(indented: true);
        json.WriteLine(output, write);
    }

    /// <summary>Writes a principal into the current JSON object: <c>principalId</c>, and <c>displayName</c> when it has one.</summary>
    public static void WritePrincipalMembers(Utf8JsonWriter w, PrincipalId id, string? displayName)
    {
        w.WriteString("principalId", id.ToString());
        if (displayName is { } name)
        {
            w.WriteString("displayName", name);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();
}
