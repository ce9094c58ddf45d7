using System.CommandLine;
using System.CommandLine.Invocation;
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
/// (<c>AccessEvaluator.Describe</c>), filtered by <c>--search</c>. The definition validates the principal, groups and
/// resource while parsing; <see cref="WhatCanHandler"/> asks the library and formats.
/// </summary>
internal sealed class WhatCanCommand : Command
{
    public WhatCanCommand(CliContext context)
        : base("what-can", "Lists every role, authorization (permanent or eligible, with its policy) and offer through which a principal has access at or above a resource, and with --operations the operations each role permits.")
    {
        Source = DelegationSource.Add(this);
        foreach (var option in new Option[] { Principal.MustBeGuid(), Groups.MustBeGuid(), Resource.MustBeResourceId(atOrBelowSubscription: true), DenyAssignments, Operations, Search, Format })
        {
            Options.Add(option);
        }

        Action = new WhatCanHandler(this, context);
    }

    public DelegationSource Source { get; }

    public Option<string> Principal { get; } = new("--principal") { Description = "The managing-tenant principal (user, group or service principal object ID).", Required = true, HelpName = "guid" };

    public Option<string[]> Groups { get; } = new("--group") { Description = "A group of the principal (repeat for several).", HelpName = "guid" };

    public Option<string> Resource { get; } = new("--resource") { Description = "The target: a resource ID, resource group or subscription; grants at or above it are listed.", Required = true, HelpName = "resourceId" };

    public Option<string?> DenyAssignments { get; } = Inputs.DenyAssignmentsOption();

    public Option<bool> Operations { get; } = new("--operations") { Description = "List the operations of Azure's operation list each role permits through Lighthouse (management operations only)." };

    public Option<string?> Search { get; } = new("--search") { Description = "Only operations whose name contains this text, ignoring case (implies --operations).", HelpName = "text" };

    public Option<string> Format { get; } = OutputFormat.CreateOption();
}

/// <summary>Asks the library what the principal can do (<see cref="AccessEvaluator.WhatCan"/>, <see cref="AccessEvaluator.Describe"/>) and writes each grant.</summary>
internal sealed class WhatCanHandler(WhatCanCommand command, CliContext context) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parse)
    {
        var principalId = Inputs.ParsePrincipal(parse.GetValue(command.Principal)!, "--principal");
        var groupIds = (parse.GetValue(command.Groups) ?? []).Select(static g => Inputs.ParsePrincipal(g, "--group")).ToList();
        var target = parse.GetValue(command.Resource)!;
        var filter = parse.GetValue(command.Search);
        var listOperations = parse.GetValue(command.Operations) || filter is not null;
        var evaluator = AccessEvaluator.Create(command.Source.Resolve(parse, context), new AccessEvaluatorOptions
        {
            TimeProvider = context.Time,
            DenyAssignments = Inputs.ReadDenyAssignments(context, parse.GetValue(command.DenyAssignments)),
        });
        var access = evaluator.WhatCan(principalId, target, groupIds: groupIds);
        var details = access.Grants.Select(g => evaluator.Describe(g, listOperations, filter)!).ToList();
        if (OutputFormat.IsJson(parse, command.Format))
        {
            JsonOutput.Document(context.Out, w => WriteJson(w, principalId, groupIds, target, details, listOperations));
        }
        else
        {
            WriteText(context.Out, principalId, target, details, listOperations);
        }

        return ExitCodes.Success;
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
                    JsonOutput.WritePrincipalMembers(w, a.Id, a.DisplayName);
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
