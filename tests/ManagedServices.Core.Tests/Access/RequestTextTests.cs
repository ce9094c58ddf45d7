using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Tests.Scopes;

namespace ManagedServices.Tests.Access;

/// <summary>The evaluator's allocation-free request parsing agrees with the library's parsers.</summary>
public class RequestTextTests
{
    private static readonly string[] Pieces =
    [
        "/", "//", "subscriptions", "SUBSCRIPTIONS", "resourceGroups", "resourcegroups", "providers", "Microsoft.Compute",
        "virtualMachines", "vm1", "rg1", ".", "..", "*", " ", "\t", "é", "ed40e6c1-4292-4dd6-88f1-89e0da98d68b", "rg.",
        "Microsoft.Management", "managementGroups", "mg", "NoDot", "(x)", "a_b", "%20", "\u00A0", "\uD800",
    ];

    [Property(MaxTest = 3000)]
    public Property TryScanScope_MutatedScopes_AgreesWithScopeParser() =>
        Prop.ForAll(Arb.From(Gen.OneOf(ScopeArbitraries.ScopeText(), Mutated(), Assembled())), s =>
        {
            var expected = ScopeParser.Scan(s, out _, out _);
            var ok = RequestText.TryScanScope(s, out var parts);
            ok = ok && (!parts.SubscriptionUnchecked || GuidKey.TryParse(parts.Subscription, out _));
            return ok == (expected != ScopeKind.None) && (!ok || parts.Kind == expected);
        });

    [Theory]
    [InlineData("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg1", "rg1")]
    [InlineData("/SUBSCRIPTIONS/ED40E6C1-4292-4DD6-88F1-89E0DA98D68B/RESOURCEGROUPS/Rg10/providers/Microsoft.Compute/virtualMachines/vm", "Rg10")]
    [InlineData("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/providers/Microsoft.Compute/virtualMachines/vm", "")]
    public void TryScanScope_ValidScope_ExtractsSubscriptionAndResourceGroup(string scope, string rg)
    {
        Assert.True(RequestText.TryScanScope(scope, out var parts));
        Assert.Equal("ed40e6c1-4292-4dd6-88f1-89e0da98d68b", parts.Subscription.ToString(), ignoreCase: true);
        Assert.Equal(rg, parts.ResourceGroup.ToString());
    }

    [Property(MaxTest = 1000)]
    public bool GuidKey_TryParse_AgreesWithGuidParsing(Guid value, bool upper, byte flip, byte at)
    {
        var text = value.ToString("D");
        text = upper ? text.ToUpperInvariant() : text;
        var chars = text.ToCharArray();
        if (flip % 3 == 0)
        {
            chars[at % 36] = flip % 2 == 0 ? 'g' : (char)flip;
        }

        var mutated = new string(chars);
        var expected = PrincipalId.TryParse(mutated, out var id);
        return GuidKey.TryParse(mutated, out var key) == expected && (!expected || key == GuidKey.From(id.Value)) &&
            (!expected || key.ToPrincipalId() == id);
    }

    [Theory]
    [InlineData("Microsoft.Compute/virtualMachines/read", true)]
    [InlineData("microsoft.support/supportTickets/write", true)]
    [InlineData("Microsoft.Compute/*", false)]
    [InlineData("Microsoft.Compute/virtual Machines/read", false)]
    [InlineData("Microsoft.Compute/virtualMachines/read\n", false)]
    [InlineData("Microsoft.Compute/virtualMachinés/read", false)]
    [InlineData("", false)]
    public void IsValidAction_Examples(string action, bool valid) => Assert.Equal(valid, RequestText.IsValidAction(action));

    [Property(MaxTest = 500)]
    public bool HashIgnoreCase_EqualIgnoringCase_HashesEqual(NonEmptyString s) =>
        RequestText.HashIgnoreCase(s.Get.ToUpperInvariant()) == RequestText.HashIgnoreCase(s.Get.ToLowerInvariant()) ||
        !string.Equals(s.Get.ToUpperInvariant(), s.Get.ToLowerInvariant(), StringComparison.OrdinalIgnoreCase) ||
        s.Get.Any(c => c > 127);

    private static Gen<string> Mutated() =>
        from s in ScopeArbitraries.ScopeText()
        from at in Gen.Choose(0, 200)
        from piece in Gen.Elements(Pieces)
        from mode in Gen.Choose(0, 2)
        from replacement in Gen.Elements('g', 'G', '-', '/', '0', 'é', ' ')
        select mode switch
        {
            0 => s.Remove(Math.Min(at, s.Length - 1), 1),
            1 => s.Insert(Math.Min(at, s.Length), piece),
            _ => s.Remove(Math.Min(at % 60, s.Length - 1), 1).Insert(Math.Min(at % 60, s.Length - 1), replacement.ToString()),
        };

    private static Gen<string> Assembled() =>
        Gen.ListOf(Gen.Elements(Pieces)).Select(parts => "/" + string.Join("/", parts));
}
