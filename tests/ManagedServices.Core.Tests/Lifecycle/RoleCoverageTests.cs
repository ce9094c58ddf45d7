using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Lifecycle;

namespace ManagedServices.Tests.Lifecycle;

public class RoleCoverageTests
{
    private static readonly RoleCatalog Catalog = RoleCatalog.BuiltIn;

    [Theory]
    [InlineData("acdd72a7-3385-48ef-bd42-f606fba81ae7", "b24988ac-6180-42a0-ab88-20f7382dd24c", true)] // Reader ⊆ Contributor
    [InlineData("b24988ac-6180-42a0-ab88-20f7382dd24c", "acdd72a7-3385-48ef-bd42-f606fba81ae7", false)] // Contributor ⊄ Reader
    [InlineData("43d0d8ad-25c7-4714-9337-8ba259a9fe05", "749f88d5-cbae-40b8-bcfc-e573ddc772fa", true)] // Monitoring Reader ⊆ Monitoring Contributor
    [InlineData("749f88d5-cbae-40b8-bcfc-e573ddc772fa", "acdd72a7-3385-48ef-bd42-f606fba81ae7", false)] // Monitoring Contributor ⊄ Reader
    [InlineData("9980e02c-c2be-4d73-94e8-173b1dc7cf3c", "b24988ac-6180-42a0-ab88-20f7382dd24c", true)] // VM Contributor ⊆ Contributor
    [InlineData("b24988ac-6180-42a0-ab88-20f7382dd24c", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", true)] // Contributor ⊆ Owner
    [InlineData("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c", false)] // Owner ⊄ Contributor
    public void IsCovered_BuiltInRoles_MatchesExpectation(string inner, string outer, bool expected) =>
        Assert.Equal(expected, RoleCoverage.IsCovered(RoleDefinitionId.Parse(inner), RoleDefinitionId.Parse(outer), Catalog));

    [Fact]
    public void IsCovered_RoleMissingFromCatalog_IsFalse()
    {
        var unknown = RoleDefinitionId.Parse("c0000000-0000-0000-0000-000000000001");
        Assert.False(RoleCoverage.IsCovered(unknown, BuiltInRoleIds.Owner, Catalog));
        Assert.True(RoleCoverage.IsCovered(unknown, unknown, Catalog));
    }

    [Fact]
    public void IsCovered_OuterNotActionRemovesInnerGrant_IsFalse()
    {
        var inner = Role(["Microsoft.Compute/*"]);
        var outer = Role(["*"], ["Microsoft.Compute/virtualMachines/delete"]);
        Assert.False(RoleCoverage.IsCovered(inner, outer));
        var innerAlsoRemoves = Role(["Microsoft.Compute/*"], ["Microsoft.Compute/*/delete"]);
        Assert.True(RoleCoverage.IsCovered(innerAlsoRemoves, outer));
    }

    [Fact]
    public void IsCovered_ConditionedOuterBlock_IsFalse()
    {
        var inner = Role(["Microsoft.Compute/*/read"]);
        var outer = new RoleDefinition
        {
            Id = RoleDefinitionId.Parse("c0000000-0000-0000-0000-000000000002"),
            Name = "conditioned",
            Permissions = [new RolePermissionBlock { Actions = ["*"], Condition = "@Resource[x] == 'y'" }],
        };
        Assert.False(RoleCoverage.IsCovered(inner, outer));
    }

    // Specific to this test (kept here, not in TestSupport/ModelGenerators): patterns and texts over a tiny alphabet, so
    // that a brute-force reference over all short texts decides coverage.
    private static readonly Arbitrary<string> PatternArbitrary = Arb.From(
        from n in Gen.Choose(0, 6)
        from cs in Gen.ArrayOf(Gen.Elements('a', 'b', '/', '*'), n)
        select new string(cs));

    private static readonly Arbitrary<string> TextArbitrary = Arb.From(
        from n in Gen.Choose(0, 7)
        from cs in Gen.ArrayOf(Gen.Elements('a', 'b', '/'), n)
        select new string(cs));

    [FsCheck.Xunit.Property(MaxTest = 3000)]
    public Property PatternCovers_IsSound() =>
        Prop.ForAll(PatternArbitrary, PatternArbitrary, TextArbitrary, (outer, inner, text) =>
            !RoleCoverage.PatternCovers(outer, inner) || !ActionPattern.Matches(text, inner) || ActionPattern.Matches(text, outer));

    [FsCheck.Xunit.Property(MaxTest = 3000)]
    public Property MayIntersect_IsSound() =>
        Prop.ForAll(PatternArbitrary, PatternArbitrary, TextArbitrary, (x, y, text) =>
            !(ActionPattern.Matches(text, x) && ActionPattern.Matches(text, y)) || RoleCoverage.MayIntersect(x, y));

    [Fact]
    public void IsCovered_EveryBuiltInRoleAgainstBroadRoles_IsSoundOnInstantiatedOperations()
    {
        string[] fillers = ["", "x", "Microsoft.Authorization/roleAssignments/write", "sub/read", "a/delete", "Microsoft.Compute/virtualMachines/action"];
        RoleDefinitionId[] broad = [BuiltInRoleIds.Owner, BuiltInRoleIds.Contributor, BuiltInRoleIds.Reader, LifecycleArbitraries.MonitoringContributor, LifecycleArbitraries.VirtualMachineContributor];
        var checkedPairs = 0;
        foreach (var inner in Catalog.Roles)
        {
            foreach (var outerId in broad)
            {
                Assert.True(Catalog.TryGet(outerId, out var outer));
                if (!RoleCoverage.IsCovered(inner, outer))
                {
                    continue;
                }

                checkedPairs++;
                foreach (var pattern in inner.Permissions.SelectMany(p => p.Actions.Concat(p.NotActions)))
                {
                    foreach (var filler in fillers)
                    {
                        var op = pattern.Replace("*", filler, StringComparison.Ordinal);
                        Assert.True(!inner.PermitsAction(op) || outer.PermitsAction(op), $"{inner.Name} covered by {outer.Name} but {op} escapes");
                    }
                }
            }
        }

        Assert.True(checkedPairs > 50, $"only {checkedPairs} covered pairs");
    }

    private static RoleDefinition Role(string[] actions, string[]? notActions = null) => new()
    {
        Id = RoleDefinitionId.Parse("c0000000-0000-0000-0000-0000000000ff"),
        Name = "test",
        Permissions = [new RolePermissionBlock { Actions = [.. actions], NotActions = [.. notActions ?? []] }],
    };
}
