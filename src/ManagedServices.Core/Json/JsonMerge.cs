using System.Text.Json;

namespace ManagedServices.Json;

/// <summary>
/// Writes JSON produced from the model over the JSON it was read from, so that members the model does not know are
/// written back unchanged, and equivalent spellings of known values (GUID case, full role definition IDs, duration
/// forms) are kept.
/// </summary>
internal static class JsonMerge
{
    /// <summary>Marks a known member that the model does not have (omitted unless the original had an empty value).</summary>
    public static readonly JNode Removed = JNode.NullAt("#removed", null);

    /// <summary>A string built from the model.</summary>
    public static JNode Str(string value) => JNode.String(value, "", null);

    /// <summary>An array built from the model.</summary>
    public static JNode Arr(IEnumerable<JNode> items) => JNode.Array([.. items], "", null);

    /// <summary>An object built from the model; members whose value is <see cref="Removed"/> are left out when written.</summary>
    public static JNode Obj(params (string Name, JNode Value)[] members) =>
        JNode.Object([.. members.Select(static m => new KeyValuePair<string, JNode>(m.Name, m.Value))], "", null);

    public static JNode Merge(JNode? original, JNode fresh)
    {
        if (original is null || ReferenceEquals(fresh, Removed))
        {
            return fresh;
        }

        switch (fresh.Kind)
        {
            case JKind.Object when original.Kind == JKind.Object:
            {
                var result = new List<KeyValuePair<string, JNode>>();
                foreach (var p in original.Properties!)
                {
                    var model = fresh.Get(p.Key);
                    if (model is null)
                    {
                        result.Add(p); // unknown to the model: unchanged
                    }
                    else if (ReferenceEquals(model, Removed))
                    {
                        if (p.Value.Kind == JKind.Null || (p.Value.Kind == JKind.Array && p.Value.Items!.Count == 0))
                        {
                            result.Add(p); // same meaning as absent: unchanged
                        }
                    }
                    else
                    {
                        result.Add(new(p.Key, Merge(p.Value, model)));
                    }
                }

                foreach (var p in fresh.Properties!)
                {
                    if (original.Get(p.Key) is null && !ReferenceEquals(p.Value, Removed))
                    {
                        result.Add(p);
                    }
                }

                return JNode.Object(result, original.Path, original.Line);
            }

            case JKind.Array when original.Kind == JKind.Array:
                return JNode.Array(MergeItems(original.Items!, fresh.Items!), original.Path, original.Line);
            case JKind.String when original.Kind == JKind.String && Equivalent(original.Text!, fresh.Text!):
                return original;
            default:
                return fresh;
        }
    }

    /// <summary>
    /// Pairs each model element with an original element: objects with a principal and role are paired by them (so an
    /// added or removed authorization does not move unknown members to another one), other elements by position.
    /// </summary>
    private static List<JNode> MergeItems(List<JNode> original, List<JNode> fresh)
    {
        var used = new bool[original.Count];
        var result = new List<JNode>(fresh.Count);
        for (var i = 0; i < fresh.Count; i++)
        {
            var key = Key(fresh[i]);
            var match = -1;
            if (key is not null)
            {
                for (var j = 0; j < original.Count && match < 0; j++)
                {
                    if (!used[j] && Key(original[j]) == key)
                    {
                        match = j;
                    }
                }
            }
            else if (i < original.Count && !used[i] && Key(original[i]) is null)
            {
                match = i;
            }

            if (match >= 0)
            {
                used[match] = true;
                result.Add(Merge(original[match], fresh[i]));
            }
            else
            {
                result.Add(fresh[i]);
            }
        }

        return result;
    }

    private static (Guid Principal, Guid Role)? Key(JNode node)
    {
        if (node.Kind != JKind.Object || node.Get("principalId") is not { IsString: true } principal ||
            !GuidText.TryParse(principal.Text, out var p))
        {
            return null;
        }

        var role = Guid.Empty;
        if (node.Get("roleDefinitionId") is { IsString: true } r && !GuidText.TryParseRoleDefinition(r.Text, out role))
        {
            return null;
        }

        return (p, role);
    }

    private static bool Equivalent(string original, string model)
    {
        if (string.Equals(original, model, StringComparison.Ordinal))
        {
            return true;
        }

        if (GuidText.TryParse(model, out var guid))
        {
            return (GuidText.TryParse(original, out var o) && o == guid) ||
                   (GuidText.TryParseRoleDefinition(original, out var r) && r == guid);
        }

        return IsoDuration.TryParse(original, out var a) && IsoDuration.TryParse(model, out var b) && a == b;
    }

    public static void Write(Utf8JsonWriter w, JNode node)
    {
        switch (node.Kind)
        {
            case JKind.Object:
                w.WriteStartObject();
                foreach (var p in node.Properties!)
                {
                    if (!ReferenceEquals(p.Value, Removed))
                    {
                        w.WritePropertyName(p.Key);
                        Write(w, p.Value);
                    }
                }

                w.WriteEndObject();
                break;
            case JKind.Array:
                w.WriteStartArray();
                foreach (var item in node.Items!)
                {
                    Write(w, item);
                }

                w.WriteEndArray();
                break;
            case JKind.String:
                w.WriteStringValue(node.Text);
                break;
            case JKind.Number:
                w.WriteRawValue(node.Text!, skipInputValidation: false);
                break;
            case JKind.True or JKind.False:
                w.WriteBooleanValue(node.Kind == JKind.True);
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }
}
