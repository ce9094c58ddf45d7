using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Roles;

public class RoleCatalogTests
{
    [Fact]
    public void BuiltIn_Has928Roles_WithUniqueIds()
    {
        Assert.Equal(928, RoleCatalog.BuiltIn.Count);
        Assert.Equal(928, RoleCatalog.BuiltIn.Roles.Select(r => r.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c")]
    [InlineData("READER", "acdd72a7-3385-48ef-bd42-f606fba81ae7")]
    [InlineData("Managed Services Registration Assignment Delete Role", "91c1777a-f3dc-4fae-b103-61d183457e46")]
    public void TryGetByName_IsCaseInsensitive(string name, string id)
    {
        Assert.True(RoleCatalog.BuiltIn.TryGetByName(name, out var role));
        Assert.Equal(RoleDefinitionId.Parse(id), role.Id);
        Assert.True(RoleCatalog.BuiltIn.TryGet(role.Id, out var again));
        Assert.Same(role, again);
    }

    [Theory]
    [InlineData("b24988ac-6180-42a0-ab88-20f7382dd24c", true, "delegable")]                 // Contributor
    [InlineData("9980e02c-c2be-4d73-94e8-173b1dc7cf3c", true, "delegable")]                 // Virtual Machine Contributor
    [InlineData("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", false, "Owner")]                    // Owner
    [InlineData("92aaf0da-9dab-42b6-94a3-d43ce8d16293", false, "data actions")]             // Log Analytics Contributor
    [InlineData("f58310d9-a9f6-439a-9e8d-f62e7b41a168", false, "restricted")]               // RBAC Administrator
    [InlineData("e5e2a7ff-d759-4cd2-bb51-3152d37e2eb1", false, "restricted")]               // Storage Account Backup Contributor
    [InlineData("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", false, "delegatedRoleDefinitionIds")] // User Access Administrator
    public void Delegability_IsComputedFromPermissions(string id, bool delegable, string reasonContains)
    {
        var d = RoleCatalog.BuiltIn.GetDelegability(RoleDefinitionId.Parse(id));
        Assert.NotNull(d);
        Assert.Equal(delegable, d.IsDelegable);
        Assert.Contains(reasonContains, d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Contributor_PermitsWrites_ButNotRoleAssignments()
    {
        Assert.True(RoleCatalog.BuiltIn.TryGet(BuiltInRoleIds.Contributor, out var contributor));
        Assert.True(contributor.PermitsAction("Microsoft.Compute/virtualMachines/write"));
        Assert.False(contributor.PermitsAction("Microsoft.Authorization/roleAssignments/write"));
        Assert.False(contributor.PermitsAction("microsoft.authorization/ROLEASSIGNMENTS/delete"));
    }

    [Fact]
    public void BuiltIn_KeepsEveryAbacConditionOfTheSource()
    {
        // The published dump (../shared/data/azure-builtin-roles.json) when present beside the repository; else the
        // figures computed from it (31 conditioned blocks, snapshot 2026-08-22).
        var expected = new Dictionary<(string Id, int Block), (string Condition, string? Version)>();
        var path = Path.Combine(RepoPaths.Shared, "data", "azure-builtin-roles.json");
        if (File.Exists(path))
        {

            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (var role in doc.RootElement.EnumerateArray())
            {
                var i = 0;
                foreach (var block in role.GetProperty("permissions").EnumerateArray())
                {
                    if (block.TryGetProperty("condition", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.String)
                    {
                        expected[(role.GetProperty("id").GetString()!.ToLowerInvariant(), i)] =
                            (c.GetString()!, block.TryGetProperty("conditionVersion", out var v) ? v.GetString() : null);
                    }

                    i++;
                }
            }
        }

        var actual = RoleCatalog.BuiltIn.Roles
            .SelectMany(r => r.Permissions.Select((p, i) => (Key: (r.Id.ToString(), i), p.Condition, p.ConditionVersion)))
            .Where(x => x.Condition is not null)
            .ToDictionary(x => x.Key, x => (x.Condition!, x.ConditionVersion));
        Assert.Equal(31, actual.Count);
        if (expected.Count > 0)
        {
            Assert.Equal(expected.OrderBy(x => x.Key), actual.OrderBy(x => x.Key));
        }

        // docs/evaluation.md: of the conditioned roles only this one is otherwise delegable.
        Assert.Equal(
            [RoleDefinitionId.Parse("63342533-d951-495d-a3c3-a459aa02362b")],
            RoleCatalog.BuiltIn.Roles.Where(r => r.Permissions.Any(p => p.Condition is not null) && RoleCatalog.BuiltIn.GetDelegability(r.Id)!.IsDelegable).Select(r => r.Id));
        Assert.Equal("@Resource[HasObotoken] boolequals true",
            RoleCatalog.BuiltIn.Roles.Single(r => r.Id == RoleDefinitionId.Parse("63342533-d951-495d-a3c3-a459aa02362b")).Permissions[0].Condition);
    }

    [Fact]
    public void Create_RejectsDuplicateIds()
    {
        var role = new RoleDefinition { Id = BuiltInRoleIds.Reader, Name = "Reader" };
        Assert.Throws<ArgumentException>(() => RoleCatalog.Create([role, role with { Name = "Other" }]));
        Assert.Equal(1, RoleCatalog.Create([role]).Count);
    }
}
