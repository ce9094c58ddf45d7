using FsCheck;
using FsCheck.Fluent;

namespace ManagedServices.Tests.Scopes;

/// <summary>Generators of valid ARM scopes, including non-canonical letter case and prefix traps (rg1/rg10).</summary>
public static class ScopeArbitraries
{
    private static readonly string[] Subscriptions =
    [
        "ed40e6c1-4292-4dd6-88f1-89e0da98d68b",
        "d8ad3a03-7d6f-4c1c-9ef9-96af50fbc39f",
    ];

    private static readonly string[] Groups = ["rg1", "rg10", "rg-app", "rg-app-dev", "RG1", "a.b", "x_(y)"];
    private static readonly string[] Namespaces = ["Microsoft.Compute", "Microsoft.Storage", "microsoft.network"];
    private static readonly string[] Types = ["virtualMachines", "storageAccounts", "extensions", "blobServices"];
    private static readonly string[] Names = ["vm1", "vm10", "default", "a", "providers"];

    /// <summary>Valid scopes.</summary>
    public static Arbitrary<ResourceScope> Scope() => Arb.From(ScopeText().Select(ResourceScope.Parse));

    /// <summary>The text of valid scopes, in random letter case for keywords and GUIDs.</summary>
    public static Gen<string> ScopeText() =>
        from sub in Gen.Elements(Subscriptions)
        from subCase in Gen.Elements(true, false)
        from keywordCase in Gen.Elements(true, false)
        from depth in Gen.Choose(0, 5)
        from rg in Gen.Elements(Groups)
        from ns in Gen.Elements(Namespaces)
        from count in Gen.Choose(1, 3)
        from pairs in Gen.ListOf(Gen.Elements(Types).Zip(Gen.Elements(Names)), count)
        select Build(subCase ? sub.ToUpperInvariant() : sub, keywordCase, depth, rg, ns, pairs);

    private static string Build(string sub, bool upperKeywords, int depth, string rg, string ns, IList<(string, string)> pairs)
    {
        string K(string k) => upperKeywords ? k.ToUpperInvariant() : k;
        var text = $"/{K("subscriptions")}/{sub}";
        if (depth == 0)
        {
            return text;
        }

        if (depth >= 2)
        {
            text += $"/{K("resourceGroups")}/{rg}";
        }

        if (depth == 2)
        {
            return text;
        }

        text += $"/{K("providers")}/{ns}";
        foreach (var (type, name) in pairs.Take(Math.Max(1, depth - 2)))
        {
            text += $"/{type}/{name}";
        }

        return text;
    }
}
