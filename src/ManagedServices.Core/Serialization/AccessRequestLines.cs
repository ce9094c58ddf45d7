using System.Text.Json;
using ManagedServices.Access;

namespace ManagedServices.Serialization;

/// <summary>
/// Reads a stream of access requests, one JSON object per line (JSONL), as <c>managed-services check --requests</c>
/// takes them: <c>{"id": ..., "principalId": "&lt;guid&gt;", "action": "...", "resource": "...", "groupIds": [...],
/// "activatedRoleDefinitionIds": [...], "isDataAction": false}</c>. Lines are read one at a time (memory does not grow
/// with the input); blank lines are skipped.
/// </summary>
/// <remarks>
/// Fails closed and never throws on bad data: a line that cannot be read as a request (invalid JSON, a missing or
/// mistyped field, a malformed GUID, a lone surrogate in any field, a line longer than <see cref="MaxLineLength"/>)
/// yields an <see cref="AccessRequestLine"/> with an <see cref="AccessRequestLine.Error"/> and no request, and reading
/// goes on with the next line. Only <c>principalId</c>, <c>action</c> and <c>resource</c> are required; the action and
/// resource are passed on as written, for the evaluator to judge (a malformed one is denied there).
/// </remarks>
public static class AccessRequestLines
{
    /// <summary>The longest line read, in characters (a request is a few hundred); longer lines are malformed.</summary>
    public const int MaxLineLength = 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Reads every non-blank line of <paramref name="reader"/>, lazily, in order.</summary>
    /// <param name="reader">The stream; it is read, not disposed.</param>
    /// <returns>One entry per non-blank line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    public static IEnumerable<AccessRequestLine> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadLines(reader);
    }

    /// <summary>Reads one line as a request.</summary>
    /// <param name="line">The line, without its end.</param>
    /// <param name="lineNumber">The line's number, for the diagnostic.</param>
    /// <returns>The request, or an entry with an <see cref="AccessRequestLine.Error"/>; never throws on bad data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="line"/> is null.</exception>
    public static AccessRequestLine Parse(string line, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        AccessRequestLine parsed;
        try
        {
            parsed = ParseUnguarded(line, lineNumber);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            // InvalidOperationException: JsonElement.GetString on a string with a lone surrogate escape;
            // ArgumentException: text that cannot be transcoded to UTF-8 (a raw lone surrogate).
            return Malformed(lineNumber, null, $"cannot be read as a request ({e.Message})");
        }

        return parsed with { Id = Printable(parsed.Id) };
    }

    private static IEnumerable<AccessRequestLine> ReadLines(TextReader reader)
    {
        var lineNumber = 0L;
        var lines = new LineReader(reader, MaxLineLength);
        while (lines.TryReadLine(out var line))
        {
            lineNumber++;
            if (line is null)
            {
                yield return Malformed(lineNumber, null, $"longer than {MaxLineLength.ToString("N0", CultureInfo.InvariantCulture)} characters");
            }
            else if (!string.IsNullOrWhiteSpace(line))
            {
                yield return Parse(line, lineNumber);
            }
        }
    }

    private static AccessRequestLine Malformed(long lineNumber, string? id, string message) => new()
    {
        LineNumber = lineNumber,
        Id = id,
        Error = Diagnostic.Error(DiagnosticCodes.MalformedAccessRequest, Printable(message)) with
        {
            Line = lineNumber <= int.MaxValue ? (int)lineNumber : null,
        },
    };

    /// <summary>The text with every lone surrogate replaced by U+FFFD, so that it can be written as JSON.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    internal static string? Printable(string? text)
    {
        if (text is null || !text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private static AccessRequestLine ParseUnguarded(string line, long lineNumber)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line, DocumentOptions);
        }
        catch (JsonException e)
        {
            return Malformed(lineNumber, null, $"not valid JSON ({e.Message})");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Malformed(lineNumber, null, "a request must be a JSON object");
            }

            string? id = null;
            if (root.TryGetProperty("id", out var idElement))
            {
                id = idElement.ValueKind switch
                {
                    JsonValueKind.String => idElement.GetString(),
                    JsonValueKind.Number => idElement.GetRawText(),
                    _ => null,
                };
                if (id is null && idElement.ValueKind != JsonValueKind.Null)
                {
                    return Malformed(lineNumber, null, "'id' must be a string or a number");
                }
            }

            id = Printable(id);
            if (!TryString(root, "principalId", out var principalText, out var error) ||
                !TryString(root, "action", out var action, out error) ||
                !TryString(root, "resource", out var resource, out error))
            {
                return Malformed(lineNumber, id, error);
            }

            if (!PrincipalId.TryParse(principalText, out var principal))
            {
                return Malformed(lineNumber, id, $"'principalId' is not a GUID: '{principalText}'");
            }

            if (!TryGuids(root, "groupIds", PrincipalId.TryParse, out ImmutableArray<PrincipalId> groups, out error) ||
                !TryGuids(root, "activatedRoleDefinitionIds", RoleDefinitionId.TryParse, out ImmutableArray<RoleDefinitionId> activated, out error))
            {
                return Malformed(lineNumber, id, error);
            }

            var isDataAction = false;
            if (root.TryGetProperty("isDataAction", out var dataElement))
            {
                if (dataElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                {
                    return Malformed(lineNumber, id, "'isDataAction' must be true or false");
                }

                isDataAction = dataElement.ValueKind == JsonValueKind.True;
            }

            return new AccessRequestLine
            {
                LineNumber = lineNumber,
                Id = id,
                Request = new AccessRequest(principal, action, resource)
                {
                    GroupIds = groups,
                    ActivatedRoleDefinitionIds = activated,
                    IsDataAction = isDataAction,
                },
            };
        }
    }

    private static bool TryString(JsonElement root, string name, out string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text)
        {
            value = text;
            error = null;
            return true;
        }

        value = "";
        error = $"'{name}' is required and must be a non-empty string";
        return false;
    }

    private delegate bool GuidParser<T>(string? text, out T value);

    private static bool TryGuids<T>(JsonElement root, string name, GuidParser<T> parse, out ImmutableArray<T> values, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        values = [];
        error = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            error = $"'{name}' must be an array of GUIDs";
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<T>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !parse(item.GetString(), out var value))
            {
                error = $"'{name}' must be an array of GUIDs; '{item.GetRawText()}' is not one";
                return false;
            }

            builder.Add(value);
        }

        values = builder.MoveToImmutable();
        return true;
    }
}
