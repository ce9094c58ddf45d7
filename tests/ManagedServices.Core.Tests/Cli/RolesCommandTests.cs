using System.Text.Json;

namespace ManagedServices.Tests.Cli;

public class RolesCommandTests
{
    [Fact]
    public void Roles_Default_ListsEveryBuiltInRoleWithAVerdict()
    {
        var result = CliRunner.Run("roles");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(RoleCatalog.BuiltIn.Count + 1, result.OutLines.Length);
        Assert.Contains(result.OutLines, l => l.StartsWith("8e3af657-a8ff-443c-a75c-2fe8c4bcb635  Owner  (not delegable: Owner is not supported", StringComparison.Ordinal));
        Assert.Equal($"{RoleCatalog.BuiltIn.Count} role(s); embedded role catalog: {RoleCatalog.BuiltIn.Count} built-in roles, snapshot of 2026-08-22", result.OutLines[^1]);
    }

    [Fact]
    public void Roles_DelegableJson_OnlyDelegableRolesAndUserAccessAdministrator()
    {
        var result = CliRunner.Run("roles", "--delegable", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var roles = doc.RootElement.EnumerateArray().ToList();
        var expected = RoleCatalog.BuiltIn.Roles.Count(r => RoleCatalog.BuiltIn.GetDelegability(r.Id) is { } d && (d.IsDelegable || d.RequiresDelegatedRoles));
        Assert.Equal(expected, roles.Count);
        Assert.All(roles, r => Assert.True(r.GetProperty("delegable").GetBoolean() || r.GetProperty("requiresDelegatedRoles").GetBoolean()));
        Assert.Contains(roles, r => r.GetProperty("name").GetString() == "User Access Administrator");
        Assert.DoesNotContain(roles, r => r.GetProperty("name").GetString() == "Owner");
    }

    [Fact]
    public void Roles_Search_MatchesNameCaseInsensitively()
    {
        var result = CliRunner.Run("roles", "--search", "VIRTUAL MACHINE CONTRIBUTOR", "--format", "json");

        using var doc = JsonDocument.Parse(result.Out);
        Assert.Contains(doc.RootElement.EnumerateArray(), r => r.GetProperty("id").GetString() == "9980e02c-c2be-4d73-94e8-173b1dc7cf3c");
        Assert.All(doc.RootElement.EnumerateArray(), r => Assert.Contains("virtual machine contributor", r.GetProperty("name").GetString()!.ToLowerInvariant(), StringComparison.Ordinal));
    }

    [Fact]
    public void Roles_NotDelegable_ExplainsWhy()
    {
        var result = CliRunner.Run("roles", "--search", "Storage Blob Data Reader", "--format", "json");

        using var doc = JsonDocument.Parse(result.Out);
        var role = Assert.Single(doc.RootElement.EnumerateArray(), r => r.GetProperty("name").GetString() == "Storage Blob Data Reader");
        Assert.False(role.GetProperty("delegable").GetBoolean());
        Assert.Contains("data actions", role.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("roles", "--bogus")]
    [InlineData("roles", "--format", "yaml")]
    [InlineData("no-such-command")]
    [InlineData]
    public void UsageError_ExitsTwoWithMessageOnStderr(params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_AsProcess_WritesJsonAndExitsZero()
    {
        var result = await CliRunner.RunProcessAsync(null, "roles", "--search", "Reader", "--delegable", "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Contains(doc.RootElement.EnumerateArray(), r => r.GetProperty("id").GetString() == BuiltInRoleIds.Reader.ToString());
    }

    [Fact]
    public async Task UsageError_AsProcess_ExitsTwo()
    {
        var result = await CliRunner.RunProcessAsync(null, "roles", "--nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--nope", result.Error, StringComparison.Ordinal);
    }
}
