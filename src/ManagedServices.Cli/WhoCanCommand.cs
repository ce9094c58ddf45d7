using System.CommandLine;
using System.CommandLine.Invocation;
using ManagedServices.Access;
using ManagedServices.Operations;

namespace ManagedServices.Cli;

/// <summary>
/// <c>who-can (--template ... --subscription &lt;guid&gt; | --assignments &lt;file&gt;...) [--deny-assignments &lt;file&gt;] --action &lt;op&gt; [--data-action] --resource &lt;id&gt;</c>:
/// every principal the delegations authorize that may perform the operation on the resource, permanently or after
/// activating an eligible role, unless a deny assignment denies it. A group listed means its members can. Nobody can
/// perform a data action through Lighthouse; an operation Azure's operation list does not know gets a warning on
/// standard error with the closest known names. The definition validates the operation name and the resource ID
/// while parsing (usage errors); <see cref="WhoCanHandler"/> asks the library (<see cref="AccessEvaluator.WhoCan"/>).
/// </summary>
internal sealed class WhoCanCommand : Command
{
    public WhoCanCommand(CliContext context)
        : base("who-can", "Lists the principals that may perform an operation on a resource, permanently or after activating an eligible role, through the delegations of an onboarding template (--template) or of registration assignments as Azure returns them (--assignments).")
    {
        Source = DelegationSource.Add(this);
        foreach (var option in new Option[] { DenyAssignments, Operation, DataAction, Resource.MustBeResourceId(), Format })
        {
            Options.Add(option);
        }

        Operation.Validators.Add(static r =>
        {
            // The library's grammar of an operation name (the one the evaluator denies as MalformedRequest).
            if (r.Tokens.Count > 0 && !PreparedAction.TryPrepare(r.Tokens[0].Value, out _))
            {
                r.AddError($"--action '{r.Tokens[0].Value}' is not an operation name (Provider/resourceType/operation, no '*')");
            }
        });
        Action = new WhoCanHandler(this, context);
    }

    public DelegationSource Source { get; }

    public Option<string?> DenyAssignments { get; } = Inputs.DenyAssignmentsOption();

    public Option<string> Operation { get; } = new("--action") { Description = "The operation, for example Microsoft.Compute/virtualMachines/read.", Required = true, HelpName = "op" };

    public Option<string> Resource { get; } = new("--resource") { Description = "The target: a resource ID, resource group or subscription.", Required = true, HelpName = "resourceId" };

    public Option<bool> DataAction { get; } = new("--data-action") { Description = "Ask about the operation as a data action (an operation Azure lists only as a data action is one anyway)." };

    public Option<string> Format { get; } = OutputFormat.CreateOption();
}

/// <summary>Asks the library who can perform the operation and writes the holders, permanent first.</summary>
internal sealed class WhoCanHandler(WhoCanCommand command, CliContext context) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parse)
    {
        var evaluator = AccessEvaluator.Create(command.Source.Resolve(parse, context), new AccessEvaluatorOptions
        {
            TimeProvider = context.Time,
            DenyAssignments = Inputs.ReadDenyAssignments(context, parse.GetValue(command.DenyAssignments)),
        });
        var op = parse.GetValue(command.Operation)!;
        var target = parse.GetValue(command.Resource)!;
        var isData = parse.GetValue(command.DataAction);

        // The library's reverse query: every authorization (permanent or eligible) whose role permits the operation at
        // a delegation covering the resource; empty for a data action, which Lighthouse never delegates.
        var holders = evaluator.WhoCan(op, target, isData)
            .OrderBy(static h => h.IsEligible)
            .ThenBy(static h => h.DisplayName ?? h.PrincipalId.ToString(), StringComparer.OrdinalIgnoreCase)
            .ThenBy(static h => h.PrincipalId)
            .ThenBy(static h => h.Grant.Scope.ToString(), StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (OperationCatalog.Azure.Diagnose(op) is { } unknown)
        {
            context.Error.WriteLine(unknown.ToString());
        }

        var dataPlane = OperationCatalog.Azure.IsDataAction(op, isData);
        if (OutputFormat.IsJson(parse, command.Format))
        {
            JsonOutput.Document(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteString("action", op);
                w.WriteString("resource", target);
                w.WriteBoolean("dataAction", dataPlane);
                w.WriteStartArray("principals");
                foreach (var holder in holders)
                {
                    w.WriteStartObject();
                    ExplainOutput.WriteHolderMembers(w, holder);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return ExitCodes.Success;
        }

        foreach (var holder in holders)
        {
            var grant = holder.Grant;
            var how = holder.IsEligible ? "after activating eligible role" : "with role";
            var condition = holder.Condition is { } c ? $" ({c})" : "";
            context.Out.WriteLine($"{holder.PrincipalId}  {holder.DisplayName ?? "-"} ({holder.PrincipalKind})  {how} {grant.RoleName ?? grant.RoleDefinitionId.ToString()} at {grant.Scope}{condition}");
        }

        var principals = holders.Select(static h => h.PrincipalId).Distinct().Count();
        var plane = dataPlane ? " (a data action: Lighthouse delegates none)" : "";
        context.Out.WriteLine($"{principals} principal(s) can perform {op} on {target} ({holders.Count} grant(s)){plane}");
        return ExitCodes.Success;
    }
}
