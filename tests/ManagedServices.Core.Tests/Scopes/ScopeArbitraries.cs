using FsCheck;
using FsCheck.Fluent;

namespace ManagedServices.Tests.Scopes;

/// <summary>Generators of valid ARM scopes, including non-canonical letter case, prefix traps (rg1/rg10) and extension resources.</summary>
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
    private static readonly string[] ManagementGroups = ["mg1", "mg10", "MG1", "root-(a).b"];

    /// <summary>Valid scopes: every text of <see cref="ScopeText"/>, and now and then the tenant root.</summary>
    public static Arbitrary<ResourceScope> ScopeArbitrary() =>
        Arb.From(Gen.Frequency((20, ScopeText()), (1, Gen.Constant("/"))).Select(ResourceScope.Parse));

    /// <summary>
    /// The text of valid scopes below the tenant root, in random letter case for keywords and GUIDs: subscriptions,
    /// resource groups (rg1 next to rg10), resources with one to three (type, name) pairs, "providers" as a resource
    /// type (first pair of a section) or name, extension resources (a second and third provider section), and
    /// management groups. Never "/" (so that callers may append '/').
    /// </summary>
    public static Gen<string> ScopeText() =>
        Gen.Frequency(
            (8, from sub in Gen.Elements(Subscriptions)
                from subCase in Gen.Elements(true, false)
                from keywordCase in Gen.Elements(true, false)
                from depth in Gen.Choose(0, 5)
                from rg in Gen.Elements(Groups)
                from first in Section()
                from more in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
                from extensions in Gen.ListOf(Section(), more)
                select Build(subCase ? sub.ToUpperInvariant() : sub, keywordCase, depth, rg, [first, .. extensions])),
            (1, from keywordCase in Gen.Elements(true, false)
                from mg in Gen.Elements(ManagementGroups)
                select $"/{K("providers", keywordCase)}/{K("Microsoft.Management", keywordCase)}/{K("managementGroups", keywordCase)}/{mg}"));

    /// <summary>One provider section: a namespace and one to three (type, name) pairs, the first type sometimes "providers".</summary>
    private static Gen<(string Namespace, List<(string, string)> Pairs)> Section() =>
        from ns in Gen.Elements(Namespaces)
        from firstType in Gen.Frequency((5, Gen.Elements(Types)), (1, Gen.Constant("providers")))
        from count in Gen.Choose(1, 3)
        from pairs in Gen.ListOf(Gen.Elements(Types).Zip(Gen.Elements(Names)), count)
        select (ns, pairs.Select((p, i) => i == 0 ? (firstType, p.Item2) : p).ToList());

    private static string K(string keyword, bool upper) => upper ? keyword.ToUpperInvariant() : keyword;

    private static string Build(string sub, bool upperKeywords, int depth, string rg, IEnumerable<(string Namespace, List<(string, string)> Pairs)> sections)
    {
        var text = $"/{K("subscriptions", upperKeywords)}/{sub}";
        if (depth == 0)
        {
            return text;
        }

        if (depth >= 2)
        {
            text += $"/{K("resourceGroups", upperKeywords)}/{rg}";
        }

        if (depth == 2)
        {
            return text;
        }

        var take = Math.Max(1, depth - 2);
        foreach (var (ns, pairs) in sections)
        {
            text += $"/{K("providers", upperKeywords)}/{ns}";
            foreach (var (type, name) in pairs.Take(take))
            {
                text += $"/{type}/{name}";
            }
        }

        return text;
    }
}
