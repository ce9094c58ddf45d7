using ManagedServices.Access;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Scopes;

/// <summary>
/// The scope cases that matter, as examples that run every time: the property tests find these only when their random
/// seed reaches them (CI once met the "providers"-as-a-type case at test 613 of a property). Extension resources with
/// "providers" as a type or a name, rg1 next to rg10, a trailing '/', GUID spellings, management groups; each checked
/// through <see cref="ResourceScope"/> and the evaluator's own scanner (<see cref="RequestText.TryScanScope"/>).
/// </summary>
public class ScopeEdgeCaseTests
{
    private const string Sub = "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b";
    private const string Vm = Sub + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1";

    public static TheoryData<string, ScopeKind, string?> Scopes => new()
    {
        { "/", ScopeKind.TenantRoot, null },
        { "/providers/Microsoft.Management/managementGroups/mg1", ScopeKind.ManagementGroup, "/" },
        { "/PROVIDERS/microsoft.management/MANAGEMENTGROUPS/mg1", ScopeKind.ManagementGroup, "/" },
        { Sub, ScopeKind.Subscription, "/" },
        { Sub + "/resourceGroups/rg10", ScopeKind.ResourceGroup, Sub },
        { Sub + "/resourceGroups/providers", ScopeKind.ResourceGroup, Sub }, // a resource group named "providers"
        { Sub + "/resourceGroups/providers/providers/Microsoft.Compute/virtualMachines/vm1", ScopeKind.Resource, Sub + "/resourceGroups/providers" },
        { Vm, ScopeKind.Resource, Sub + "/resourceGroups/rg1" },
        { Vm + "/extensions/providers", ScopeKind.Resource, Vm }, // "providers" as a child resource's name
        { Vm + "/providers/Microsoft.Insights/diagnosticSettings/d", ScopeKind.Resource, Vm }, // extension resource
        { Vm + "/providers/Microsoft.Insights/diagnosticSettings/providers", ScopeKind.Resource, Vm },
        { Vm + "/providers/Microsoft.Insights/providers/d", ScopeKind.Resource, Vm }, // "providers" as the extension's type
        { Vm + "/providers/Microsoft.Insights/providers/d/t/n", ScopeKind.Resource, Vm + "/providers/Microsoft.Insights/providers/d" },
        { Vm + "/providers/Microsoft.Insights/diagnosticSettings/d/providers/Microsoft.Security/assessments/a", ScopeKind.Resource, Vm + "/providers/Microsoft.Insights/diagnosticSettings/d" },
        { Sub + "/providers/Microsoft.Compute/providers/vm1", ScopeKind.Resource, Sub }, // a subscription-level resource of type "providers"
        { Sub + "/providers/Microsoft.Resources/resourceGroups/rg1", ScopeKind.Resource, Sub }, // not the resource group scope
        { Sub + "/resourceGroups/rg1/", ScopeKind.ResourceGroup, Sub },
        { Vm + "/", ScopeKind.Resource, Sub + "/resourceGroups/rg1" },
        { "/SUBSCRIPTIONS/ED40E6C1-4292-4DD6-88F1-89E0DA98D68B/RESOURCEGROUPS/RG1/PROVIDERS/Microsoft.Compute/virtualMachines/vm1/PROVIDERS/Microsoft.Insights/providers/d/", ScopeKind.Resource, Sub + "/resourceGroups/RG1/providers/Microsoft.Compute/virtualMachines/vm1" },
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public void Parse_EdgeScope_HasKindParentAndTheScannersAgree(string text, ScopeKind kind, string? parent)
    {
        Assert.True(ResourceScope.TryParse(text, out var scope, out var error), error);
        Assert.Equal(kind, scope.Kind);
        Assert.Equal(parent, scope.Parent?.ToString(), ignoreCase: true);
        Assert.True(Scans(text, out var parts));
        Assert.Equal(kind, parts.Kind);
        Assert.Equal(scope.ResourceGroupName ?? "", parts.ResourceGroup.ToString());

        // Formatting round-trips; the parent contains the scope and not the other way round; the walk up ends at "/".
        Assert.Equal(scope, ResourceScope.Parse(scope.ToString()));
        Assert.Equal(scope.ToString(), ResourceScope.Parse(scope.ToString()).ToString());
        var steps = 0;
        for (var current = scope; current.Parent is { } up; current = up)
        {
            Assert.True(up.Contains(current), $"{up} must contain {current}");
            Assert.False(current.Contains(up), $"{current} must not contain {up}");
            Assert.True(++steps < 130);
        }
    }

    [Theory]
    [InlineData(Sub + "/resourceGroups/rg1", Sub + "/resourceGroups/rg10", false)]
    [InlineData(Sub + "/resourceGroups/rg10", Sub + "/resourceGroups/rg1", false)]
    [InlineData(Sub + "/resourceGroups/rg1", Sub + "/resourceGroups/rg10/providers/Microsoft.Compute/virtualMachines/vm1", false)]
    [InlineData(Sub + "/resourceGroups/rg1", Sub + "/resourceGroups/RG1/providers/Microsoft.Compute/virtualMachines/vm1", true)]
    [InlineData(Sub + "/resourceGroups/rg1", Sub + "/resourceGroups/rg1/", true)]
    [InlineData(Sub + "/resourceGroups/rg1", Sub + "/resourceGroups/rg1.x", false)]
    [InlineData(Sub + "/resourceGroups/rg1", Sub + "/resourceGroups/rg1-x", false)]
    [InlineData(Sub + "/resourceGroups/rg1", Sub + "/providers/Microsoft.Resources/resourceGroups/rg1", false)]
    [InlineData(Vm, Vm + "0", false)]
    [InlineData(Vm, Vm + "/providers/Microsoft.Insights/diagnosticSettings/d", true)]
    [InlineData(Vm + "/providers/Microsoft.Insights/diagnosticSettings/d", Vm, false)]
    [InlineData(Sub, "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68c", false)]
    [InlineData(Sub, "/SUBSCRIPTIONS/ED40E6C1-4292-4DD6-88F1-89E0DA98D68B/resourceGroups/rg1", true)]
    [InlineData("/providers/Microsoft.Management/managementGroups/mg1", "/providers/Microsoft.Management/managementGroups/mg10", false)]
    [InlineData("/providers/Microsoft.Management/managementGroups/mg1", Sub, false)] // which subscriptions a group holds is not known here
    [InlineData("/", "/providers/Microsoft.Management/managementGroups/mg1", true)]
    [InlineData("/", Vm, true)]
    public void Contains_ComparesWholeSegmentsIgnoringCase(string outer, string inner, bool contains)
    {
        var a = ResourceScope.Parse(outer);
        var b = ResourceScope.Parse(inner);

        Assert.Equal(contains, a.Contains(b));
        Assert.Equal(contains, ResourceScope.Parse(outer.ToUpperInvariant()).Contains(ResourceScope.Parse(inner.ToLowerInvariant())));
    }

    /// <summary>The subscription ID of a scope is a GUID in the 8-4-4-4-12 form only (<see cref="ReferenceGrammar.IsGuid"/>).</summary>
    [Theory]
    [InlineData("ed40e6c1-4292-4dd6-88f1-89e0da98d68b")]
    [InlineData("ED40E6C1-4292-4DD6-88F1-89E0DA98D68B")]
    [InlineData("{ed40e6c1-4292-4dd6-88f1-89e0da98d68b}")]
    [InlineData("(ed40e6c1-4292-4dd6-88f1-89e0da98d68b)")]
    [InlineData("ed40e6c142924dd688f189e0da98d68b")]
    [InlineData("0x40e6c1-4292-4dd6-88f1-89e0da98d68b")]
    [InlineData("ed40e6c1-+292-4dd6-88f1-89e0da98d68b")]
    [InlineData("ed40e6c1-4292-4dd6-88f1-89e0da98d68")]
    [InlineData("ed40e6c1-4292-4dd6-88f1-89e0da98d68bb")]
    [InlineData("ed40e6c1-4292-4dd6-88f1-89e0da98d6\uFF18b")] // fullwidth 8
    [InlineData("ed40e6c1-4292-4dd6-88f1-89e0da98d6\u0668b")] // Arabic-Indic 8
    [InlineData("ed40e6c1\u20104292-4dd6-88f1-89e0da98d68b")] // Unicode hyphen
    [InlineData("ed40e6c1-4292-4dd6-88f1-89e0da98d68g")]
    public void Parse_SubscriptionGuidSpellings_FollowTheReferenceGrammar(string id)
    {
        var valid = ReferenceGrammar.IsGuid(id);
        foreach (var text in new[] { "/subscriptions/" + id, "/subscriptions/" + id + "/resourceGroups/rg1", "/subscriptions/" + id + "/" })
        {
            Assert.Equal(valid, ResourceScope.TryParse(text, out var scope));
            Assert.Equal(valid, Scans(text, out _));
            if (valid)
            {
                Assert.Equal(SubscriptionId.Parse(id.ToLowerInvariant()), scope.SubscriptionId);
                Assert.StartsWith(Sub, scope.ToString(), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(Vm + "/providers")] // a section with no namespace
    [InlineData(Vm + "/providers/Microsoft.Insights")] // a namespace with no resource
    [InlineData(Vm + "/providers/Microsoft.Insights/diagnosticSettings")] // a type with no name
    [InlineData(Vm + "/providers/NoDot/diagnosticSettings/d")]
    [InlineData(Vm + "/extensions/e1/providers/providers/x")] // "providers" after a pair starts a section: "providers" is no namespace
    [InlineData(Sub + "/providers/Microsoft.Compute/virtualMachines/vm1/providers/x/providers/Microsoft.Insights/diagnosticSettings/d")]
    [InlineData("/providers/Microsoft.Management/managementGroups/mg1/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b")]
    [InlineData("/providers/Microsoft.Management/managementGroups")]
    [InlineData(Sub + "/resourceGroups/rg1//")]
    [InlineData(Sub + "/resourceGroups/rg1.")]
    public void Parse_BrokenExtensionAndSlashShapes_AreRefusedByBothScanners(string text)
    {
        Assert.False(ResourceScope.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.False(Scans(text, out _));
    }

    /// <summary>The evaluator's scan, with the subscription GUID check it defers to the evaluator (as <c>AccessEvaluator</c> does).</summary>
    private static bool Scans(string text, out ScopeParts parts) =>
        RequestText.TryScanScope(text, out parts) && (!parts.SubscriptionUnchecked || GuidKey.TryParse(parts.Subscription, out _));
}
