namespace ManagedServices.Tests.Roles;

public class ActionPatternTests
{
    [Theory]
    [InlineData("Microsoft.Compute/virtualMachines/read", "*", true)]
    [InlineData("Microsoft.Compute/virtualMachines/read", "*/read", true)]
    [InlineData("Microsoft.Compute/virtualMachines/write", "*/read", false)]
    [InlineData("microsoft.compute/VIRTUALMACHINES/read", "Microsoft.Compute/*", true)]
    [InlineData("Microsoft.Compute/virtualMachines/extensions/read", "Microsoft.Compute/virtualMachines/*", true)]
    [InlineData("Microsoft.ComputeX/virtualMachines/read", "Microsoft.Compute/*", false)]
    [InlineData("Microsoft.Network/a/b/c/read", "Microsoft.Network/*/read", true)]
    [InlineData("Microsoft.CostManagement/x/query/y", "Microsoft.CostManagement/*/query/*", true)]
    [InlineData("Microsoft.CostManagement/x/querz/y", "Microsoft.CostManagement/*/query/*", false)]
    [InlineData("ab", "a*b", true)]
    [InlineData("a", "a*a", false)]
    [InlineData("aa", "a*a", true)]
    [InlineData("abcabd", "*ab*d", true)]
    [InlineData("Microsoft.Insights/alertRules/", "Microsoft.Insights/alertRules/", true)]
    [InlineData("Microsoft.Insights/alertRules/read", "Microsoft.Insights/alertRules/", false)]
    [InlineData("", "*", true)]
    [InlineData("x", "", false)]
    public void Matches(string action, string pattern, bool expected) =>
        Assert.Equal(expected, ActionPattern.Matches(action, pattern));

    [Fact]
    public void Matches_ManyStarsOnLongInput_Terminates()
    {
        var action = new string('a', 10_000) + "/read";
        var pattern = string.Concat(Enumerable.Repeat("a*", 20)) + "b";
        Assert.False(ActionPattern.Matches(action, pattern));
        Assert.True(ActionPattern.Matches(action, string.Concat(Enumerable.Repeat("a*", 20)) + "read"));
    }
}
