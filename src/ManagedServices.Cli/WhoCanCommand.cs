using System.CommandLine;
using ManagedServices.Access;
using ManagedServices.Operations;

namespace ManagedServices.Cli;

/// <summary>
/// <c>who-can (--template ... --subscription &lt;guid&gt; | --assignments &lt;file&gt;...) [--deny-assignments &lt;file&gt;] --action &lt;op&gt; [--data-action] --resource &lt;id&gt;</c>:
/// every principal the delegations authorize that may perform the operation on the resource, permanently or after
/// activating an eligible role, unless a deny assignment denies it. A group listed means its members can. Nobody can
/// perform a data action through Lighthouse; an operation Azure's operation list does not know gets a warning on
/// standard error with the closest known names.
/// </summary>
internal static class WhoCanCommand
{
    /// <summary>A principal no template names, used to tell a malformed operation name from one nobody may perform.</summary>
    private static readonly PrincipalId Probe = new(new Guid("00000000-0000-0000-0000-00000000c0de"));

    public static Command Create(CliContext context)
    {
        var denyAssignments = Inputs.DenyAssignmentsOption();
        var action = new Option<string>("--action") { Description = "The operation, for example Microsoft.Compute/virtualMachines/read.", Required = true, HelpName = "op" };
        var resource = new Option<string>("--resource") { Description = "The target: a resource ID, resource group or subscription.", Required = true, HelpName = "resourceId" };
        var dataAction = new Option<bool>("--data-action") { Description = "Ask about the operation as a data action (an operation Azure lists only as a data action is one anyway)." };
        var format = OutputFormat.CreateOption();
        var command = new Command("who-can", "Lists the principals that may perform an operation on a resource, permanently or after activating an eligible role, through the delegations of an onboarding template (--template) or of registration assignments as Azure returns them (--assignments).");
        var source = DelegationSource.Add(command);
        foreach (var option in new Option[] { denyAssignments, action, dataAction, resource, format })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var evaluator = AccessEvaluator.Create(source.Resolve(parse, context), new AccessEvaluatorOptions
            {
                TimeProvider = context.Time,
                DenyAssignments = Inputs.ReadDenyAssignments(context, parse.GetValue(denyAssignments)),
            });
            var op = parse.GetValue(action)!;
            var target = parse.GetValue(resource)!;
            if (!ResourceScope.TryParse(target, out _))
            {
                throw new UsageException($"--resource '{target}' is not an ARM resource ID");
            }

            // The library's reverse query: every authorization (permanent or eligible) whose role permits the
            // operation at a delegation covering the resource.
            var isData = parse.GetValue(dataAction);
            var found = evaluator.WhoCan(op, target, isData);
            var probe = evaluator.Check(new AccessRequest(Probe, op, target) { IsDataAction = isData });
            if (found.IsEmpty && probe.Reason == AccessReason.MalformedRequest)
            {
                throw new UsageException($"--action '{op}' is not an operation name (Provider/resourceType/operation, no '*')");
            }

            if (!probe.IsKnownOperation && OperationCatalog.Azure.Diagnose(op) is { } unknown)
            {
                context.Error.WriteLine(unknown.ToString());
            }

            var dataPlane = probe.Reason == AccessReason.DataActionNotDelegated;

            var holders = found
                .OrderBy(static h => h.IsEligible)
                .ThenBy(static h => h.DisplayName ?? h.PrincipalId.ToString(), StringComparer.OrdinalIgnoreCase)
                .ThenBy(static h => h.PrincipalId)
                .ThenBy(static h => h.Grant.Scope.ToString(), StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (OutputFormat.IsJson(parse, format))
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
                        var grant = holder.Grant;
                        w.WriteStartObject();
                        w.WriteString("principalId", holder.PrincipalId.ToString());
                        w.WriteString("kind", holder.PrincipalKind.ToString());
                        if (holder.DisplayName is { } name)
                        {
                            w.WriteString("displayName", name);
                        }

                        w.WriteString("access", holder.IsEligible ? "eligible" : "permanent");
                        w.WriteString("roleDefinitionId", grant.RoleDefinitionId.ToString());
                        if (grant.RoleName is { } roleName)
                        {
                            w.WriteString("roleName", roleName);
                        }

                        w.WriteString("scope", grant.Scope.ToString());
                        w.WriteString("offer", grant.RegistrationDefinitionName);
                        if (holder.Condition is { } condition)
                        {
                            w.WriteString("condition", condition);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else
            {
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
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
