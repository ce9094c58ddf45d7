using System.CommandLine;
using ManagedServices.Access;

namespace ManagedServices.Cli;

/// <summary>
/// <c>who-can --template ... --subscription &lt;guid&gt; --action &lt;op&gt; --resource &lt;id&gt;</c>: every principal
/// the template authorizes that may perform the operation on the resource, permanently or after activating an
/// eligible role. A group listed means its members can.
/// </summary>
internal static class WhoCanCommand
{
    public static Command Create(CliContext context)
    {
        var (template, parameters, subscription) = Inputs.TemplateOptions();
        var customerTenant = new Option<string?>("--customer-tenant") { Description = "The customer tenant the subscription belongs to (shown in grants).", HelpName = "guid" };
        var action = new Option<string>("--action") { Description = "The operation, for example Microsoft.Compute/virtualMachines/read.", Required = true, HelpName = "op" };
        var resource = new Option<string>("--resource") { Description = "The target: a resource ID, resource group or subscription.", Required = true, HelpName = "resourceId" };
        var format = OutputFormat.CreateOption();
        var command = new Command("who-can", "Lists the principals of an onboarding template that may perform an operation on a resource, permanently or after activating an eligible role.")
        {
            template, parameters, subscription, customerTenant, action, resource, format,
        };
        command.SetAction(parse =>
        {
            var subscriptionId = Inputs.ParseSubscription(parse.GetValue(subscription), "--subscription")!.Value;
            var tenant = Inputs.ParseTenant(parse.GetValue(customerTenant), "--customer-tenant") ?? default;
            var content = Inputs.RequireTemplate(context, parse.GetValue(template)!, parse.GetValue(parameters), subscriptionId);
            var snapshot = Inputs.Delegations(content, subscriptionId, tenant);
            var evaluator = AccessEvaluator.Create(snapshot, new AccessEvaluatorOptions { TimeProvider = context.Time });
            var op = parse.GetValue(action)!;
            var target = parse.GetValue(resource)!;
            if (!ResourceScope.TryParse(target, out _))
            {
                throw new UsageException($"--resource '{target}' is not an ARM resource ID");
            }

            var principals = snapshot.Delegations
                .SelectMany(static d => d.Definition.Manifest.Authorizations.Select(static a => a.Principal)
                    .Concat(d.Definition.Manifest.EligibleAuthorizations.Select(static e => e.Principal)))
                .DistinctBy(static p => p.Id)
                .ToList();
            var found = new List<(Principal Principal, AccessGrant Grant, bool AfterActivation)>();
            foreach (var principal in principals)
            {
                var decision = evaluator.Check(new AccessRequest(principal.Id, op, target));
                if (decision.IsAllowed && decision.Grant is { } grant)
                {
                    found.Add((principal, grant, false));
                    continue;
                }

                var eligibleRoles = snapshot.Delegations
                    .SelectMany(static d => d.Definition.Manifest.EligibleAuthorizations)
                    .Where(e => e.Principal.Id == principal.Id)
                    .Select(static e => e.RoleDefinitionId)
                    .Distinct()
                    .ToList();
                foreach (var role in eligibleRoles)
                {
                    var activated = evaluator.Check(new AccessRequest(principal.Id, op, target) { ActivatedRoleDefinitionIds = [role] });
                    if (activated.IsAllowed && activated.Grant is { } eligibleGrant)
                    {
                        found.Add((principal, eligibleGrant, true));
                        break;
                    }
                }
            }

            found.Sort(static (a, b) => (a.AfterActivation, a.Principal.DisplayName ?? a.Principal.Id.ToString())
                .CompareTo((b.AfterActivation, b.Principal.DisplayName ?? b.Principal.Id.ToString())));
            if (OutputFormat.IsJson(parse, format))
            {
                JsonOutput.Document(context.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("action", op);
                    w.WriteString("resource", target);
                    w.WriteStartArray("principals");
                    foreach (var (principal, grant, after) in found)
                    {
                        w.WriteStartObject();
                        w.WriteString("principalId", principal.Id.ToString());
                        w.WriteString("kind", principal.Kind.ToString());
                        if (principal.DisplayName is { } name)
                        {
                            w.WriteString("displayName", name);
                        }

                        w.WriteString("access", after ? "eligible" : "permanent");
                        w.WriteString("roleDefinitionId", grant.RoleDefinitionId.ToString());
                        if (grant.RoleName is { } roleName)
                        {
                            w.WriteString("roleName", roleName);
                        }

                        w.WriteString("scope", grant.Scope.ToString());
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else
            {
                foreach (var (principal, grant, after) in found)
                {
                    var how = after ? "after activating eligible role" : "with role";
                    context.Out.WriteLine($"{principal.Id}  {principal.DisplayName ?? "-"} ({principal.Kind})  {how} {grant.RoleName ?? grant.RoleDefinitionId.ToString()} at {grant.Scope}");
                }

                context.Out.WriteLine($"{found.Count} principal(s) can perform {op} on {target}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
