using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json;
using ManagedServices.Analysis;

namespace ManagedServices.Cli;

/// <summary>
/// <c>roles [--delegable] [--search &lt;text&gt;] [--can &lt;pattern&gt;] [--catalog &lt;file&gt;]</c>: the built-in catalog
/// and why a role is not delegable; with <c>--can</c>, only the roles that could ever allow an operation matching the
/// pattern through a Lighthouse authorization (the library's <see cref="AccessAnalysis.WhichRolesCan"/>), each with a
/// witness. <c>roles show &lt;name|guid&gt;</c>: one role's permission blocks and why it is or is not delegable
/// (<see cref="RoleDelegability"/>). <c>--catalog</c> adds the roles of an <c>az role definition list</c> output.
/// </summary>
internal sealed class RolesCommand : Command
{
    public RolesCommand(CliContext context)
        : base("roles", "Lists the Azure built-in roles embedded in the library (a dated snapshot: the output ends with its date), whether each can be delegated with Lighthouse, and why not.")
    {
        Options.Add(Delegable);
        Options.Add(Search);
        Options.Add(Can);
        Options.Add(CatalogFile);
        Options.Add(Format);
        Subcommands.Add(new RolesShowCommand(context, CatalogFile));
        Action = new RolesHandler(this, context);
    }

    public Option<bool> Delegable { get; } = new("--delegable") { Description = "Only roles that can be used in an authorization (User Access Administrator included: it needs delegatedRoleDefinitionIds)." };

    public Option<string?> Search { get; } = new("--search") { Description = "Only roles whose name, ID or description contains this text (case-insensitive).", HelpName = "text" };

    public Option<string?> Can { get; } = new("--can") { Description = "Only roles that could ever allow an operation matching this pattern through a Lighthouse authorization (Azure's * glob), with an example operation.", HelpName = "pattern" };

    public Option<string?> CatalogFile { get; } = new("--catalog")
    {
        Description = "Also use the roles of this file: the output of 'az role definition list' (or the REST API's role definition list), for roles newer than the embedded catalog. A role in the file replaces the embedded role with the same GUID; roleType CustomRole is never delegable.",
        HelpName = "file",
        Recursive = true,
    };

    public Option<string> Format { get; } = OutputFormat.CreateOption();

    /// <summary>The built-in catalog, with the roles of <paramref name="file"/> (az role definition list output) when given.</summary>
    internal static RoleCatalog Catalog(CliContext context, string? file)
    {
        if (file is null)
        {
            return RoleCatalog.BuiltIn;
        }

        var read = RoleCatalog.Read(Inputs.ReadFile(context, file));
        if (read.HasErrors || read.Value is null)
        {
            throw new InputException($"{file}: not a usable role definition list:\n  " + string.Join("\n  ", read.Diagnostics));
        }

        foreach (var d in read.Diagnostics)
        {
            context.Error.WriteLine($"{file}: {d}");
        }

        return RoleCatalog.BuiltIn.WithNewer(read.Value);
    }

    /// <summary>Writes the library's delegability verdict (<see cref="RoleDelegability"/>) into the current JSON object, the same for <c>roles</c> and <c>roles show</c>.</summary>
    internal static void WriteDelegability(Utf8JsonWriter w, RoleDelegability d)
    {
        w.WriteBoolean("delegable", d.IsDelegable);
        w.WriteBoolean("requiresDelegatedRoles", d.RequiresDelegatedRoles);
        w.WriteString("reason", d.Reason);
    }
}

/// <summary><c>roles show &lt;name|guid&gt;</c>: one role's permission blocks and why it is or is not delegable.</summary>
internal sealed class RolesShowCommand : Command
{
    public RolesShowCommand(CliContext context, Option<string?> catalogFile)
        : base("show", "Shows one role: its permission blocks and why it can or cannot be delegated with Lighthouse.")
    {
        Arguments.Add(Role);
        Options.Add(Format);
        Action = new RolesShowHandler(this, catalogFile, context);
    }

    public Argument<string> Role { get; } = new("role") { Description = "The role's name (case-insensitive) or its role definition GUID." };

    public Option<string> Format { get; } = OutputFormat.CreateOption();
}

/// <summary>Lists the catalog's roles with the library's delegability verdicts; with <c>--can</c>, only those <see cref="AccessAnalysis.WhichRolesCan"/> finds.</summary>
internal sealed class RolesHandler(RolesCommand command, CliContext context) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parse)
    {
        var catalogFile = command.CatalogFile;
        var delegable = command.Delegable;
        var can = command.Can;
        var format = command.Format;
        var catalog = RolesCommand.Catalog(context, parse.GetValue(catalogFile));
        var text = parse.GetValue(command.Search);
        Dictionary<RoleDefinitionId, RoleReach>? reach = null;
        if (parse.GetValue(can) is { } pattern)
        {
            var found = catalog.WhichRolesCan(pattern);
            if (found.Diagnostics.FirstOrDefault(static d => d.Code == DiagnosticCodes.InvalidOperationPattern) is { } invalid)
            {
                throw new UsageException($"--can: {invalid.Message}");
            }

            foreach (var d in found.Diagnostics)
            {
                context.Error.WriteLine(d.ToString());
            }

            reach = found.Value.ToDictionary(static r => r.Role.Id);
        }

        var roles = catalog.Roles
            .Select(r => (Role: r, Delegability: catalog.GetDelegability(r.Id)!))
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
                    RolesCommand.WriteDelegability(w, d);
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

            context.Out.WriteLine($"{roles.Count} role(s); {CliApp.CatalogDescription}{(catalog == RoleCatalog.BuiltIn ? "" : ", with the roles of " + parse.GetValue(catalogFile))}");
        }

        return ExitCodes.Success;
    }
}

/// <summary>Finds the role in the catalog and writes it with the library's delegability verdict (<see cref="RoleDelegability"/>).</summary>
internal sealed class RolesShowHandler(RolesShowCommand command, Option<string?> catalogFile, CliContext context) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parse)
    {
        var role = command.Role;
        var format = command.Format;
        var catalog = RolesCommand.Catalog(context, parse.GetValue(catalogFile));
        var key = parse.GetValue(role)!;
        var found = RoleDefinitionId.TryParse(key, out var id) ? catalog.TryGet(id, out var byId) ? byId : null
            : catalog.TryGetByName(key, out var byName) ? byName : null;
        if (found is null)
        {
            throw new InputException($"no role '{key}' in the catalog ({CliApp.CatalogDescription}); 'managed-services roles --search <text>' finds roles, --catalog adds newer ones");
        }

        var d = catalog.GetDelegability(found.Id)!;
        if (OutputFormat.IsJson(parse, format))
        {
            JsonOutput.Document(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteString("id", found.Id.ToString());
                w.WriteString("name", found.Name);
                w.WriteString("description", found.Description);
                w.WriteBoolean("builtIn", found.IsBuiltIn);
                RolesCommand.WriteDelegability(w, d);
                WriteStrings(w, "restrictedActions", d.RestrictedActions);
                w.WriteStartArray("permissions");
                foreach (var block in found.Permissions)
                {
                    w.WriteStartObject();
                    WriteStrings(w, "actions", block.Actions);
                    WriteStrings(w, "notActions", block.NotActions);
                    WriteStrings(w, "dataActions", block.DataActions);
                    WriteStrings(w, "notDataActions", block.NotDataActions);
                    if (block.Condition is { } condition)
                    {
                        w.WriteString("condition", condition);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return ExitCodes.Success;
        }

        var o = context.Out;
        o.WriteLine($"{found.Name} ({found.Id}), {(found.IsBuiltIn ? "built-in" : "custom")} role");
        if (found.Description.Length > 0)
        {
            o.WriteLine(found.Description);
        }

        o.WriteLine(d.IsDelegable ? "Delegable with Lighthouse."
            : d.RequiresDelegatedRoles ? "Delegable only with delegatedRoleDefinitionIds: " + d.Reason + "."
            : "Not delegable with Lighthouse: " + d.Reason + ".");
        for (var i = 0; i < found.Permissions.Length; i++)
        {
            var block = found.Permissions[i];
            o.WriteLine($"Permission block {i + 1}:");
            WriteList(o, "actions", block.Actions);
            WriteList(o, "notActions", block.NotActions);
            WriteList(o, "dataActions", block.DataActions);
            WriteList(o, "notDataActions", block.NotDataActions);
            if (block.Condition is { } condition)
            {
                o.WriteLine($"  condition: {condition}");
            }
        }

        o.WriteLine(CliApp.CatalogDescription);
        return ExitCodes.Success;
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, System.Collections.Immutable.ImmutableArray<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteList(TextWriter o, string name, System.Collections.Immutable.ImmutableArray<string> values) =>
        o.WriteLine(values.IsEmpty ? $"  {name}: (none)" : $"  {name}: {string.Join(", ", values)}");
}
