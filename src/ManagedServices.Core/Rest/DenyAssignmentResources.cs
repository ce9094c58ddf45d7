using ManagedServices.Access;
using ManagedServices.Arm;
using ManagedServices.Json;

namespace ManagedServices.Rest;

/// <summary>
/// Reads Azure deny assignments in the shape Azure returns them
/// (<c>GET {scope}/providers/Microsoft.Authorization/denyAssignments</c>): one resource, a REST list
/// (<c>{ "value": [ … ] }</c>) or a plain array (Azure CLI output), into <see cref="DenyAssignment"/> values for
/// <see cref="AccessEvaluatorOptions.DenyAssignments"/>.
/// </summary>
/// <remarks>
/// A resource with several permission blocks becomes one <see cref="DenyAssignment"/> per block, all with the
/// resource's ID, so that the evaluator denies when any block matches (each block subtracts its own
/// <c>notActions</c>). What cannot be evaluated is read so that it denies more, never less (a <c>condition</c> is
/// applied unconditionally, <c>MSC2022</c>; see <c>docs/templates.md</c>).
/// </remarks>
public static class DenyAssignmentResources
{
    /// <summary>The resource type of a deny assignment.</summary>
    private const string DenyAssignmentType = "Microsoft.Authorization/denyAssignments";

    private const string IdMarker = "/providers/Microsoft.Authorization/denyAssignments/";

    /// <summary>Reads one deny assignment, a REST list or a plain array of them. Never throws on bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The deny assignments (one per permission block, in document order), or (empty, with errors) diagnostics with JSON paths and lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static DiagnosticResult<ImmutableArray<DenyAssignment>> Read(string json)
    {
        var read = RegistrationResources.ReadList(json, ReadResource);
        return new([.. read.Value.SelectMany(static b => b)], read.Diagnostics);
    }

    private static List<DenyAssignment>? ReadResource(JNode item, ManifestReader reader, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        RegistrationResources.CheckType(item, DenyAssignmentType, reader, diagnostics);
        var resourceId = reader.OptionalString(item, "id");
        var id = ReadId(item, resourceId, reader);
        if (item.Get("properties") is not { } properties || properties.Kind == JKind.Null)
        {
            diagnostics.Add(Missing(item, "properties", "The deny assignment has no properties."));
            return null;
        }

        if (!reader.Expect(properties, JKind.Object, "properties"))
        {
            return null;
        }

        var scope = ReadScope(properties, resourceId, reader, diagnostics);
        var name = reader.OptionalString(properties, "denyAssignmentName");
        var doNotApplyToChildScopes = properties.Get("doNotApplyToChildScopes") is { Kind: not JKind.Null } flag &&
                                      reader.Expect(flag, JKind.True, "doNotApplyToChildScopes") && flag.Kind == JKind.True;
        var principals = ReadPrincipals(properties, "principals", reader, diagnostics);
        var excluded = ReadPrincipals(properties, "excludePrincipals", reader, diagnostics);
        if (principals.IsEmpty)
        {
            diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.DenyAssignmentWidened,
                "The deny assignment names no principals; it is read as applying to everyone.", JNode.Child(properties.Path, "principals")) with { Line = properties.Line });
        }

        if (properties.Get("condition") is { Kind: not JKind.Null } condition &&
            reader.Expect(condition, JKind.String, "condition") && !string.IsNullOrWhiteSpace(condition.Text))
        {
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Warning(DiagnosticCodes.DenyAssignmentConditionIgnored,
                $"The deny assignment has a condition, which cannot be evaluated here; it is applied unconditionally: {MessageText.Clip(condition.Text!)}", condition.Path), condition));
        }

        var blocks = ReadPermissions(properties, reader, diagnostics);
        if (blocks is null)
        {
            return null;
        }

        var result = new List<DenyAssignment>(Math.Max(1, blocks.Count));
        if (blocks.Count == 0)
        {
            // No permission block: the assignment denies nothing, but Explain still lists it.
            blocks.Add(default);
        }

        foreach (var block in blocks)
        {
            result.Add(new DenyAssignment
            {
                Id = id,
                Name = name,
                Scope = scope,
                Actions = block.Actions,
                NotActions = block.NotActions,
                DataActions = block.DataActions,
                NotDataActions = block.NotDataActions,
                Principals = principals,
                ExcludePrincipals = excluded,
                DoNotApplyToChildScopes = doNotApplyToChildScopes,
            });
        }

        return result;
    }

    /// <summary>The GUID <c>name</c>, or, when it is absent, the last segment of <c>id</c>.</summary>
    private static Guid ReadId(JNode item, string? resourceId, ManifestReader reader)
    {
        if (item.Get("name") is null or { Kind: JKind.Null } && resourceId is not null)
        {
            var at = resourceId.LastIndexOf(IdMarker, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && GuidText.TryParse(resourceId.AsSpan(at + IdMarker.Length), out var fromId))
            {
                return fromId;
            }
        }

        return reader.RequiredGuid(item, "name", "deny assignment name");
    }

    /// <summary>The <c>scope</c> property, or, when it is absent, the part of <c>id</c> before the provider segment.</summary>
    private static ResourceScope ReadScope(JNode properties, string? resourceId, ManifestReader reader, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var node = properties.Get("scope");
        if (node is null or { Kind: JKind.Null })
        {
            var at = resourceId?.LastIndexOf(IdMarker, StringComparison.OrdinalIgnoreCase) ?? -1;
            if (at >= 0 && ResourceScope.TryParse(at == 0 ? "/" : resourceId![..at], out var fromId))
            {
                return fromId;
            }

            diagnostics.Add(Missing(properties, "scope", "The deny assignment has no scope (and its id names none)."));
            return default;
        }

        if (!reader.Expect(node, JKind.String, "scope"))
        {
            return default;
        }

        if (ResourceScope.TryParse(node.Text, out var scope, out var error))
        {
            return scope;
        }

        diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.InvalidScope,
            $"The deny assignment scope '{MessageText.Clip(node.Text!)}' is not a resource scope: {error}.", node.Path), node));
        return default;
    }

    /// <summary>
    /// Reads <c>principals</c> or <c>excludePrincipals</c>. A <c>SystemDefined</c> principal other than everyone (the
    /// empty GUID) cannot be resolved: among principals it is read as everyone, among exclusions it is dropped.
    /// </summary>
    private static ImmutableArray<PrincipalId> ReadPrincipals(JNode properties, string member, ManifestReader reader, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (properties.Get(member) is not { Kind: not JKind.Null } node || !reader.Expect(node, JKind.Array, member))
        {
            return [];
        }

        var excluding = member == "excludePrincipals";
        var result = ImmutableArray.CreateBuilder<PrincipalId>(node.Items!.Count);
        foreach (var entry in node.Items)
        {
            if (!reader.Expect(entry, JKind.Object, "principal"))
            {
                continue;
            }

            var id = reader.RequiredGuid(entry, "id", "principal ID");
            var type = reader.OptionalString(entry, "type");
            if (id != Guid.Empty && string.Equals(type, "SystemDefined", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Warning(DiagnosticCodes.DenyAssignmentWidened,
                    excluding
                        ? $"The system-defined principal {id} cannot be resolved; the exclusion is dropped."
                        : $"The system-defined principal {id} cannot be resolved; it is read as everyone.", entry.Path), entry));
                if (excluding)
                {
                    continue;
                }

                id = Guid.Empty;
            }

            result.Add(new PrincipalId(id));
        }

        return result.ToImmutable();
    }

    /// <summary>The permission blocks; null (with an error) when <c>permissions</c> is missing or not an array.</summary>
    private static List<PermissionBlock>? ReadPermissions(JNode properties, ManifestReader reader, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var node = properties.Get("permissions");
        if (node is null or { Kind: JKind.Null })
        {
            diagnostics.Add(Missing(properties, "permissions", "The deny assignment has no permissions."));
            return null;
        }

        if (!reader.Expect(node, JKind.Array, "permissions"))
        {
            return null;
        }

        var blocks = new List<PermissionBlock>(node.Items!.Count);
        foreach (var block in node.Items)
        {
            if (reader.Expect(block, JKind.Object, "permission block"))
            {
                blocks.Add(new PermissionBlock(
                    Patterns(block, "actions", reader),
                    Patterns(block, "notActions", reader),
                    Patterns(block, "dataActions", reader),
                    Patterns(block, "notDataActions", reader)));
            }
        }

        return blocks;
    }

    /// <summary>A required member is missing: the member's path, the line of the object that lacks it.</summary>
    private static Diagnostic Missing(JNode parent, string member, string message) =>
        Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, message, JNode.Child(parent.Path, member)) with { Line = parent.Line };

    private static ImmutableArray<string> Patterns(JNode block, string member, ManifestReader reader)
    {
        if (block.Get(member) is not { Kind: not JKind.Null } node || !reader.Expect(node, JKind.Array, member))
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<string>(node.Items!.Count);
        foreach (var pattern in node.Items)
        {
            if (reader.Expect(pattern, JKind.String, "operation pattern"))
            {
                result.Add(pattern.Text!);
            }
        }

        return result.ToImmutable();
    }

    private readonly record struct PermissionBlock(
        ImmutableArray<string> Actions, ImmutableArray<string> NotActions, ImmutableArray<string> DataActions, ImmutableArray<string> NotDataActions);
}
