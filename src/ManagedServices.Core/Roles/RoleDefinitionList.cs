using System.Text.Json;

namespace ManagedServices;

/// <summary>
/// Reads role definitions as Azure lists them: the output of <c>az role definition list</c> (a JSON array of
/// <c>{name, roleName, roleType, description, permissions}</c>, the role GUID being <c>name</c>) or the REST shape
/// <c>{"value": [{name, properties: {roleName, type, description, permissions}}]}</c> of
/// <c>GET .../providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01</c>.
/// </summary>
/// <remarks>
/// Fail closed: only an entry whose <c>roleType</c> (REST: <c>type</c>) is <c>BuiltInRole</c> counts as built-in; a
/// <c>CustomRole</c>, a missing or an unknown type make a custom role, which Lighthouse never accepts. An entry that
/// cannot be read is left out with an error, so its role stays unknown (and so not delegable).
/// </remarks>
internal static class RoleDefinitionList
{
    /// <summary>The largest list read: 4 MiB, as for every other document.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = 64,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
    };

    public static DiagnosticResult<RoleCatalog> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        if (json.Length > MaxBytes || Encoding.UTF8.GetByteCount(json) > MaxBytes)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.JsonTooLarge, $"The role list is larger than {MaxBytes.ToString(CultureInfo.InvariantCulture)} bytes.", "$"));
            return new(null, diagnostics.ToImmutable());
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.JsonMalformed, "The role list is not valid JSON: " + MessageText.Clip(e.Message), "$")
                with { Line = e.LineNumber is { } l ? (int)Math.Min(int.MaxValue, l + 1) : null });
            return new(null, diagnostics.ToImmutable());
        }

        using (document)
        {
            var root = document.RootElement;
            var (items, at) = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("value", out var value)
                ? (value, "$.value")
                : (root, "$");
            if (items.ValueKind != JsonValueKind.Array)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.JsonUnexpectedType,
                    "A role list is a JSON array (az role definition list) or an object with a 'value' array (the REST API).", at));
                return new(null, diagnostics.ToImmutable());
            }

            var read = new List<(RoleDefinition Role, string Path)>();
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                var path = $"{at}[{index.ToString(CultureInfo.InvariantCulture)}]";
                if (ReadRole(item, path, diagnostics) is { } role)
                {
                    read.Add((role, path));
                }

                index++;
            }

            var duplicated = read.GroupBy(static r => r.Role.Id).Where(static g => g.Count() > 1).ToList();
            foreach (var group in duplicated)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RoleListDuplicateRole,
                    $"The role {group.Key} appears {group.Count().ToString(CultureInfo.InvariantCulture)} times ({string.Join(", ", group.Select(static r => r.Path))}); none of them is used.",
                    group.Last().Path));
            }

            var excluded = duplicated.Select(static g => g.Key).ToHashSet();
            return new(RoleCatalog.Create(read.Where(r => !excluded.Contains(r.Role.Id)).Select(static r => r.Role)), diagnostics.ToImmutable());
        }
    }

    private static RoleDefinition? ReadRole(JsonElement item, string path, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.JsonUnexpectedType, "A role definition is a JSON object.", path));
            return null;
        }

        // az flattens the REST resource; the REST API keeps the role's members under 'properties'.
        var (body, bodyPath, typeName) = item.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? (properties, path + ".properties", "type")
            : (item, path, "roleType");
        var errors = diagnostics.Count;
        var name = String(item, "name", path, diagnostics, required: true);
        var roleName = String(body, "roleName", bodyPath, diagnostics, required: true);
        var description = String(body, "description", bodyPath, diagnostics, required: false) ?? "";
        var roleType = String(body, typeName, bodyPath, diagnostics, required: false);
        RoleDefinitionId id = default;
        if (name is not null && !RoleDefinitionId.TryParse(name, out id))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidGuid, $"The role's name '{MessageText.Clip(name)}' is not a role definition GUID.", path + ".name"));
        }

        var blocks = ImmutableArray.CreateBuilder<RolePermissionBlock>();
        if (!body.TryGetProperty("permissions", out var permissions) || permissions.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, "The role has no 'permissions' array.", bodyPath + ".permissions"));
        }
        else
        {
            var i = 0;
            foreach (var block in permissions.EnumerateArray())
            {
                var blockPath = $"{bodyPath}.permissions[{i.ToString(CultureInfo.InvariantCulture)}]";
                if (block.ValueKind != JsonValueKind.Object)
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.JsonUnexpectedType, "A permission block is a JSON object.", blockPath));
                }
                else
                {
                    blocks.Add(new RolePermissionBlock
                    {
                        Actions = Strings(block, "actions", blockPath, diagnostics),
                        NotActions = Strings(block, "notActions", blockPath, diagnostics),
                        DataActions = Strings(block, "dataActions", blockPath, diagnostics),
                        NotDataActions = Strings(block, "notDataActions", blockPath, diagnostics),
                        Condition = String(block, "condition", blockPath, diagnostics, required: false),
                        ConditionVersion = String(block, "conditionVersion", blockPath, diagnostics, required: false),
                    });
                }

                i++;
            }
        }

        if (diagnostics.Count > errors)
        {
            return null;
        }

        return new RoleDefinition
        {
            Id = id,
            Name = roleName!,
            Description = description,
            IsBuiltIn = string.Equals(roleType, "BuiltInRole", StringComparison.OrdinalIgnoreCase),
            Permissions = blocks.ToImmutable(),
        };
    }

    private static string? String(JsonElement parent, string member, string path, ImmutableArray<Diagnostic>.Builder diagnostics, bool required)
    {
        if (!parent.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, $"The role has no '{member}'.", path + "." + member));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.JsonUnexpectedType, $"'{member}' is not a string.", path + "." + member));
            return null;
        }

        return value.GetString();
    }

    /// <summary>
    /// A list of strings. A missing list is an error, not an empty list: a missing <c>notActions</c> would widen the
    /// role, a missing <c>dataActions</c> would hide what makes it not delegable.
    /// </summary>
    private static ImmutableArray<string> Strings(JsonElement block, string member, string path, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (!block.TryGetProperty(member, out var value))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, $"The permission block has no '{member}' array.", path + "." + member));
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(static v => v.ValueKind != JsonValueKind.String))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.JsonUnexpectedType, $"'{member}' is not an array of strings.", path + "." + member));
            return [];
        }

        return [.. value.EnumerateArray().Select(static v => v.GetString()!)];
    }
}
