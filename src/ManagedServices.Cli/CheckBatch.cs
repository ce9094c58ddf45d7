using System.Text.Json;
using ManagedServices.Access;
using ManagedServices.Operations;
using ManagedServices.Serialization;

namespace ManagedServices.Cli;

/// <summary>
/// Streams access checks: the library reads one JSON request per line (<see cref="AccessRequestLines.Read"/>); this
/// writes one result line per request, in input order, holding one line at a time (memory does not grow with the
/// input). A malformed line yields a Deny line with reason <c>MalformedRequest</c> and an <c>error</c> (the library's
/// diagnostic, after the line number), and processing continues. A request whose operation Azure's
/// operation list does not know gets <c>"knownOperation": false</c>; the first ones also get a warning on standard
/// error with the closest known names.
/// </summary>
internal sealed class CheckBatch(AccessEvaluator evaluator, CliContext context, bool json)
{
    /// <summary>The reason code of a line that could not be read as a request.</summary>
    public const string MalformedReason = nameof(AccessReason.MalformedRequest);

    /// <summary>How many unknown-operation warnings (with "did you mean") a batch prints before only counting them.</summary>
    public const int MaxUnknownOperationWarnings = 10;

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
        foreach (var line in AccessRequestLines.Read(input))
        {
            Count++;
            if (line.Error is { } error)
            {
                Malformed++;
                WriteError(output, line.Id, $"line {line.LineNumber}: {error.Message}");
            }
            else
            {
                var decision = evaluator.Check(line.Request);
                if (!decision.IsKnownOperation && decision.Reason != AccessReason.MalformedRequest && ++UnknownOperations <= MaxUnknownOperationWarnings &&
                    OperationCatalog.Azure.Diagnose(line.Request.Action) is { } unknown)
                {
                    context.Error.WriteLine($"line {line.LineNumber}: {unknown}");
                }

                WriteDecision(output, line.Id, decision);
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
}
