using System.CommandLine;
using System.Text.Json;

namespace ManagedServices.Cli;

/// <summary><c>roles [--delegable] [--search &lt;text&gt;]</c>: the built-in catalog and why a role is not delegable.</summary>
internal static class RolesCommand
{
    public static Command Create(CliContext context)
    {
        var delegable = new Option<bool>("--delegable") { Description = "Only roles that can be used in an authorization (User Access Administrator included: it needs delegatedRoleDefinitionIds)." };
        var search = new Option<string?>("--search") { Description = "Only roles whose name, ID or description contains this text (case-insensitive).", HelpName = "text" };
        var format = OutputFormat.CreateOption();
        var command = new Command("roles", "Lists the Azure built-in roles embedded in the library, whether each can be delegated with Lighthouse, and why not.")
        {
            delegable, search, format,
        };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(search);
            var roles = RoleCatalog.BuiltIn.Roles
                .Select(static r => (Role: r, Delegability: RoleCatalog.BuiltIn.GetDelegability(r.Id)!))
                .Where(x => !parse.GetValue(delegable) || x.Delegability.IsDelegable || x.Delegability.RequiresDelegatedRoles)
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
                    context.Out.WriteLine($"{role.Id}  {role.Name}  ({verdict})");
                }

                context.Out.WriteLine($"{roles.Count} role(s)");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
