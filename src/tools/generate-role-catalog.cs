// Regenerates the built-in role catalog embedded in ManagedServices.Core.
//   dotnet run src/tools/generate-role-catalog.cs -- ../shared/data/azure-builtin-roles.json
// Reads the published dump (an array of {id, roleName, description, permissions[]}) and writes
// src/ManagedServices.Core/Roles/BuiltInRoles.json: the same facts, sorted by id, compact, strings kept exactly.
#:property PublishAot=false
using System.Text;
using System.Text.Json;

var source = args.Length > 0 ? args[0] : "../shared/data/azure-builtin-roles.json";
var target = args.Length > 1 ? args[1] : "src/ManagedServices.Core/Roles/BuiltInRoles.json";
using var doc = JsonDocument.Parse(File.ReadAllBytes(source));
var roles = doc.RootElement.EnumerateArray()
    .OrderBy(r => r.GetProperty("id").GetString(), StringComparer.Ordinal)
    .ToList();

using var stream = new MemoryStream();
using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
{
    w.WriteStartObject();
    w.WriteString("source", "azure-builtin-roles.json (easimon/azure-builtin-roles @ db0b2258, 2026-08-22)");
    w.WriteString("snapshotDate", "2026-08-22");
    w.WriteNumber("count", roles.Count);
    w.WriteStartArray("roles");
    foreach (var r in roles)
    {
        w.WriteStartObject();
        w.WriteString("id", r.GetProperty("id").GetString()!.ToLowerInvariant());
        w.WriteString("roleName", r.GetProperty("roleName").GetString());
        w.WriteString("description", r.TryGetProperty("description", out var d) ? d.GetString() : "");
        w.WriteStartArray("permissions");
        foreach (var p in r.GetProperty("permissions").EnumerateArray())
        {
            w.WriteStartObject();
            foreach (var name in new[] { "actions", "notActions", "dataActions", "notDataActions" })
            {
                w.WriteStartArray(name);
                if (p.TryGetProperty(name, out var list))
                {
                    foreach (var a in list.EnumerateArray())
                    {
                        w.WriteStringValue(a.GetString());
                    }
                }

                w.WriteEndArray();
            }

            foreach (var name in new[] { "condition", "conditionVersion" })
            {
                if (p.TryGetProperty(name, out var c) && c.ValueKind == JsonValueKind.String)
                {
                    w.WriteString(name, c.GetString());
                }
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    w.WriteEndArray();
    w.WriteEndObject();
}

stream.WriteByte((byte)'\n');
File.WriteAllBytes(target, stream.ToArray());
Console.WriteLine($"Wrote {roles.Count} roles to {target} ({stream.Length:N0} bytes).");
