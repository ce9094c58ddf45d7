using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Roles;

/// <summary>
/// <see cref="RoleCatalog.Read"/> on role lists as Azure prints them (fixtures written in the shape of
/// <c>az role definition list</c> and of the REST API's list), <see cref="RoleCatalog.WithNewer"/> and the embedded
/// snapshot's date.
/// </summary>
public class RoleCatalogReadTests
{
    private static readonly RoleDefinitionId NewBuiltIn = RoleDefinitionId.Parse("1b4d7c2e-5f3a-4e8b-9c6d-2a7f0e1b3c5d");
    private static readonly RoleDefinitionId Custom = RoleDefinitionId.Parse("6e0c1a9f-7d2b-4c3e-8a5f-9b1d2e3f4a5b");

    internal static string Fixture(string name) => File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "ManagedServices.Core.Tests", "Roles", "Fixtures", name));

    [Fact]
    public void BuiltIn_HasTheSnapshotDate_OfTheEmbeddedList()
    {
        Assert.Equal(new DateOnly(2026, 8, 22), RoleCatalog.BuiltIn.SnapshotDate);
        Assert.Null(RoleCatalog.Create([]).SnapshotDate);
    }

    [Fact]
    public void Read_AzRoleDefinitionList_RoleGuidIsName_RoleTypeDecidesBuiltIn()
    {
        var read = RoleCatalog.Read(Fixture("az-role-definition-list.json"));

        Assert.False(read.HasErrors, string.Join("; ", read.Diagnostics));
        Assert.Equal(3, read.Value.Count);
        Assert.False(RoleCatalog.BuiltIn.TryGet(NewBuiltIn, out _), "the fixture's new role must be newer than the snapshot");
        Assert.True(read.Value.TryGet(NewBuiltIn, out var role));
        Assert.Equal("Scale Set Instance Operator", role.Name);
        Assert.True(role.IsBuiltIn);
        Assert.Equal(3, role.Permissions[0].Actions.Length);
        Assert.True(read.Value.GetDelegability(NewBuiltIn)!.IsDelegable);

        Assert.True(read.Value.TryGet(Custom, out var custom));
        Assert.False(custom.IsBuiltIn);
        var delegability = read.Value.GetDelegability(Custom)!;
        Assert.False(delegability.IsDelegable);
        Assert.Contains("custom", delegability.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RestList_UsesProperties()
    {
        var read = RoleCatalog.Read(Fixture("rest-role-definitions.json"));

        Assert.False(read.HasErrors, string.Join("; ", read.Diagnostics));
        Assert.True(read.Value.TryGet(NewBuiltIn, out var role));
        Assert.True(role.IsBuiltIn);
        Assert.True(read.Value.GetDelegability(NewBuiltIn)!.IsDelegable);
    }

    [Fact]
    public void WithNewer_AddsNewRoles_AndTheNewerDefinitionWins_KeepsTheSnapshotDate()
    {
        var read = RoleCatalog.Read(Fixture("az-role-definition-list.json")).GetValueOrThrow();
        var changedReader = read.Roles.Single(r => r.Id == BuiltInRoleIds.Reader) with { Description = "changed" };

        var combined = RoleCatalog.BuiltIn.WithNewer(RoleCatalog.Create([.. read.Roles.Where(r => r.Id != BuiltInRoleIds.Reader), changedReader]));

        Assert.Equal(RoleCatalog.BuiltIn.Count + 2, combined.Count);
        Assert.True(combined.TryGet(NewBuiltIn, out _));
        Assert.True(combined.TryGet(BuiltInRoleIds.Reader, out var reader));
        Assert.Equal("changed", reader.Description);
        Assert.True(combined.TryGet(BuiltInRoleIds.Owner, out _));
        Assert.Equal(RoleCatalog.BuiltIn.SnapshotDate, combined.SnapshotDate);
        Assert.True(combined.GetDelegability(BuiltInRoleIds.Owner) is { IsDelegable: false });
    }

    [Theory]
    [InlineData("notActions")]
    [InlineData("dataActions")]
    [InlineData("notDataActions")]
    [InlineData("actions")]
    public void Read_AMissingPermissionList_LeavesTheRoleOut(string member)
    {
        // A missing notActions would widen the role; a missing dataActions would hide why it is not delegable.
        var list = JsonNode.Parse(Fixture("az-role-definition-list.json"))!.AsArray();
        list[0]!["permissions"]![0]!.AsObject().Remove(member);

        var read = RoleCatalog.Read(list.ToJsonString());

        Assert.Contains(read.Diagnostics, d => d.Code == DiagnosticCodes.RequiredValueMissing && d.Path == $"$[0].permissions[0].{member}");
        Assert.False(read.Value!.TryGet(NewBuiltIn, out _));
        Assert.Equal(2, read.Value.Count);
    }

    [Fact]
    public void Read_ARoleListedTwice_LeavesBothOut_MSC2040()
    {
        var list = JsonNode.Parse(Fixture("az-role-definition-list.json"))!.AsArray();
        var copy = list[0]!.DeepClone();
        copy["permissions"]![0]!["actions"] = new JsonArray("*");
        list.Add(copy);

        var read = RoleCatalog.Read(list.ToJsonString());

        var d = Assert.Single(read.Diagnostics);
        Assert.Equal(DiagnosticCodes.RoleListDuplicateRole, d.Code);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.False(read.Value!.TryGet(NewBuiltIn, out _));
    }

    [Theory]
    [InlineData("{", DiagnosticCodes.JsonMalformed)]
    [InlineData("{\"value\": 3}", DiagnosticCodes.JsonUnexpectedType)]
    [InlineData("\"x\"", DiagnosticCodes.JsonUnexpectedType)]
    [InlineData("[{\"name\": \"a\", \"name\": \"b\"}]", DiagnosticCodes.JsonMalformed)]
    [InlineData("[{\"name\": \"not-a-guid\", \"roleName\": \"x\", \"roleType\": \"BuiltInRole\", \"permissions\": []}]", DiagnosticCodes.InvalidGuid)]
    [InlineData("[{\"name\": \"1b4d7c2e-5f3a-4e8b-9c6d-2a7f0e1b3c5d\", \"roleType\": \"BuiltInRole\", \"permissions\": []}]", DiagnosticCodes.RequiredValueMissing)]
    [InlineData("[{\"name\": \"1b4d7c2e-5f3a-4e8b-9c6d-2a7f0e1b3c5d\", \"roleName\": \"x\", \"permissions\": [{\"actions\": [1], \"notActions\": [], \"dataActions\": [], \"notDataActions\": []}]}]", DiagnosticCodes.JsonUnexpectedType)]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", DiagnosticCodes.JsonMalformed)]
    public void Read_HostileOrBrokenInput_IsADiagnostic_NotAnException(string json, string code)
    {
        var read = RoleCatalog.Read(json);

        Assert.Contains(read.Diagnostics, d => d.Code == code && d.Severity == DiagnosticSeverity.Error);
        Assert.True(read.Value is null || read.Value.Count == 0);
    }

    [Fact]
    public void Read_TooLarge_IsJsonTooLarge()
    {
        var read = RoleCatalog.Read("[" + new string(' ', 4 * 1024 * 1024) + "]");

        Assert.Equal(DiagnosticCodes.JsonTooLarge, Assert.Single(read.Diagnostics).Code);
    }

    /// <summary>Only the exact type BuiltInRole makes a built-in role: any other type, or none, is never delegable.</summary>
    [Property(MaxTest = 200)]
    public bool Read_AnyRoleTypeButBuiltInRole_IsNeverDelegable(NonNull<string> roleType, bool omit)
    {
        var type = roleType.Get;
        if (string.Equals(type, "BuiltInRole", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var list = JsonNode.Parse(Fixture("az-role-definition-list.json"))!.AsArray();
        var role = list[0]!.AsObject();
        if (omit)
        {
            role.Remove("roleType");
        }
        else
        {
            role["roleType"] = type;
        }

        var catalog = RoleCatalog.Read(list.ToJsonString()).GetValueOrThrow();
        return catalog.GetDelegability(NewBuiltIn) is { IsDelegable: false, RequiresDelegatedRoles: false, IsCustom: true };
    }
}
