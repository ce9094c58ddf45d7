using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using ManagedServices.Access;
using ManagedServices.Operations;

namespace ManagedServices.Cli;

/// <summary>
/// <c>check (--template &lt;file&gt; [--parameters &lt;file&gt;] --subscription &lt;guid&gt; | --assignments &lt;file&gt;... [--definitions &lt;file&gt;]) [--customer-tenant &lt;guid&gt;] [--deny-assignments &lt;file&gt;]
/// (--requests &lt;file.jsonl | -&gt; | --principal &lt;guid&gt; [--group &lt;guid&gt;]... --action &lt;op&gt; [--data-action] --resource &lt;id&gt;)
/// [--at &lt;instant&gt;] [--explain] [--format text|json]</c>: one access check (with <c>--explain</c>, its full trace), or a streamed batch (one JSON request per line in,
/// one JSON result per line out, in input order). The definition: options and the validators of their conflicts;
/// <see cref="CheckHandler"/> asks the library's <see cref="AccessEvaluator"/>.
/// </summary>
internal sealed class CheckCommand : Command
{
    public CheckCommand(CliContext context)
        : base("check", "Checks access: one request (--principal, --action, --resource) or a batch (--requests <file.jsonl|->), against the delegations of an onboarding template (--template) or of registration assignments as Azure returns them (--assignments).")
    {
        Source = DelegationSource.Add(this);
        foreach (var option in new Option[] { DenyAssignments, Requests, Principal.MustBeGuid(), Groups.MustBeGuid(), Operation, DataAction, Resource, At.MustBeInstant(), Explain, Format })
        {
            Options.Add(option);
        }

        this.Forbid(r => r.GetValue(Requests) is not null && IsSingle(r), "--requests excludes --principal, --group, --action, --data-action and --resource (a request line says isDataAction)");
        this.Forbid(r => r.GetValue(Requests) is not null && r.GetValue(Explain), "--explain traces a single check; it does not go with --requests");
        this.Forbid(r => r.GetValue(Requests) is null && (r.GetValue(Principal) is null || r.GetValue(Operation) is null || r.GetValue(Resource) is null),
            "give --requests <file.jsonl|->, or --principal, --action and --resource");
        Action = new CheckHandler(this, context);
    }

    public DelegationSource Source { get; }

    public Option<string?> Requests { get; } = new("--requests") { Description = "A JSONL file of requests, or - for standard input (batch mode).", HelpName = "file.jsonl|-" };

    public Option<string?> Principal { get; } = new("--principal") { Description = "The calling principal (single check).", HelpName = "guid" };

    public Option<string[]> Groups { get; } = new("--group") { Description = "A group of the principal (repeat for several).", HelpName = "guid" };

    public Option<string?> Operation { get; } = new("--action") { Description = "The operation (single check).", HelpName = "op" };

    public Option<string?> Resource { get; } = new("--resource") { Description = "The target resource ID (single check).", HelpName = "resourceId" };

    public Option<bool> DataAction { get; } = new("--data-action") { Description = "Check the operation as a data action (single check; an operation Azure lists only as a data action is one anyway)." };

    public Option<string?> DenyAssignments { get; } = Inputs.DenyAssignmentsOption();

    public Option<string?> At { get; } = new("--at") { Description = "The instant to evaluate at (ISO 8601, for example 2026-11-26T08:00:00Z); default now.", HelpName = "instant" };

    public Option<bool> Explain { get; } = new("--explain") { Description = "Print the full trace of a single check: every authorization considered and why it did or did not apply (matching Actions entry, removing NotActions entry, eligible role not activated, deny assignment)." };

    public Option<string> Format { get; } = OutputFormat.CreateOption();

    private bool IsSingle(CommandResult r) =>
        r.GetValue(Principal) is not null || r.GetValue(Operation) is not null || r.GetValue(Resource) is not null ||
        r.GetValue(Groups) is { Length: > 0 } || r.GetValue(DataAction);
}

/// <summary>Builds the evaluator from the delegations, then answers one request (or explains it) or streams a batch.</summary>
internal sealed class CheckHandler(CheckCommand command, CliContext context) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parse)
    {
        var time = parse.GetValue(command.At) is { } at && CliValidation.TryParseInstant(at, out var instant) ? new FixedTimeProvider(instant) : context.Time;
        var evaluator = AccessEvaluator.Create(command.Source.Resolve(parse, context), new AccessEvaluatorOptions
        {
            TimeProvider = time,
            DenyAssignments = Inputs.ReadDenyAssignments(context, parse.GetValue(command.DenyAssignments)),
        });
        if (parse.GetValue(command.Requests) is { } requests)
        {
            // Batch mode writes JSON lines unless --format text is given explicitly.
            var format = parse.GetResult(command.Format);
            RunBatch(new CheckBatch(evaluator, context, format is null || format.Implicit || OutputFormat.IsJson(parse, command.Format)), requests);
            return ExitCodes.Success;
        }

        var request = new AccessRequest(Inputs.ParsePrincipal(parse.GetValue(command.Principal)!, "--principal"), parse.GetValue(command.Operation)!, parse.GetValue(command.Resource)!)
        {
            GroupIds = [.. (parse.GetValue(command.Groups) ?? []).Select(static g => Inputs.ParsePrincipal(g, "--group"))],
            IsDataAction = parse.GetValue(command.DataAction),
        };
        var json = OutputFormat.IsJson(parse, command.Format);
        var decision = evaluator.Check(request);
        if (!decision.IsKnownOperation && decision.Reason != AccessReason.MalformedRequest && OperationCatalog.Azure.Diagnose(request.Action) is { } unknown)
        {
            context.Error.WriteLine(unknown.ToString());
        }

        if (parse.GetValue(command.Explain))
        {
            ExplainOutput.Write(context, evaluator.Explain(request), json);
            return ExitCodes.Success;
        }

        using var output = new JsonOutput(indented: false);
        new CheckBatch(evaluator, context, json).WriteDecision(output, null, decision);
        return ExitCodes.Success;
    }

    private void RunBatch(CheckBatch batch, string requests)
    {
        if (requests == "-")
        {
            using var stdin = context.OpenStandardInput();
            batch.Run(stdin);
            return;
        }

        StreamReader reader;
        try
        {
            reader = new StreamReader(context.Resolve(requests, "read"), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read '{requests}': {e.Message}");
        }

        using (reader)
        {
            batch.Run(reader);
        }
    }

    /// <summary>A clock stopped at one instant (<c>--at</c>).</summary>
    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
