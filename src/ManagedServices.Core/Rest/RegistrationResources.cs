using ManagedServices.Arm;
using ManagedServices.Json;

namespace ManagedServices.Rest;

/// <summary>
/// Reads and writes registration definitions and assignments in the shape Azure returns them: a single resource,
/// a REST list (<c>{ "value": [ … ] }</c>) or a plain array (Azure CLI output). Unknown members (for example
/// <c>systemData</c> or members of newer api-versions) are kept and written back unchanged.
/// </summary>
public static partial class RegistrationResources
{
    private const string DefinitionType = TemplateWriter.DefinitionType;
    private const string AssignmentType = TemplateWriter.AssignmentType;

    /// <summary>Reads one registration definition, a REST list or a plain array of them. Never throws on bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The definitions, or (empty, with errors) diagnostics with JSON paths and lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static DiagnosticResult<ImmutableArray<RegistrationDefinitionResource>> ReadDefinitions(string json) =>
        ReadList(json, ReadDefinition);

    /// <summary>Reads one registration assignment, a REST list or a plain array of them. Never throws on bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The assignments, or (empty, with errors) diagnostics with JSON paths and lines.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static DiagnosticResult<ImmutableArray<RegistrationAssignmentResource>> ReadAssignments(string json) =>
        ReadList(json, ReadAssignment);

    /// <summary>Writes registration definitions as a REST list or a plain array.</summary>
    /// <param name="definitions">The definitions.</param>
    /// <param name="shape">The list shape.</param>
    /// <returns>The JSON text (2-space indentation, <c>\n</c>, final newline).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definitions"/> is null.</exception>
    public static string WriteDefinitions(IEnumerable<RegistrationDefinitionResource> definitions, RestListShape shape = RestListShape.ValueObject)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return WriteList([.. definitions.Select(static d => JsonMerge.Merge(d.Original, FreshDefinition(d)))], shape);
    }

    /// <summary>Writes registration assignments as a REST list or a plain array.</summary>
    /// <param name="assignments">The assignments.</param>
    /// <param name="shape">The list shape.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="assignments"/> is null.</exception>
    public static string WriteAssignments(IEnumerable<RegistrationAssignmentResource> assignments, RestListShape shape = RestListShape.ValueObject)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        return WriteList([.. assignments.Select(static a => JsonMerge.Merge(a.Original, FreshAssignment(a)))], shape);
    }

    private static string WriteList(List<JNode> items, RestListShape shape) => JsonText.Write(w =>
    {
        if (shape == RestListShape.ValueObject)
        {
            w.WriteStartObject();
            w.WritePropertyName("value");
        }

        w.WriteStartArray();
        foreach (var item in items)
        {
            JsonMerge.Write(w, item);
        }

        w.WriteEndArray();
        if (shape == RestListShape.ValueObject)
        {
            w.WriteEndObject();
        }
    });

    /// <summary>Reads one resource, a REST list or a plain array, each item with <paramref name="readItem"/>.</summary>
    /// <remarks>On any error the value is empty (fails closed: no partial list).</remarks>
    internal static DiagnosticResult<ImmutableArray<T>> ReadList<T>(string json, Func<JNode, ManifestReader, ImmutableArray<Diagnostic>.Builder, T?> readItem)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var items = ReadItems(json, "$", readItem, diagnostics, out _);
        return new(items is null || diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error) ? [] : [.. items], diagnostics.ToImmutable());
    }

    /// <summary>
    /// Reads one resource, a REST list or a plain array, each item with <paramref name="readItem"/>; an item whose
    /// reading reported an error is left out (fails closed). Null when the document itself cannot be read.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="pathRoot">The root of the diagnostics' paths (<c>$</c>, or a file name and <c>:$</c>).</param>
    /// <param name="readItem">Reads one item.</param>
    /// <param name="diagnostics">Receives the diagnostics.</param>
    /// <param name="plainArray">True when the document is a plain array (Azure CLI output).</param>
    internal static List<T>? ReadItems<T>(string json, string pathRoot, Func<JNode, ManifestReader, ImmutableArray<Diagnostic>.Builder, T?> readItem,
        ImmutableArray<Diagnostic>.Builder diagnostics, out bool plainArray)
        where T : class
    {
        plainArray = false;
        var root = JsonTree.Parse(json, pathRoot, diagnostics);
        if (root is null)
        {
            return null;
        }

        var reader = new ManifestReader(diagnostics) { AllowReadOnlyMembers = true, ReportUnknownMembers = false, RequireName = false };
        List<JNode> items;
        if (root.Kind == JKind.Array)
        {
            plainArray = true;
            items = root.Items!;
        }
        else if (root.Kind == JKind.Object && root.Get("value") is { } value)
        {
            if (!reader.Expect(value, JKind.Array, "value"))
            {
                return null;
            }

            items = value.Items!;
        }
        else if (root.Kind == JKind.Object)
        {
            items = [root];
        }
        else
        {
            reader.Expect(root, JKind.Object, "document");
            return null;
        }

        var result = new List<T>(items.Count);
        foreach (var item in items)
        {
            var errors = ErrorCount(diagnostics);
            if (reader.Expect(item, JKind.Object, "resource") && readItem(item, reader, diagnostics) is { } read && ErrorCount(diagnostics) == errors)
            {
                result.Add(read);
            }
        }

        return result;
    }

    private static int ErrorCount(ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var count = 0;
        foreach (var d in diagnostics)
        {
            count += d.Severity == DiagnosticSeverity.Error ? 1 : 0;
        }

        return count;
    }

    internal static RegistrationDefinitionResource? ReadDefinition(JNode item, ManifestReader reader, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        CheckType(item, DefinitionType, reader, diagnostics);
        var id = reader.RequiredGuid(item, "name", "registration definition name");
        if (item.Get("properties") is not { } properties)
        {
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing,
                "The registration definition has no properties.", JNode.Child(item.Path, "properties")), item));
            return null;
        }

        var definition = reader.ReadDefinition(properties, item.Get("plan"));
        if (definition is null)
        {
            return null;
        }

        TenantId? managee = null;
        if (properties.Get("manageeTenantId") is { Kind: not JKind.Null })
        {
            managee = new TenantId(reader.RequiredGuid(properties, "manageeTenantId", "customer tenant ID"));
        }

        return new RegistrationDefinitionResource
        {
            Definition = definition.ToRegistrationDefinition(id),
            ResourceId = reader.OptionalString(item, "id"),
            ProvisioningState = reader.OptionalString(properties, "provisioningState"),
            ManageeTenantId = managee,
            ManageeTenantName = reader.OptionalString(properties, "manageeTenantName"),
            ManagedByTenantName = reader.OptionalString(properties, "managedByTenantName"),
            Original = item,
        };
    }

    internal static RegistrationAssignmentResource? ReadAssignment(JNode item, ManifestReader reader, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        CheckType(item, AssignmentType, reader, diagnostics);
        var id = reader.RequiredGuid(item, "name", "registration assignment name");
        if (item.Get("properties") is not { } properties || !reader.Expect(properties, JKind.Object, "properties"))
        {
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing,
                "The registration assignment has no properties.", JNode.Child(item.Path, "properties")), item));
            return null;
        }

        var definitionId = reader.OptionalString(properties, "registrationDefinitionId");
        if (definitionId is null)
        {
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing,
                "The registration assignment has no registrationDefinitionId.", JNode.Child(properties.Path, "registrationDefinitionId")), properties));
        }

        RegistrationDefinitionResource? expanded = null;
        if (properties.Get("registrationDefinition") is { Kind: JKind.Object } expandedNode)
        {
            expanded = ReadDefinition(expandedNode, reader, diagnostics);
        }

        return new RegistrationAssignmentResource
        {
            Id = id,
            ResourceId = reader.OptionalString(item, "id"),
            RegistrationDefinitionId = definitionId ?? "",
            ProvisioningState = reader.OptionalString(properties, "provisioningState"),
            RegistrationDefinition = expanded,
            Original = item,
        };
    }

    internal static void CheckType(JNode item, string expected, ManifestReader reader, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (reader.OptionalString(item, "type") is { } type && !type.Equals(expected, StringComparison.OrdinalIgnoreCase))
        {
            var at = item.Get("type")!;
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.JsonUnexpectedType,
                $"The resource type '{MessageText.Clip(type)}' is not {expected}.", at.Path), at));
        }
    }

    private static JNode FreshDefinition(RegistrationDefinitionResource resource)
    {
        var d = resource.Definition;
        var m = d.Manifest;
        var properties = JsonMerge.Obj(
            ("description", d.Description is null ? JsonMerge.Removed : JsonMerge.Str(d.Description)),
            ("authorizations", TemplateParameters.Authorizations(m.Authorizations)),
            ("eligibleAuthorizations", m.EligibleAuthorizations.IsEmpty ? JsonMerge.Removed : TemplateParameters.EligibleAuthorizations(m.EligibleAuthorizations)),
            ("registrationDefinitionName", JsonMerge.Str(d.Name)),
            ("managedByTenantId", JsonMerge.Str(m.ManagingTenantId.ToString())),
            ("provisioningState", resource.ProvisioningState is null ? JsonMerge.Removed : JsonMerge.Str(resource.ProvisioningState)),
            ("manageeTenantId", resource.ManageeTenantId is { } managee ? JsonMerge.Str(managee.ToString()) : JsonMerge.Removed),
            ("manageeTenantName", resource.ManageeTenantName is null ? JsonMerge.Removed : JsonMerge.Str(resource.ManageeTenantName)),
            ("managedByTenantName", resource.ManagedByTenantName is null ? JsonMerge.Removed : JsonMerge.Str(resource.ManagedByTenantName)));
        return JsonMerge.Obj(
            ("properties", properties),
            ("plan", d.Plan is { } plan
                ? JsonMerge.Obj(("name", JsonMerge.Str(plan.Name)), ("publisher", JsonMerge.Str(plan.Publisher)), ("product", JsonMerge.Str(plan.Product)), ("version", JsonMerge.Str(plan.Version)))
                : JsonMerge.Removed),
            ("id", resource.ResourceId is null ? JsonMerge.Removed : JsonMerge.Str(resource.ResourceId)),
            ("type", JsonMerge.Str(DefinitionType)),
            ("name", JsonMerge.Str(d.Id.ToString("D"))));
    }

    private static JNode FreshAssignment(RegistrationAssignmentResource resource)
    {
        var properties = JsonMerge.Obj(
            ("registrationDefinitionId", JsonMerge.Str(resource.RegistrationDefinitionId)),
            ("provisioningState", resource.ProvisioningState is null ? JsonMerge.Removed : JsonMerge.Str(resource.ProvisioningState)),
            ("registrationDefinition", resource.RegistrationDefinition is { } expanded
                ? JsonMerge.Merge(expanded.Original, FreshDefinition(expanded))
                : JsonMerge.Removed));
        return JsonMerge.Obj(
            ("properties", properties),
            ("id", resource.ResourceId is null ? JsonMerge.Removed : JsonMerge.Str(resource.ResourceId)),
            ("type", JsonMerge.Str(AssignmentType)),
            ("name", JsonMerge.Str(resource.Id.ToString("D"))));
    }
}
