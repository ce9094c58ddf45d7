using System.CommandLine;
using System.Globalization;
using ManagedServices.Access;
using ManagedServices.Operations;

namespace ManagedServices.Cli;

/// <summary>
/// <c>check (--template &lt;file&gt; [--parameters &lt;file&gt;] --subscription &lt;guid&gt; | --assignments &lt;file&gt;... [--definitions &lt;file&gt;]) [--customer-tenant &lt;guid&gt;] [--deny-assignments &lt;file&gt;]
/// (--requests &lt;file.jsonl | -&gt; | --principal &lt;guid&gt; [--group &lt;guid&gt;]... --action &lt;op&gt; [--data-action] --resource &lt;id&gt;)
/// [--at &lt;instant&gt;] [--explain] [--format text|json]</c>: one access check (with <c>--explain</c>, its full trace), or a streamed batch (one JSON request per line in,
/// one JSON result per line out, in input order).
/// </summary>
internal static class CheckCommand
{
    /// <summary>The ISO 8601 forms <c>--at</c> accepts: date and time to the minute, second or fraction, with <c>Z</c>, an offset or neither (then UTC).</summary>
    internal static readonly string[] IsoInstantFormats = ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static Command Create(CliContext context)
    {
        var requests = new Option<string?>("--requests") { Description = "A JSONL file of requests, or - for standard input (batch mode).", HelpName = "file.jsonl|-" };
        var principal = new Option<string?>("--principal") { Description = "The calling principal (single check).", HelpName = "guid" };
        var groups = new Option<string[]>("--group") { Description = "A group of the principal (repeat for several).", HelpName = "guid" };
        var action = new Option<string?>("--action") { Description = "The operation (single check).", HelpName = "op" };
        var resource = new Option<string?>("--resource") { Description = "The target resource ID (single check).", HelpName = "resourceId" };
        var dataAction = new Option<bool>("--data-action") { Description = "Check the operation as a data action (single check; an operation Azure lists only as a data action is one anyway)." };
        var denyAssignments = Inputs.DenyAssignmentsOption();
        var at = new Option<string?>("--at") { Description = "The instant to evaluate at (ISO 8601, for example 2026-11-26T08:00:00Z); default now.", HelpName = "instant" };
        var explain = new Option<bool>("--explain") { Description = "Print the full trace of a single check: every authorization considered and why it did or did not apply (matching Actions entry, removing NotActions entry, eligible role not activated, deny assignment)." };
        var format = OutputFormat.CreateOption();
        var command = new Command("check", "Checks access: one request (--principal, --action, --resource) or a batch (--requests <file.jsonl|->), against the delegations of an onboarding template (--template) or of registration assignments as Azure returns them (--assignments).");
        var source = DelegationSource.Add(command);
        foreach (var option in new Option[] { denyAssignments, requests, principal, groups, action, dataAction, resource, at, explain, format })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var requestsPath = parse.GetValue(requests);
            var single = parse.GetValue(principal) is not null || parse.GetValue(action) is not null || parse.GetValue(resource) is not null ||
                         parse.GetValue(groups) is { Length: > 0 } || parse.GetValue(dataAction);
            if (requestsPath is not null && single)
            {
                throw new UsageException("--requests excludes --principal, --group, --action, --data-action and --resource (a request line says isDataAction)");
            }

            if (requestsPath is not null && parse.GetValue(explain))
            {
                throw new UsageException("--explain traces a single check; it does not go with --requests");
            }

            if (requestsPath is null && (parse.GetValue(principal) is null || parse.GetValue(action) is null || parse.GetValue(resource) is null))
            {
                throw new UsageException("give --requests <file.jsonl|->, or --principal, --action and --resource");
            }

            var time = context.Time;
            if (parse.GetValue(at) is { } atText)
            {
                if (!DateTimeOffset.TryParseExact(atText, IsoInstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
                {
                    throw new UsageException($"--at '{atText}' is not an ISO 8601 instant");
                }

                time = new FixedTimeProvider(instant);
            }

            var evaluator = AccessEvaluator.Create(source.Resolve(parse, context), new AccessEvaluatorOptions
            {
                TimeProvider = time,
                DenyAssignments = Inputs.ReadDenyAssignments(context, parse.GetValue(denyAssignments)),
            });

            if (requestsPath is null)
            {
                var request = new AccessRequest(Inputs.ParsePrincipal(parse.GetValue(principal)!, "--principal"), parse.GetValue(action)!, parse.GetValue(resource)!)
                {
                    GroupIds = [.. (parse.GetValue(groups) ?? []).Select(static g => Inputs.ParsePrincipal(g, "--group"))],
                    IsDataAction = parse.GetValue(dataAction),
                };
                var json = OutputFormat.IsJson(parse, format);
                using var output = new JsonOutput(indented: false);
                var decision = evaluator.Check(request);
                if (!decision.IsKnownOperation && decision.Reason != AccessReason.MalformedRequest && OperationCatalog.Azure.Diagnose(request.Action) is { } unknown)
                {
                    context.Error.WriteLine(unknown.ToString());
                }

                if (parse.GetValue(explain))
                {
                    ExplainOutput.Write(context, evaluator.Explain(request), json);
                    return ExitCodes.Success;
                }

                new CheckBatch(evaluator, context, json).WriteDecision(output, null, decision);
                return ExitCodes.Success;
            }

            // Batch mode writes JSON lines unless --format text is given explicitly.
            var formatResult = parse.GetResult(format);
            var batchJson = formatResult is null || formatResult.Implicit || OutputFormat.IsJson(parse, format);
            var batch = new CheckBatch(evaluator, context, batchJson);
            if (requestsPath == "-")
            {
                using var stdin = context.OpenStandardInput();
                batch.Run(stdin);
            }
            else
            {
                StreamReader reader;
                try
                {
                    reader = new StreamReader(context.Resolve(requestsPath), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new InputException($"cannot read '{requestsPath}': {e.Message}");
                }

                using (reader)
                {
                    batch.Run(reader);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A clock stopped at one instant (<c>--at</c>).</summary>
    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
