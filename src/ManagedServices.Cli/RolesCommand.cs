using System.CommandLine;
using System.Text.Json;
using ManagedServices.Analysis;

namespace ManagedServices.Cli;

/// <summary>
/// <c>roles [--delegable] [--search &lt;text&gt;] [--can &lt;pattern&gt;]</c>: the built-in catalog and why a role is not
/// delegable; with <c>--can</c>, only the roles that could ever allow an operation matching the pattern through a
/// Lighthouse authorization (the library's <see cref="AccessAnalysis.WhichRolesCan"/>), each with a witness.
/// </summary>
internal static class RolesCommand
{
    public static Command Create(CliContext context)
    {
        var delegable = new Option<bool>("--delegable") { Description = "Only roles that can be used in an authorization (User Access Administrator included: it needs delegatedRoleDefinitionIds)." };
        var search = new Option<string?>("--search") { Description = "Only roles whose name, ID or description contains this text (case-insensitive).", HelpName = "text" };
        var can = new Option<string?>("--can") { Description = "Only roles that could ever allow an operation matching this pattern through a Lighthouse authorization (Azure's * glob), with an example operation.", HelpName = "pattern" };
        var format = OutputFormat.CreateOption();
        var command = new Command("roles", "Lists the Azure built-in roles embedded in the library, whether each can be delegated with Lighthouse, and why not.")
        {
            delegable, search, can, format,
        };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(search);
            Dictionary<RoleDefinitionId, RoleReach>? reach = null;
            if (parse.GetValue(can) is { } pattern)
            {
                var found = RoleCatalog.BuiltIn.WhichRolesCan(pattern);
                if (found.Diagnostics.FirstOrDefault(static d => d.Code == DiagnosticCodes.InvalidOperationPattern) is { } invalid)
                {
                    throw new UsageException($"--can: {invalid.Message}");
                }

                foreach (var d in found.Diagnostics)
                {
                    context.Error.WriteLine(d.ToString());
                }

                reach = found.Roles.ToDictionary(static r => r.Role.Id);
            }

            var roles = RoleCatalog.BuiltIn.Roles
                .Select(static r => (Role: r, Delegability: RoleCatalog.BuiltIn.GetDelegability(r.Id)!))
                .Where(x => !parse.GetValue(delegable) || x.Delegability.IsDelegable || x.Delegability.RequiresDelegatedRoles)
                .Where(x => reach is null || reach.ContainsKey(x.Role.Id))
                .Where(x => string.IsNullOrEmpty(text) ||
                            x.Role.Name.Contains(text, StringComparison.OrdinalIgnoreCase) ||
                            x.Role.Id.ToString().Contains(text, StringComparison.OrdinalIgnoreCase) ||
                            x.Role.Description.Contains(text, StringComparison.OrdinalIgnoreCase))
                .OrderBy(static x => x.Role.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (OutputFormat.IsJson(parse, format))
            {
                JsonOutput.Document(context.Out, w =>
                {
                    w.WriteStartArray();
                    foreach (var (role, d) in roles)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", role.Id.ToString());
                        w.WriteString("name", role.Name);
                        w.WriteBoolean("delegable", d.IsDelegable);
                        w.WriteBoolean("requiresDelegatedRoles", d.RequiresDelegatedRoles);
                        w.WriteString("reason", d.Reason);
                        w.WriteString("description", role.Description);
                        if (reach?.GetValueOrDefault(role.Id) is { } r)
                        {
                            w.WriteStartObject("can");
                            w.WriteString("operation", r.Operation);
                            w.WriteBoolean("known", r.Known);
                            w.WriteString("requires", r.Requires == AccessRequirement.ManagedIdentityTarget ? "managedIdentityTarget" : "none");
                            w.WriteEndObject();
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                foreach (var (role, d) in roles)
                {
                    var verdict = d.IsDelegable ? "delegable"
                        : d.RequiresDelegatedRoles ? "delegable with delegatedRoleDefinitionIds only"
                        : "not delegable: " + d.Reason;
                    var example = reach?.GetValueOrDefault(role.Id) is { } r
                        ? $"  can: {r.Operation}{(r.Known ? "" : " (synthesized name)")}{(r.Requires == AccessRequirement.ManagedIdentityTarget ? " (for a managed-identity target)" : "")}"
                        : "";
                    context.Out.WriteLine($"{role.Id}  {role.Name}  ({verdict}){example}");
                }

                context.Out.WriteLine($"{roles.Count} role(s)");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
