using System.Collections.Immutable;
using System.Text.Json;
using ManagedServices.Access;
using ManagedServices.Operations;

namespace ManagedServices.Cli;

/// <summary>
/// Streams access checks: reads one JSON request per line and writes one result line per request, in input order,
/// holding one line at a time (memory does not grow with the input). A malformed line yields a Deny line with
/// reason <c>MalformedRequest</c> and an <c>error</c>, and processing continues. A request whose operation Azure's
/// operation list does not know gets <c>"knownOperation": false</c>; the first ones also get a warning on standard
/// error with the closest known names.
/// </summary>
internal sealed class CheckBatch(AccessEvaluator evaluator, CliContext context, bool json)
{
    /// <summary>The reason code of a line that could not be read as a request.</summary>
    public const string MalformedReason = nameof(AccessReason.MalformedRequest);

    /// <summary>The longest request line read, in characters (a request is a few hundred); longer lines are malformed.</summary>
    public const int MaxLineLength = 1024 * 1024;

    /// <summary>How many unknown-operation warnings (with "did you mean") a batch prints before only counting them.</summary>
    public const int MaxUnknownOperationWarnings = 10;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>The number of requests answered.</summary>
    public long Count { get; private set; }

    /// <summary>The number of malformed lines.</summary>
    public long Malformed { get; private set; }

    /// <summary>The number of requests whose operation Azure's operation list does not know.</summary>
    public long UnknownOperations { get; private set; }

    /// <summary>Checks every line of <paramref name="input"/>; blank lines are skipped.</summary>
    public void Run(TextReader input)
    {
        using var output = new JsonOutput(indented: false);
        var lastProgress = context.Time.GetUtcNow();
        var lineNumber = 0L;
        var lines = new LineReader(input, MaxLineLength);
        while (lines.TryReadLine(out var line))
        {
            lineNumber++;
            if (line is not null && string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            Count++;
            var parsed = line is null
                ? (null, default, $"line {lineNumber}: longer than {MaxLineLength:N0} characters")
                : Parse(line, lineNumber);
            if (parsed.Error is not null)
            {
                Malformed++;
                WriteError(output, parsed.Id, parsed.Error);
            }
            else
            {
                var decision = evaluator.Check(parsed.Request);
                if (!decision.IsKnownOperation && decision.Reason != AccessReason.MalformedRequest && ++UnknownOperations <= MaxUnknownOperationWarnings &&
                    OperationCatalog.Azure.Diagnose(parsed.Request.Action) is { } unknown)
                {
                    context.Error.WriteLine($"line {lineNumber}: {unknown}");
                }

                WriteDecision(output, parsed.Id, decision);
            }

            if (context.ErrorIsTerminal)
            {
                var now = context.Time.GetUtcNow();
                if (now - lastProgress >= TimeSpan.FromSeconds(1))
                {
                    lastProgress = now;
                    context.Error.Write($"\rchecked {Count:N0} request(s), {Malformed:N0} malformed");
                    context.Error.Flush();
                }
            }
        }

        if (context.ErrorIsTerminal && Count > 0)
        {
            context.Error.WriteLine($"\rchecked {Count:N0} request(s), {Malformed:N0} malformed");
        }

        if (UnknownOperations > MaxUnknownOperationWarnings)
        {
            context.Error.WriteLine($"warning {DiagnosticCodes.UnknownOperation}: {UnknownOperations - MaxUnknownOperationWarnings:N0} more request(s) name an operation that is not in Azure's operation list (\"knownOperation\": false)");
        }
    }

    /// <summary>Writes the result of one request (batch line or single check).</summary>
    public void WriteDecision(JsonOutput output, string? id, AccessDecision decision)
    {
        if (!json)
        {
            var grant = decision.IsAllowed && decision.Grant is { } g ? $" {g.PrincipalId} {g.RoleName ?? g.RoleDefinitionId.ToString()} at {g.Scope}" : "";
            var unknown = decision.IsKnownOperation ? "" : " (operation not in Azure's operation list)";
            context.Out.WriteLine($"{id ?? "-"} {(decision.IsAllowed ? "Allow" : "Deny")} {decision.Reason}{grant}{unknown}");
            return;
        }

        output.WriteLine(context.Out, w =>
        {
            w.WriteStartObject();
            WriteId(w, id);
            w.WriteString("decision", decision.IsAllowed ? "Allow" : "Deny");
            w.WriteString("reason", decision.Reason.ToString());
            w.WriteStartArray("grants");
            if (decision.IsAllowed && decision.Grant is { } grant)
            {
                w.WriteStartObject();
                w.WriteString("principalId", grant.PrincipalId.ToString());
                w.WriteString("roleDefinitionId", grant.RoleDefinitionId.ToString());
                if (grant.RoleName is { } roleName)
                {
                    w.WriteString("roleName", roleName);
                }

                w.WriteString("scope", grant.Scope.ToString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (!decision.IsKnownOperation)
            {
                w.WriteBoolean("knownOperation", false);
            }

            w.WriteEndObject();
        });
    }

    private void WriteError(JsonOutput output, string? id, string error)
    {
        if (!json)
        {
            context.Out.WriteLine($"{id ?? "-"} Deny {MalformedReason} error: {error}");
            return;
        }

        output.WriteLine(context.Out, w =>
        {
            w.WriteStartObject();
            WriteId(w, id);
            w.WriteString("decision", "Deny");
            w.WriteString("reason", MalformedReason);
            w.WriteString("error", error);
            w.WriteEndObject();
        });
    }

    private static void WriteId(Utf8JsonWriter w, string? id)
    {
        if (id is null)
        {
            w.WriteNull("id");
        }
        else
        {
            w.WriteString("id", id);
        }
    }

    /// <summary>
    /// Reads one request line. Never throws on bad data: every shape of line that makes the JSON reader throw (invalid
    /// JSON, a string with a lone surrogate such as <c>"\ud800"</c> in any field, text that is not UTF-16) is a
    /// malformed line, and the returned texts are always valid UTF-16 (safe to write as JSON).
    /// </summary>
    internal static (string? Id, AccessRequest Request, string? Error) Parse(string line, long lineNumber)
    {
        (string? Id, AccessRequest Request, string? Error) parsed;
        try
        {
            parsed = ParseUnguarded(line, lineNumber);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            // InvalidOperationException: JsonElement.GetString on a string with a lone surrogate escape;
            // ArgumentException: text that cannot be transcoded to UTF-8 (a raw lone surrogate).
            return (null, default, $"line {lineNumber}: cannot be read as a request ({Printable(e.Message)})");
        }

        return (Printable(parsed.Id), parsed.Request, Printable(parsed.Error));
    }

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

    private static (string? Id, AccessRequest Request, string? Error) ParseUnguarded(string line, long lineNumber)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line, DocumentOptions);
        }
        catch (JsonException e)
        {
            return (null, default, $"line {lineNumber}: not valid JSON ({e.Message})");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, default, $"line {lineNumber}: a request must be a JSON object");
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
                    return (null, default, $"line {lineNumber}: 'id' must be a string or a number");
                }
            }

            if (!TryString(root, "principalId", out var principalText, out var error) ||
                !TryString(root, "action", out var action, out error) ||
                !TryString(root, "resource", out var resource, out error))
            {
                return (id, default, $"line {lineNumber}: {error}");
            }

            if (!PrincipalId.TryParse(principalText, out var principal))
            {
                return (id, default, $"line {lineNumber}: 'principalId' is not a GUID: '{principalText}'");
            }

            if (!TryGuids(root, "groupIds", PrincipalId.TryParse, out ImmutableArray<PrincipalId> groups, out error) ||
                !TryGuids(root, "activatedRoleDefinitionIds", RoleDefinitionId.TryParse, out ImmutableArray<RoleDefinitionId> activated, out error))
            {
                return (id, default, $"line {lineNumber}: {error}");
            }

            var isDataAction = false;
            if (root.TryGetProperty("isDataAction", out var dataElement))
            {
                if (dataElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                {
                    return (id, default, $"line {lineNumber}: 'isDataAction' must be true or false");
                }

                isDataAction = dataElement.ValueKind == JsonValueKind.True;
            }

            return (id, new AccessRequest(principal, action, resource)
            {
                GroupIds = groups,
                ActivatedRoleDefinitionIds = activated,
                IsDataAction = isDataAction,
            }, null);
        }
    }

    private static bool TryString(JsonElement root, string name, out string value, out string? error)
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

    private static bool TryGuids<T>(JsonElement root, string name, GuidParser<T> parse, out ImmutableArray<T> values, out string? error)
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
