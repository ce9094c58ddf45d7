using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Xml;
using ManagedServices.Access;
using ManagedServices.Offers;

namespace ManagedServices.Cli;

/// <summary>
/// <c>what-can (--template ... --subscription &lt;guid&gt; | --assignments &lt;file&gt;...) --principal &lt;guid&gt; [--group &lt;guid&gt;]...
/// --resource &lt;id&gt; [--deny-assignments &lt;file&gt;] [--operations] [--search &lt;text&gt;] [--format text|json]</c>:
/// every grant through which the principal (itself or one of its groups) has access at or above the resource — role,
/// permanent or eligible with its just-in-time policy, offer, delegated scope — from the library's
/// <c>AccessEvaluator.WhatCan</c>; with <c>--operations</c>, the operations of Azure's operation list each role permits
/// (<c>AccessEvaluator.Describe</c>), filtered by <c>--search</c>.
/// </summary>
internal static class WhatCanCommand
{
    public static Command Create(CliContext context)
    {
        var principal = new Option<string>("--principal") { Description = "The managing-tenant principal (user, group or service principal object ID).", Required = true, HelpName = "guid" };
        var groups = new Option<string[]>("--group") { Description = "A group of the principal (repeat for several).", HelpName = "guid" };
        var resource = new Option<string>("--resource") { Description = "The target: a resource ID, resource group or subscription; grants at or above it are listed.", Required = true, HelpName = "resourceId" };
        var denyAssignments = Inputs.DenyAssignmentsOption();
        var operations = new Option<bool>("--operations") { Description = "List the operations of Azure's operation list each role permits through Lighthouse (management operations only)." };
        var search = new Option<string?>("--search") { Description = "Only operations whose name contains this text, ignoring case (implies --operations).", HelpName = "text" };
        var format = OutputFormat.CreateOption();
        var command = new Command("what-can", "Lists every role, authorization (permanent or eligible, with its policy) and offer through which a principal has access at or above a resource, and with --operations the operations each role permits.");
        var source = DelegationSource.Add(command);
        foreach (var option in new Option[] { principal, groups, resource, denyAssignments, operations, search, format })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var principalId = Inputs.ParsePrincipal(parse.GetValue(principal)!, "--principal");
            var groupIds = (parse.GetValue(groups) ?? []).Select(static g => Inputs.ParsePrincipal(g, "--group")).ToList();
            var target = parse.GetValue(resource)!;
            if (!ResourceScope.TryParse(target, out var scope) || scope.Kind < ScopeKind.Subscription)
            {
                throw new UsageException($"--resource '{target}' is not an ARM resource ID at or below a subscription");
            }

            var filter = parse.GetValue(search);
            var listOperations = parse.GetValue(operations) || filter is not null;
            var evaluator = AccessEvaluator.Create(source.Resolve(parse, context), new AccessEvaluatorOptions
            {
                TimeProvider = context.Time,
                DenyAssignments = Inputs.ReadDenyAssignments(context, parse.GetValue(denyAssignments)),
            });
            var access = evaluator.WhatCan(principalId, target, groupIds: groupIds);
            var details = access.Grants.Select(g => evaluator.Describe(g, listOperations, filter)!).ToList();
            if (OutputFormat.IsJson(parse, format))
            {
                JsonOutput.Document(context.Out, w => WriteJson(w, principalId, groupIds, target, details, listOperations));
            }
            else
            {
                WriteText(context.Out, principalId, target, details, listOperations);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Duration(TimeSpan span) => XmlConvert.ToString(span);

    private static string Approvers(JustInTimeAccessPolicy policy) =>
        string.Join(", ", policy.Approvers.Select(static a => a.DisplayName is { } name ? $"{name} ({a.Id})" : a.Id.ToString()));

    private static void WriteText(TextWriter output, PrincipalId principal, string target, List<GrantDetails> details, bool listOperations)
    {
        foreach (var d in details)
        {
            var g = d.Grant;
            var who = g.PrincipalId == principal ? "" : $" through group {g.PrincipalDisplayName ?? "-"} ({g.PrincipalId})";
            output.WriteLine($"{(g.IsEligible ? "eligible " : "permanent")}  {g.RoleName ?? g.RoleDefinitionId.ToString()} ({g.RoleDefinitionId}) at {g.Scope}{who}");
            output.WriteLine($"           offer {g.RegistrationDefinitionName} (definition {g.RegistrationDefinitionId:D}, assignment {g.AssignmentId:D}), managing tenant {g.ManagingTenantId}");
            if (d.JustInTimeAccessPolicy is { } policy)
            {
                var approval = policy.RequiresApproval ? "approval by " + Approvers(policy) : "no approval";
                output.WriteLine($"           activation: MFA {policy.MultiFactorAuthProvider}, {approval}, at most {Duration(policy.MaximumActivationDuration)}");
            }

            if (!d.DelegatedRoleDefinitionIds.IsEmpty)
            {
                output.WriteLine($"           may assign to managed identities: {string.Join(", ", d.DelegatedRoleDefinitionIds)}");
            }

            if (listOperations)
            {
                output.WriteLine($"           {d.Operations.Length.ToString(CultureInfo.InvariantCulture)} operation(s)");
                foreach (var op in d.Operations)
                {
                    output.WriteLine("             " + op);
                }
            }
        }

        output.WriteLine($"{details.Count.ToString(CultureInfo.InvariantCulture)} grant(s) give {principal} access at or above {target} ({details.Count(static d => d.Grant.IsEligible).ToString(CultureInfo.InvariantCulture)} eligible)");
    }

    private static void WriteJson(Utf8JsonWriter w, PrincipalId principal, List<PrincipalId> groups, string target, List<GrantDetails> details, bool listOperations)
    {
        w.WriteStartObject();
        w.WriteString("principalId", principal.ToString());
        w.WriteStartArray("groups");
        foreach (var g in groups)
        {
            w.WriteStringValue(g.ToString());
        }

        w.WriteEndArray();
        w.WriteString("resource", target);
        w.WriteStartArray("grants");
        foreach (var d in details)
        {
            w.WriteStartObject();
            ExplainOutput.WriteGrantMembers(w, d.Grant);
            if (d.JustInTimeAccessPolicy is { } policy)
            {
                w.WritePropertyName("justInTimeAccessPolicy");
                w.WriteStartObject();
                w.WriteString("multiFactorAuthProvider", policy.MultiFactorAuthProvider.ToString());
                w.WriteString("maximumActivationDuration", Duration(policy.MaximumActivationDuration));
                w.WriteStartArray("approvers");
                foreach (var a in policy.Approvers)
                {
                    w.WriteStartObject();
                    w.WriteString("principalId", a.Id.ToString());
                    if (a.DisplayName is { } name)
                    {
                        w.WriteString("displayName", name);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            if (!d.DelegatedRoleDefinitionIds.IsEmpty)
            {
                w.WriteStartArray("delegatedRoleDefinitionIds");
                foreach (var r in d.DelegatedRoleDefinitionIds)
                {
                    w.WriteStringValue(r.ToString());
                }

                w.WriteEndArray();
            }

            if (listOperations)
            {
                w.WriteStartArray("operations");
                foreach (var op in d.Operations)
                {
                    w.WriteStringValue(op);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
