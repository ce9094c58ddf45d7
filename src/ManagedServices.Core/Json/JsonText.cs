using System.Text.Json;

namespace ManagedServices.Json;

/// <summary>Deterministic JSON output: 2-space indentation, <c>\n</c> line endings, a final newline, readable escaping.</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> body) => JsonWriting.Write(body) + "\n";
}
