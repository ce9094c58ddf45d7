namespace ManagedServices.Tests.Scopes;

public class ResourceScopeTests
{
    private const string Sub = "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b";

    [Theory]
    [InlineData("/", ScopeKind.TenantRoot)]
    [InlineData("/providers/Microsoft.Management/managementGroups/mg1", ScopeKind.ManagementGroup)]
    [InlineData(Sub, ScopeKind.Subscription)]
    [InlineData(Sub + "/resourceGroups/rg-app", ScopeKind.ResourceGroup)]
    [InlineData(Sub + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1", ScopeKind.Resource)]
    [InlineData(Sub + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a/blobServices/default/containers/c", ScopeKind.Resource)]
    [InlineData(Sub + "/providers/Microsoft.Security/pricings/default", ScopeKind.Resource)]
    [InlineData(Sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1/providers/Microsoft.Insights/diagnosticSettings/d", ScopeKind.Resource)]
    public void Parse_ValidScopes_GivesKind(string text, ScopeKind kind)
    {
        Assert.True(ResourceScope.TryParse(text, out var scope, out var error), error);
        Assert.Equal(kind, scope.Kind);
        Assert.Equal(kind is ScopeKind.Subscription or ScopeKind.ResourceGroup, scope.IsDelegable);
    }

    [Theory]
    [InlineData("")]
    [InlineData("subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b")]
    [InlineData(Sub + "//")]
    [InlineData(Sub + "//resourceGroups/rg")]
    [InlineData(Sub + "/resourceGroups/rg/../rg2")]
    [InlineData(Sub + "/resourceGroups/./rg")]
    [InlineData("/subscriptions/not-a-guid")]
    [InlineData(Sub + "/resourceGroups")]
    [InlineData(Sub + "/resourceGroups/rg/providers/Microsoft.Compute")]
    [InlineData(Sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines")]
    [InlineData(Sub + "/resourceGroups/r g")]
    [InlineData(Sub + "/resourceGroups/rg%2F1")]
    [InlineData(Sub + "/resourceGroups/rg\u0000")]
    [InlineData(Sub + "/resourceGroups/*")]
    [InlineData(Sub + "/something/else")]
    public void TryParse_Malformed_FailsWithReason(string text)
    {
        Assert.False(ResourceScope.TryParse(text, out var scope, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Equal(ScopeKind.None, scope.Kind);
    }

    [Fact]
    public void Contains_ComparesWholeSegments()
    {
        var rg1 = ResourceScope.Parse(Sub + "/resourceGroups/rg1");
        Assert.False(rg1.Contains(ResourceScope.Parse(Sub + "/resourceGroups/rg10")));
        Assert.True(rg1.Contains(ResourceScope.Parse(Sub.ToUpperInvariant() + "/RESOURCEGROUPS/RG1/providers/Microsoft.Compute/virtualMachines/vm")));
        Assert.False(ResourceScope.Parse(Sub + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm").Contains(rg1));
        Assert.False(default(ResourceScope).Contains(rg1));
        Assert.False(rg1.Contains(default));
    }

    [Fact]
    public void Parse_NormalizesKeywordsAndSubscriptionCase_KeepsNames()
    {
        var scope = ResourceScope.Parse("/SUBSCRIPTIONS/ED40E6C1-4292-4DD6-88F1-89E0DA98D68B/resourcegroups/My-RG");
        Assert.Equal(Sub + "/resourceGroups/My-RG", scope.ToString());
        Assert.Equal("My-RG", scope.ResourceGroupName);
        Assert.Equal(SubscriptionId.Parse("ed40e6c1-4292-4dd6-88f1-89e0da98d68b"), scope.SubscriptionId);
    }

    [Fact]
    public void Parent_WalksUpTheHierarchy()
    {
        var vm = ResourceScope.Parse(Sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1/extensions/e1");
        var chain = new List<string>();
        for (ResourceScope? s = vm; s is { } current; s = current.Parent)
        {
            chain.Add(current.ToString());
        }

        Assert.Equal(
            [
                Sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1/extensions/e1",
                Sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
                Sub + "/resourceGroups/rg",
                Sub,
                "/",
            ],
            chain);
    }

    /// <summary>
    /// A resource type or name spelled "providers" is a type or a name, not a new provider section: the parent is found by
    /// the scope grammar, not by the text of the last segments (found by ParserHostileInputTests, where Parent threw).
    /// </summary>
    [Theory]
    [InlineData("/providers/A.B/providers/C.D/T/N", "/providers/A.B/providers/C.D")]
    [InlineData("/providers/A.B/providers/C.D", "")]
    [InlineData("/providers/A.B/T/providers", "")]
    [InlineData("/providers/A.B/T/providers/T2/N2", "/providers/A.B/T/providers")]
    [InlineData("/providers/A.B/T/N/providers/C.D/providers/E.F/T3/N3", "/providers/A.B/T/N/providers/C.D/providers/E.F")]
    [InlineData("/providers/A.B/T/N/providers/C.D/providers/E.F", "/providers/A.B/T/N")]
    [InlineData("/resourceGroups/rg/providers/A.B/providers/C.D/T/N", "/resourceGroups/rg/providers/A.B/providers/C.D")]
    [InlineData("/resourceGroups/rg/providers/A.B/T/N/providers/C.D/T2/N2", "/resourceGroups/rg/providers/A.B/T/N")]
    [InlineData("/resourceGroups/rg/providers/A.B/T/N", "/resourceGroups/rg")]
    public void Parent_ReadsProvidersAsTypeOrNameWhereTheGrammarSaysSo(string below, string parentBelow)
    {
        var scope = ResourceScope.Parse(Sub + below);

        var parent = scope.Parent;

        Assert.Equal(Sub + parentBelow, parent?.ToString());
        Assert.True(parent!.Value.Contains(scope));
    }
}
