using System.Text.Json;
using ManagedServices.Access;

namespace ManagedServices.Analysis;

/// <summary>
/// Reads group memberships: a JSON object mapping a principal ID to the IDs of the groups it belongs to
/// (<c>{"&lt;user&gt;": ["&lt;group&gt;", ...]}</c>), at the top level or under <c>memberOf</c> (as the workload's
/// <c>memberships.json</c> has it). Events name users while authorizations usually name groups.
/// </summary>
public static class MembershipsDocument
{
    /// <summary>Reads the memberships.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The memberships, or errors (<c>MSC4006</c>) with the JSON path of each malformed entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static DiagnosticResult<InMemoryGroupMembership> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = ImmutableArray.CreateBuilder<Diagnostic>();
        var map = new List<KeyValuePair<PrincipalId, IEnumerable<PrincipalId>>>();
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            var path = "$";
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("memberOf", out var memberOf))
            {
                root = memberOf;
                path = "$.memberOf";
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail("memberships must be a JSON object mapping a principal ID to an array of group IDs", path);
            }

            foreach (var p in root.EnumerateObject())
            {
                var at = $"{path}['{MessageText.Clip(p.Name)}']";
                if (!PrincipalId.TryParse(p.Name, out var principal))
                {
                    errors.Add(Error($"'{MessageText.Clip(p.Name)}' is not a GUID", at));
                    continue;
                }

                if (p.Value.ValueKind != JsonValueKind.Array)
                {
                    errors.Add(Error("the groups must be an array of GUIDs", at));
                    continue;
                }

                var groups = new List<PrincipalId>();
                var i = 0;
                foreach (var g in p.Value.EnumerateArray())
                {
                    if (g.ValueKind == JsonValueKind.String && PrincipalId.TryParse(g.GetString(), out var group))
                    {
                        groups.Add(group);
                    }
                    else
                    {
                        errors.Add(Error("a group ID is not a GUID", $"{at}[{i}]"));
                    }

                    i++;
                }

                map.Add(new(principal, groups));
            }
        }
        catch (JsonException e)
        {
            return Fail("malformed JSON: " + e.Message, "$");
        }

        return errors.Count > 0 ? new(null, errors.ToImmutable()) : new(InMemoryGroupMembership.Create(map), []);

        static DiagnosticResult<InMemoryGroupMembership> Fail(string message, string path) => new(null, [Error(message, path)]);
    }

    private static Diagnostic Error(string message, string path) => Diagnostic.Error(DiagnosticCodes.MembershipsInvalid, message, path);
}
