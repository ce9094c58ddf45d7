using FsCheck;
using FsCheck.Fluent;

namespace ManagedServices.Tests.TestSupport;

/// <summary>Hostile text: random strings from a nasty alphabet, and structured mutations of valid inputs.</summary>
public static class HostileText
{
    /// <summary>Characters parsers get wrong: separators, escapes, controls, lone surrogates, look-alikes, digits and hex.</summary>
    public static readonly char[] Alphabet =
    [
        '/', '/', '/', '.', '.', '-', '-', '%', '*', '?', '#', '\\', '"', '<', '>', '|', ' ', '\t', '\n', '\r', '\0', '\u0085',
        '\u00A0', '\u2028', '\u200B', '\uFEFF', '\uD800', '\uDC00', '\u0430', '\u212A', '\u0131', '\u0130', '\u017F', '\uFF0F', '\uFF11',
        '0', '1', '9', 'a', 'f', 'A', 'F', 'g', 'z', 'Z', '{', '}', '(', ')', '_', ':', '+', '\u00E9', '\u4E2D', '٣', // Arabic-Indic three
        'x', 'X', '$', // "0x" and "+" inside GUID components (which .NET's "D" parsing accepts), '$' of operation names
    ];

    /// <summary>Valid inputs to mutate.</summary>
    public static readonly string[] Seeds =
    [
        "/", "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b", "/subscriptions/ED40E6C1-4292-4DD6-88F1-89E0DA98D68B/resourcegroups/RG-App",
        "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1",
        "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/providers/Microsoft.Network/networkWatchers/nw/providers/Microsoft.Insights/diagnosticSettings/d",
        "/providers/Microsoft.Management/managementGroups/mg1", "ed40e6c1-4292-4dd6-88f1-89e0da98d68b",
        "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7",
        "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7",
        "1.0.0", "2147483647.0.12", "Reader", "Contributor", "PT8H", "P1DT2H30M",
        // Issue 13's shapes: trailing '/', odd GUID spellings, operation names, resource group names.
        "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg1/", "/subscriptions/0x40e6c1-4292-4dd6-88f1-89e0da98d68b",
        "/subscriptions/ed40e6c1-+292-4dd6-88f1-89e0da98d68b/resourceGroups/rg1", "0x40e6c1-4292-4dd6-88f1-89e0da98d68b",
        "Microsoft.Authorization/roleAssignments/write", "Microsoft.CognitiveServices/accounts/ComputerVision/imageanalysis:analyze/action",
        "rg/../other", "RG-App_(prod).v2",
    ];

    /// <summary>
    /// One 50,000,000-character string (100 MB), shared by the size-limit tests: a role definition resource ID prefix
    /// followed by digits, so each parser sees something it could start to read.
    /// </summary>
    public static string Fifty => FiftyLazy.Value;

    private static readonly Lazy<string> FiftyLazy = new(() => string.Create(50_000_000, 0, static (span, _) =>
    {
        const string Prefix = "/providers/Microsoft.Authorization/roleDefinitions/";
        span.Fill('1');
        Prefix.AsSpan().CopyTo(span);
    }));

    public static Gen<string> Random() =>
        from n in Gen.Choose(0, 80)
        from chars in Gen.ArrayOf(Gen.Elements(Alphabet), n)
        select new string(chars);

    public static Gen<string> Mutated() =>
        from seed in Gen.Elements(Seeds)
        from edits in Gen.Choose(1, 4)
        from ops in Gen.ArrayOf(Gen.Choose(0, 9), edits)
        from positions in Gen.ArrayOf(Gen.Choose(0, 10_000), edits)
        from chars in Gen.ArrayOf(Gen.Elements(Alphabet), edits)
        from counts in Gen.ArrayOf(Gen.Choose(1, 300), edits)
        select Apply(seed, ops, positions, chars, counts);

    /// <summary>Random or mutated text, with the odd very long input.</summary>
    public static Gen<string> Any() => Gen.Frequency(
        (4, Mutated()),
        (3, Random()),
        (1, Gen.Elements(Seeds)),
        (1, Gen.Choose(4000, 5000).Select(n => "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg/providers/A.B/t/" + new string('n', n))));

    public static Arbitrary<string> AnyArbitrary() => Arb.From(Any());

    private static string Apply(string s, int[] ops, int[] positions, char[] chars, int[] counts)
    {
        for (var k = 0; k < ops.Length; k++)
        {
            var i = s.Length == 0 ? 0 : positions[k] % (s.Length + 1);
            s = ops[k] switch
            {
                0 => s[..i], // truncate
                1 => s.Insert(i, chars[k].ToString()), // insert
                2 when i < s.Length => s.Remove(i, 1), // delete
                3 when i < s.Length => string.Concat(s.AsSpan(0, i), chars[k].ToString(), s.AsSpan(i + 1)), // replace
                4 => s + string.Concat(Enumerable.Repeat(s.Length > 0 ? s[(s.Length / 2)..] : "/x", Math.Min(counts[k], 40))), // repeat a tail
                5 => s.Insert(i, new string(chars[k], counts[k])), // run of one char
                6 => new string([.. s.Select(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' ? (char)(c ^ 0x20) : c)]), // flip ASCII case
                7 => s.Replace("/", "//", StringComparison.Ordinal),
                8 => s.Insert(i, "/..") ,
                _ => s + "/",
            };
        }

        return s;
    }
}
