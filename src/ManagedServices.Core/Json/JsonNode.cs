using System.Text.Json;

namespace ManagedServices.Json;

internal enum JKind
{
    Null,
    False,
    True,
    Number,
    String,
    Array,
    Object,
}

/// <summary>
/// A read-only JSON value that remembers where it came from (JSON path and 1-based line). Used both for parsed
/// documents and for values computed by the template evaluator. Property lookup is case-insensitive, as in ARM.
/// </summary>
internal sealed class JNode
{
    public static readonly JNode Null = new(JKind.Null, null, null, null, "", null);

    /// <summary>How many characters of a string or property name count as one unit of <see cref="Weight"/>.</summary>
    public const int CharactersPerUnit = 16;

    private JNode(JKind kind, string? text, List<KeyValuePair<string, JNode>>? properties, List<JNode>? items, string path, int? line)
    {
        Kind = kind;
        Text = text;
        Properties = properties;
        Items = items;
        Path = path;
        Line = line;
        Weight = kind switch
        {
            JKind.String or JKind.Number => StringWeight(text!.Length),
            JKind.Array => 1 + Sum(items!),
            JKind.Object => 1 + Sum(properties!),
            _ => 1,
        };
    }

    /// <summary>
    /// The size of the value as a reader sees it when it walks the whole of it: one unit per value (each array element
    /// and object member counted as often as it appears, shared or not), plus one per <see cref="CharactersPerUnit"/>
    /// characters of strings and property names. Saturates at <see cref="long.MaxValue"/>. Computed once, when the node
    /// is built (its children are already built and immutable).
    /// </summary>
    public long Weight { get; }

    public JKind Kind { get; }

    /// <summary>The string value, or the number's text.</summary>
    public string? Text { get; }

    public List<KeyValuePair<string, JNode>>? Properties { get; }

    public List<JNode>? Items { get; }

    public string Path { get; }

    public int? Line { get; }

    /// <summary>
    /// The 1-based column (UTF-16 code units from the start of <see cref="Line"/>) where the value starts, for values
    /// read from text; null for computed values. Set once, by the parser, before the node is shared.
    /// </summary>
    public int? Column { get; private set; }

    public bool IsString => Kind == JKind.String;

    public bool IsBool => Kind is JKind.True or JKind.False;

    public static JNode String(string value, string path, int? line) => new(JKind.String, value, null, null, path, line);

    public static JNode Bool(bool value, string path, int? line) => new(value ? JKind.True : JKind.False, null, null, null, path, line);

    public static JNode Number(string text, string path, int? line) => new(JKind.Number, text, null, null, path, line);

    public static JNode Integer(long value, string path, int? line) => Number(value.ToString(CultureInfo.InvariantCulture), path, line);

    public static JNode NullAt(string path, int? line) => new(JKind.Null, null, null, null, path, line);

    /// <summary>Records the column of a node the parser has just built (see <see cref="Column"/>).</summary>
    internal JNode WithColumn(int column)
    {
        Column = column;
        return this;
    }

    public static JNode Array(List<JNode> items, string path, int? line) => new(JKind.Array, null, null, items, path, line);

    public static JNode Object(List<KeyValuePair<string, JNode>> properties, string path, int? line) => new(JKind.Object, null, properties, null, path, line);

    /// <summary>The <see cref="Weight"/> of a string of <paramref name="length"/> characters.</summary>
    public static long StringWeight(long length) => 1 + (length / CharactersPerUnit);

    private static long Sum(List<JNode> items)
    {
        long sum = 0;
        foreach (var item in items)
        {
            sum = Add(sum, item.Weight);
        }

        return sum;
    }

    private static long Sum(List<KeyValuePair<string, JNode>> properties)
    {
        long sum = 0;
        foreach (var p in properties)
        {
            sum = Add(sum, Add(StringWeight(p.Key.Length), p.Value.Weight));
        }

        return sum;
    }

    private static long Add(long a, long b) => b >= long.MaxValue - a ? long.MaxValue : a + b;

    public JNode? Get(string name)
    {
        if (Properties is null)
        {
            return null;
        }

        foreach (var p in Properties)
        {
            if (string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    public bool TryGetInteger(out long value)
    {
        value = 0;
        return Kind == JKind.Number && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static string TypeName(JKind kind) => kind switch
    {
        JKind.Null => "null",
        JKind.False or JKind.True => "bool",
        JKind.Number => "number",
        JKind.String => "string",
        JKind.Array => "array",
        _ => "object",
    };

    public static string Child(string path, string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '$'))
            {
                return path + "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";
            }
        }

        return path + "." + name;
    }

    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Deep structural equality (ARM <c>equals()</c>): strings ordinal, numbers by value, objects by name (case-insensitive).</summary>
    public static bool DeepEquals(JNode a, JNode b)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }

        switch (a.Kind)
        {
            case JKind.String:
                return string.Equals(a.Text, b.Text, StringComparison.Ordinal);
            case JKind.Number:
                return decimal.TryParse(a.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) &&
                       decimal.TryParse(b.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                    ? x == y
                    : string.Equals(a.Text, b.Text, StringComparison.Ordinal);
            case JKind.Array:
                if (a.Items!.Count != b.Items!.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Items.Count; i++)
                {
                    if (!DeepEquals(a.Items[i], b.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JKind.Object:
                if (a.Properties!.Count != b.Properties!.Count)
                {
                    return false;
                }

                foreach (var p in a.Properties)
                {
                    if (b.Get(p.Key) is not { } other || !DeepEquals(p.Value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }
}

/// <summary>
/// Parses JSON text into <see cref="JNode"/> trees with line numbers, rejecting duplicate properties and enforcing
/// size and depth limits. Never throws on bad input.
/// </summary>
internal static class JsonTree
{
    /// <summary>Largest accepted document: 4 MiB of UTF-8, ARM's template size limit.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>Deepest accepted nesting of objects and arrays.</summary>
    public const int MaxDepth = 64;

    public static JNode? Parse(string text, string pathRoot, ImmutableArray<Diagnostic>.Builder diagnostics, int maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > maxBytes || Encoding.UTF8.GetByteCount(text) > maxBytes)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.JsonTooLarge,
                $"The document is larger than {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes.", pathRoot));
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new SourcePositions(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            MaxDepth = MaxDepth,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        try
        {
            if (!reader.Read())
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.JsonMalformed, "The document is empty.", pathRoot));
                return null;
            }

            var failed = false;
            var root = ReadValue(ref reader, pathRoot, lines, diagnostics, ref failed);
            if (reader.Read())
            {
                diagnostics.Add(lines.At(Diagnostic.Error(DiagnosticCodes.JsonMalformed, "Unexpected content after the end of the document.", pathRoot), reader.TokenStartIndex));
                return null;
            }

            return failed ? null : root;
        }
        catch (JsonException ex)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.JsonMalformed, "The document is not valid JSON: " + FirstSentence(ex.Message), pathRoot)
                with { Line = ex.LineNumber is { } l ? (int)Math.Min(int.MaxValue, l + 1) : null });
            return null;
        }
        catch (InvalidOperationException ex)
        {
            diagnostics.Add(lines.At(Diagnostic.Error(DiagnosticCodes.JsonMalformed, "The document is not valid JSON: " + FirstSentence(ex.Message), pathRoot), reader.TokenStartIndex));
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static JNode ReadValue(ref Utf8JsonReader reader, string path, SourcePositions lines, ImmutableArray<Diagnostic>.Builder diagnostics, ref bool failed)
    {
        var (line, column) = lines.Of(reader.TokenStartIndex);
        return ReadValue(ref reader, path, line, lines, diagnostics, ref failed).WithColumn(column);
    }

    private static JNode ReadValue(ref Utf8JsonReader reader, string path, int line, SourcePositions lines, ImmutableArray<Diagnostic>.Builder diagnostics, ref bool failed)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var properties = new List<KeyValuePair<string, JNode>>();
                HashSet<string>? seen = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    var (nameLine, nameColumn) = lines.Of(reader.TokenStartIndex);
                    var childPath = JNode.Child(path, name);
                    reader.Read();
                    var value = ReadValue(ref reader, childPath, lines, diagnostics, ref failed);
                    seen ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    if (!seen.Add(name))
                    {
                        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.JsonDuplicateProperty,
                            $"The property '{MessageText.Clip(name)}' appears more than once in the same object (names are case-insensitive).", childPath)
                            with { Line = nameLine, Column = nameColumn });
                        failed = true;
                        continue;
                    }

                    properties.Add(new(name, value));
                }

                return JNode.Object(properties, path, line);
            }

            case JsonTokenType.StartArray:
            {
                var items = new List<JNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, JNode.Index(path, items.Count), lines, diagnostics, ref failed));
                }

                return JNode.Array(items, path, line);
            }

            case JsonTokenType.String:
                return JNode.String(reader.GetString()!, path, line);
            case JsonTokenType.Number:
                return JNode.Number(Encoding.UTF8.GetString(reader.ValueSpan), path, line);
            case JsonTokenType.True:
                return JNode.Bool(true, path, line);
            case JsonTokenType.False:
                return JNode.Bool(false, path, line);
            default:
                return JNode.NullAt(path, line);
        }
    }

}

/// <summary>
/// Line and column (1-based; columns in UTF-16 code units, as editors and SARIF count them) of byte offsets into a UTF-8
/// document. The parser asks for offsets in increasing order, so each byte is decoded once: the work stays linear even
/// for a document on one line.
/// </summary>
internal sealed class SourcePositions
{
    private readonly byte[] _bytes;
    private readonly int[] _lineStarts;
    private int _offset;
    private int _line = 1;
    private int _column = 1;

    public SourcePositions(byte[] bytes)
    {
        _bytes = bytes;
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    /// <summary>The line and column of the byte at <paramref name="offset"/>.</summary>
    public (int Line, int Column) Of(long offset)
    {
        var at = (int)Math.Clamp(offset, 0, _bytes.Length);
        var index = System.Array.BinarySearch(_lineStarts, at);
        var line = (index >= 0 ? index : ~index - 1) + 1;
        var lineStart = _lineStarts[line - 1];
        int from;
        int column;
        if (line == _line && at >= _offset)
        {
            from = _offset;
            column = _column;
        }
        else
        {
            from = lineStart;
            column = 1;
        }

        column += Encoding.UTF8.GetCharCount(_bytes, from, at - from);
        (_offset, _line, _column) = (at, line, column);
        return (line, column);
    }

    /// <summary><paramref name="diagnostic"/> located at the byte at <paramref name="offset"/>.</summary>
    public Diagnostic At(Diagnostic diagnostic, long offset)
    {
        var (line, column) = Of(offset);
        return diagnostic with { Line = line, Column = column };
    }
}
