using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json;
using ManagedServices.Analysis;

namespace ManagedServices.Cli;

/// <summary>
/// <c>advise --activity &lt;file&gt;... (--template ... --subscription &lt;guid&gt; | --assignments &lt;file&gt;...) [--memberships &lt;file&gt;]
/// [--principal &lt;guid&gt;] [--since &lt;instant&gt;] [--format text|json|markdown] [--output-template &lt;file&gt;]</c>:
/// the narrowest delegable built-in roles covering what each principal did through the delegations, computed by the
/// library (<see cref="LeastPrivilegeAdvisor"/>), and the onboarding template granting them. <c>advise --kql</c> prints
/// the Kusto query that aggregates the logs in Log Analytics. Exit 0 on success, 1 on unreadable input, 2 on usage errors.
/// </summary>
internal sealed class AdviseCommand : Command
{
    public AdviseCommand(CliContext context)
        : base("advise", "Proposes the narrowest delegable built-in roles covering what each principal did through the delegations (from activity logs), and an onboarding template that only narrows access.")
    {
        foreach (var option in new Option[] { Activity, Memberships, Principal.MustBeGuid(), Since.MustBeInstant(), OutputTemplate, Kql, Format })
        {
            Options.Add(option);
        }

        // advise --kql prints a query: it needs neither activity logs nor delegations.
        Source = DelegationSource.Add(this, needed: r => !r.GetValue(Kql));
        this.Forbid(r => !r.GetValue(Kql) && (r.GetValue(Activity) ?? []).Length == 0,
            "advise needs --activity <file> and the delegations (--template <file> --subscription <guid>, or --assignments <file>), or --kql");
        Action = new AdviseHandler(this, context);
    }

    public DelegationSource Source { get; }

    public Option<string[]> Activity { get; } = new("--activity")
    {
        Description = "Activity logs: the JSON array 'az monitor activity-log list' prints, an AzureActivity export (CSV or JSON), or the export of --kql (repeat or list several).",
        HelpName = "file",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> Memberships { get; } = new("--memberships") { Description = "A JSON object mapping a principal ID to its group IDs (events name users, authorizations usually name groups).", HelpName = "file" };

    public Option<string?> Principal { get; } = new("--principal") { Description = "Only this principal (an authorization's principal or a caller).", HelpName = "guid" };

    public Option<string?> Since { get; } = new("--since") { Description = "Only events at or after this instant (ISO 8601, for example 2026-09-01T00:00:00Z).", HelpName = "instant" };

    public Option<string?> OutputTemplate { get; } = new("--output-template") { Description = "Write the proposed onboarding template (and its parameters file next to it).", HelpName = "file" };

    public Option<bool> Kql { get; } = new("--kql") { Description = "Print the Kusto query that aggregates AzureActivity in Log Analytics to what --activity accepts, and exit." };

    public Option<string> Format { get; } = OutputFormat.CreateOption(markdown: true);
}

/// <summary>Reads the activity logs, asks the library's advisor (<see cref="LeastPrivilegeAdvisor.Advise"/>) and writes its advice.</summary>
internal sealed class AdviseHandler(AdviseCommand command, CliContext context) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parse)
    {
        DateTimeOffset? from = parse.GetValue(command.Since) is { } since && CliValidation.TryParseInstant(since, out var instant) ? instant : null;
        if (parse.GetValue(command.Kql))
        {
            context.Out.WriteLine(ActivityQueries.AggregateKql(from));
            return ExitCodes.Success;
        }

        var only = parse.GetValue(command.Principal) is { } p ? Inputs.ParsePrincipal(p, "--principal") : (PrincipalId?)null;
        var snapshot = command.Source.Resolve(parse, context);
        var log = new ActivityLog(new ActivityLogOptions { Since = from });
        foreach (var file in parse.GetValue(command.Activity) ?? [])
        {
            try
            {
                using var stream = new FileStream(context.Resolve(file, "read"), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                log.Read(stream, file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new InputException($"cannot read '{file}': {e.Message}");
            }
        }

        var groups = parse.GetValue(command.Memberships) is { } membershipsPath ? RequireMemberships(context, membershipsPath) : null;
        var advice = LeastPrivilegeAdvisor.Advise(log.ToSummary(), snapshot.Delegations, new AdviceOptions { Groups = groups, PrincipalId = only });
        foreach (var d in advice.Diagnostics)
        {
            context.Error.WriteLine(d.ToString());
        }

        if (parse.GetValue(command.OutputTemplate) is { } output)
        {
            if (advice.ProposedTemplate is not { } proposal)
            {
                throw new InputException("no template can be proposed (see the diagnostics above)");
            }

            OutputFiles.WriteTemplate(context.Resolve(output, "write"), proposal.Template, proposal.Parameters);
        }

        switch (parse.GetValue(command.Format))
        {
            case OutputFormat.Json:
                JsonOutput.Document(context.Out, w => WriteJson(w, advice));
                break;
            case OutputFormat.Markdown:
                WriteMarkdown(context.Out, advice);
                break;
            default:
                WriteText(context.Out, advice);
                break;
        }

        return advice.Diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error) ? ExitCodes.InvalidInput : ExitCodes.Success;
    }

    private static Access.InMemoryGroupMembership RequireMemberships(CliContext context, string path)
    {
        var read = MembershipsDocument.Read(Inputs.ReadFile(context, path));
        return !read.HasErrors
            ? read.Value
            : throw new InputException($"'{path}' cannot be read as memberships:" + Environment.NewLine + string.Join(Environment.NewLine, read.Diagnostics.Select(static d => "  " + d)));
    }

    private static void WriteJson(Utf8JsonWriter w, Advice advice)
    {
        w.WriteStartObject();
        w.WriteNumber("eventsThroughDelegations", advice.EventsThroughDelegations);
        w.WriteNumber("eventsNotDelegated", advice.EventsNotDelegated);
        w.WriteBoolean("templateProposed", advice.ProposedTemplate is not null);
        w.WriteStartArray("principals");
        foreach (var p in advice.Principals)
        {
            w.WriteStartObject();
            JsonOutput.WritePrincipalMembers(w, p.PrincipalId, p.DisplayName);
            Operations(w, "observedOperations", p.ObservedOperations);
            Operations(w, "wantedButDenied", p.WantedButDenied);
            Roles(w, "currentRoles", p.CurrentRoles);
            Roles(w, "proposedRoles", p.ProposedRoles);
            Roles(w, "readAccess", p.ReadAccess);
            w.WriteStartArray("uncovered");
            foreach (var u in p.Uncovered)
            {
                w.WriteStartObject();
                w.WriteString("operation", u.Operation);
                w.WriteString("reason", u.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("operationsRemoved", p.OperationsRemoved);
            w.WriteNumber("operationsBeyondObserved", p.OperationsBeyondObserved);
            w.WriteBoolean("exact", p.Exact);
            w.WriteNumber("lowerBound", p.LowerBound);
            w.WriteBoolean("keptCurrentRoles", p.KeptCurrentRoles);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();

        static void Operations(Utf8JsonWriter w, string name, IEnumerable<ObservedOperation> operations)
        {
            w.WriteStartArray(name);
            foreach (var o in operations)
            {
                w.WriteStartObject();
                w.WriteString("operation", o.Operation);
                w.WriteStartArray("scopes");
                foreach (var s in o.Scopes)
                {
                    w.WriteStringValue(s.ToString());
                }

                w.WriteEndArray();
                w.WriteNumber("events", o.Events);
                w.WriteString("firstSeen", o.FirstSeen);
                w.WriteString("lastSeen", o.LastSeen);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        static void Roles(Utf8JsonWriter w, string name, IEnumerable<RoleAtScope> roles)
        {
            w.WriteStartArray(name);
            foreach (var r in roles)
            {
                w.WriteStartObject();
                w.WriteString("roleDefinitionId", r.RoleDefinitionId.ToString());
                w.WriteString("roleName", r.RoleName);
                w.WriteString("scope", r.Scope.ToString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
    }

    private static void WriteText(TextWriter o, Advice advice)
    {
        o.WriteLine($"{advice.EventsThroughDelegations} event(s) through delegations, {advice.EventsNotDelegated} not delegated");
        foreach (var p in advice.Principals)
        {
            o.WriteLine();
            o.WriteLine(p.DisplayName is null ? $"principal {p.PrincipalId}" : $"principal {p.PrincipalId} ({p.DisplayName})");
            o.WriteLine($"  current:  {Join(p.CurrentRoles)}");
            o.WriteLine($"  proposed: {Join(p.ProposedRoles)}{(p.Exact || p.ObservedOperations.IsEmpty ? "" : $" (greedy; lower bound {p.LowerBound})")}");
            o.WriteLine($"  read:     {Join(p.ReadAccess)}");
            o.WriteLine($"  {p.ObservedOperations.Length} observed operation(s); {p.OperationsBeyondObserved} non-read operation(s) granted beyond them; {p.OperationsRemoved} removed");
            foreach (var op in p.ObservedOperations)
            {
                o.WriteLine($"    + {op.Operation} ({op.Events} event(s) in {string.Join(", ", op.Scopes)})");
            }

            foreach (var op in p.WantedButDenied)
            {
                o.WriteLine($"    ! wanted but denied: {op.Operation} ({op.Events} event(s))");
            }

            foreach (var u in p.Uncovered)
            {
                o.WriteLine($"    ? uncovered: {u.Operation}: {u.Reason}");
            }
        }

        o.WriteLine();
        o.WriteLine(advice.ProposedTemplate is null ? "no template proposed" : "template proposed (only narrows: the library's diff finds no widening)");

        static string Join(IEnumerable<RoleAtScope> roles)
        {
            var text = string.Join("; ", roles.Select(static r => $"{r.RoleName} at {r.Scope}"));
            return text.Length == 0 ? "(none)" : text;
        }
    }

    private static void WriteMarkdown(TextWriter o, Advice advice)
    {
        o.WriteLine("## Least-privilege advice");
        o.WriteLine();
        o.WriteLine($"{advice.EventsThroughDelegations} event(s) through delegations, {advice.EventsNotDelegated} not delegated. " +
            (advice.ProposedTemplate is null ? "No template proposed." : "A template is proposed; the library's diff finds that it only narrows access."));
        o.WriteLine();
        o.WriteLine("| Principal | Current roles | Proposed roles | Read access | Observed | Beyond observed | Removed | Uncovered |");
        o.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var p in advice.Principals)
        {
            o.WriteLine($"| {p.DisplayName ?? p.PrincipalId.ToString()} | {Cell(p.CurrentRoles)} | {Cell(p.ProposedRoles)}{(p.Exact || p.ObservedOperations.IsEmpty ? "" : " (greedy)")} | {Cell(p.ReadAccess)} | " +
                $"{p.ObservedOperations.Length} | {p.OperationsBeyondObserved} | {p.OperationsRemoved} | {string.Join("<br>", p.Uncovered.Select(static u => $"`{u.Operation}`: {u.Reason}"))} |");
        }

        static string Cell(IEnumerable<RoleAtScope> roles) => string.Join("<br>", roles.Select(static r => $"{r.RoleName} at `{r.Scope}`"));
    }
}
