using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Arm;
using ManagedServices.Serialization;
using ManagedServices.Tests.Arm;
using ManagedServices.Tests.TestSupport;
using ManagedServices.Tests.Validation;

namespace ManagedServices.Tests.Hardening;

/// <summary>
/// Structured mutation of generated (and, when the shared folder is present, corpus) onboarding templates,
/// parameters files and offer documents: truncation, type swaps, huge arrays, deep nesting, duplicate keys, invalid
/// UTF-16/UTF-8, giant strings, out-of-range numbers, unknown expressions, recursive variables and huge copy counts.
/// Every read returns a value or an error diagnostic, never throws, and finishes in bounded time.
/// </summary>
public class JsonReaderFuzzTests
{
    /// <summary>Mutated documents per reader.</summary>
    public const int Cases = 200;

    /// <summary>What one read may allocate on its thread: bounded by the work budget, whatever the input builds.</summary>
    private const long MaxAllocatedPerRead = 512L * 1024 * 1024;

    [Property(Arbitrary = [typeof(Generators)], MaxTest = Cases)]
    public bool TemplateRead_MutatedTemplate_ReturnsValueOrErrors(TemplateMutation m) =>
        Holds(() => OnboardingTemplate.Read(m.Template, m.Parameters), r => r.Value is not null || HasError(r.Diagnostics), m.ToString());

    [Property(Arbitrary = [typeof(Generators)], MaxTest = Cases)]
    public bool OfferDocumentRead_MutatedDocument_ReturnsValueOrErrors(DocumentMutation m) =>
        Holds(() => OfferDocument.Read(m.Json), r => r.Value is not null || HasError(r.Diagnostics), m.ToString());

    [TemplatesSharedFact]
    public void TemplateRead_MutatedCorpus_ReturnsValueOrErrors()
    {
        var files = Directory.GetFiles(TemplatesSharedData.Samples, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);
        var random = new Random(20261126);
        var reads = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            for (var i = 0; i < 12; i++)
            {
                var mutated = Mutations.Apply(text, random.Next(Mutations.Count), random.Next(), random.Next());
                Assert.True(Holds(() => OnboardingTemplate.Read(mutated), r => r.Value is not null || HasError(r.Diagnostics), file + " #" + i));
                reads++;
            }
        }

        Assert.True(reads >= files.Length * 12);
    }

    [Fact]
    public void Readers_FiftyMegabytes_AreRefusedBySizeWithoutParsing()
    {
        var huge = HostileText.Fifty;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var template = OnboardingTemplate.Read(huge, huge);
        var document = OfferDocument.Read(huge);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(template.Value);
        Assert.Contains(template.Diagnostics, d => d.Code == DiagnosticCodes.JsonTooLarge);
        Assert.Null(document.Value);
        Assert.Contains(document.Diagnostics, d => d.Code == DiagnosticCodes.JsonTooLarge);
        // Refused by size before parsing: nothing the size of the input is built (measured as memory, not time).
        Assert.True(allocated < 1024 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Readers_Null_ThrowArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => OnboardingTemplate.Read(null!));
        Assert.Throws<ArgumentNullException>(() => OfferDocument.Read(null!));
    }

    private static bool HasError(System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error);

    private static bool Holds<T>(Func<T> read, Func<T, bool> invariant, string what)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        T result;
        try
        {
            result = read();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{what}: the reader threw {ex.GetType().Name}: {ex.Message}", ex);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        if (allocated > MaxAllocatedPerRead)
        {
            throw new InvalidOperationException($"{what}: the read allocated {allocated:N0} bytes");
        }

        return invariant(result) ? true : throw new InvalidOperationException($"{what}: neither a value nor an error diagnostic");
    }

    public sealed record TemplateMutation(string Template, string? Parameters, string Edit)
    {
        public override string ToString() => $"{Edit} (template {Template.Length} chars, parameters {Parameters?.Length ?? 0} chars)";
    }

    public sealed record DocumentMutation(string Json, string Edit)
    {
        public override string ToString() => $"{Edit} ({Json.Length} chars)";
    }

    public static class Generators
    {
        public static Arbitrary<TemplateMutation> TemplateMutationArbitrary() => Arb.From(
            from definition in TemplatesArbitraries.Definition()
            from target in TemplatesArbitraries.Target()
            from onParameters in Gen.Elements(false, false, true)
            from dropParameters in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
            from kind in Gen.Choose(0, Mutations.Count - 1)
            from seed in Gen.Choose(0, int.MaxValue)
            from at in Gen.Choose(0, int.MaxValue)
            select MakeTemplate(definition, target, onParameters, dropParameters, kind, seed, at));

        public static Arbitrary<DocumentMutation> DocumentMutationArbitrary() => Arb.From(
            from offer in ModelArbitraries.Offer()
            from kind in Gen.Choose(0, Mutations.Count - 1)
            from seed in Gen.Choose(0, int.MaxValue)
            from at in Gen.Choose(0, int.MaxValue)
            select new DocumentMutation(Mutations.Apply(OfferDocument.Write(offer), kind, seed, at), Mutations.Name(kind)));

        private static TemplateMutation MakeTemplate(OnboardingDefinition definition, OnboardingTarget target, bool onParameters, bool dropParameters, int kind, int seed, int at)
        {
            var files = OnboardingTemplate.Write(definition, target).Value ?? OnboardingTemplate.Write(TemplateSamples.Definition(), OnboardingTarget.ForSubscription()).Value!;
            var template = files.Template;
            var parameters = dropParameters ? null : files.Parameters;
            if (onParameters && parameters is not null)
            {
                parameters = Mutations.Apply(parameters, kind, seed, at);
            }
            else
            {
                template = Mutations.Apply(template, kind, seed, at);
            }

            return new TemplateMutation(template, parameters, (onParameters && parameters is not null ? "parameters: " : "template: ") + Mutations.Name(kind));
        }
    }
}

/// <summary>Structured mutations of JSON text (on the tree where the text parses, on the text otherwise).</summary>
internal static class Mutations
{
    private static readonly string[] Names =
    [
        "truncate", "type swap", "huge array", "deep nesting", "duplicate key", "invalid UTF-16", "giant string",
        "number out of range", "unknown expression", "recursive variables", "huge copy count", "delete member", "control characters",
        "doubling variables in a copy loop", "doubling strings in a copy loop",
    ];

    private static readonly string[] Expressions =
    [
        "[foo(1)]", "[concat(", "[parameters('nope')]", "[variables('missing')]", "[concat(parameters('mspOfferName'), ']", "[[escaped]",
        "[guid()]", "[guid(" + string.Concat(Enumerable.Repeat("'a',", 200)) + "'b')]", "[" + new string('(', 200) + "]",
        "[concat(" + string.Concat(Enumerable.Repeat("concat(", 100)) + "'x'" + new string(')', 101) + "]", "[reference('x').outputs]",
        "[copyIndex(-1)]", "[copyIndex('nope')]", "[int('99999999999999999999')]", "[json('{')]", "[length(123)]", "[split('a', '')]",
        "[toLower(1)]", "[subscription().subscriptionId]", "[tenant().tenantId]", "[if(true(), 1)]", "[createArray(" + string.Concat(Enumerable.Repeat("1,", 5000)) + "1)]",
    ];

    private static readonly string[] Numbers =
    [
        "1e400", "-1e400", "99999999999999999999999999999", "-0", "1.5", "2147483648", "-2147483649", "9223372036854775808", "0.0000000000000000000001e-400",
    ];

    public static int Count => Names.Length;

    public static string Name(int kind) => Names[kind];

    public static string Apply(string json, int kind, int seed, int at)
    {
        var random = new Random(seed);
        if (kind == 0)
        {
            return json[..(at % (json.Length + 1))];
        }

        if (kind == 4)
        {
            // Duplicate a property: text level, so the parser sees both.
            var colon = json.IndexOf("\":", at % Math.Max(1, json.Length), StringComparison.Ordinal);
            colon = colon < 0 ? json.IndexOf("\":", StringComparison.Ordinal) : colon;
            var quote = colon < 0 ? -1 : json.LastIndexOf('"', colon - 1);
            return quote < 0 ? json : json.Insert(quote, json[quote..(colon + 2)] + " 1, ");
        }

        if (kind == 5)
        {
            // Lone surrogates and a BOM, as invalid UTF-8 decodes to (or as a broken UTF-16 producer writes).
            string[] bad = ["\uD800", "\uDFFF", "\uFFFD", "\uFEFF", "\\uD800", "\\uDC00x"];
            var i = at % (json.Length + 1);
            return json.Insert(i, bad[random.Next(bad.Length)]);
        }

        if (kind == 12)
        {
            var i = at % (json.Length + 1);
            return json.Insert(i, ((char)random.Next(0, 32)).ToString());
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        }
        catch (System.Text.Json.JsonException)
        {
            return json + "}";
        }

        if (root is null)
        {
            return json;
        }

        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[at % nodes.Count];
        switch (kind)
        {
            case 1:
                Replace(root, target, random.Next(6) switch
                {
                    0 => JsonValue.Create(42),
                    1 => JsonValue.Create("text"),
                    2 => new JsonArray(),
                    3 => new JsonObject(),
                    4 => JsonValue.Create(true),
                    _ => null,
                });
                break;
            case 2:
            {
                var array = new JsonArray();
                var element = target is JsonArray a && a.Count > 0 ? a[0]?.ToJsonString() : target.ToJsonString();
                var count = 1000 + random.Next(4_000);
                for (var i = 0; i < count; i++)
                {
                    array.Add(element is null ? null : JsonNode.Parse(element));
                }

                Replace(root, target, array);
                break;
            }

            case 3:
            {
                // Text level: nesting beyond what a tree library would build.
                var depth = 60 + random.Next(2000);
                var text = target.ToJsonString();
                var nested = random.Next(2) == 0
                    ? new string('[', depth) + text + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + text + new string('}', depth);
                var whole = root.ToJsonString();
                var index = whole.IndexOf(text, StringComparison.Ordinal);
                return index < 0 ? whole : string.Concat(whole.AsSpan(0, index), nested, whole.AsSpan(index + text.Length));
            }

            case 6:
                Replace(root, target, JsonValue.Create(new string('x', 1_100_000 + random.Next(500_000))));
                break;
            case 7:
            {
                var number = Numbers[random.Next(Numbers.Length)];
                var placeholder = "\"__number__\"";
                Replace(root, target, JsonValue.Create("__number__"));
                return root.ToJsonString().Replace(placeholder, number, StringComparison.Ordinal);
            }

            case 8:
                Replace(root, target, JsonValue.Create(Expressions[random.Next(Expressions.Length)]));
                break;
            case 9:
                if (root is JsonObject o)
                {
                    o["variables"] = new JsonObject
                    {
                        ["a"] = "[variables('b')]",
                        ["b"] = "[concat(variables('a'), variables('a'))]",
                        ["self"] = "[variables('self')]",
                    };
                    Replace(root, target, JsonValue.Create(random.Next(2) == 0 ? "[variables('a')]" : "[variables('self')]"));
                }

                break;
            case 13 or 14:
                if (root is JsonObject doubling)
                {
                    // Values that double in every variable, handed to an 800-iteration copy loop: over the work budget.
                    var variables = new JsonObject { ["v0"] = kind == 13 ? new JsonArray(target.DeepClone()) : JsonValue.Create("0123456789abcdef") };
                    var doublings = 10 + random.Next(14);
                    for (var i = 1; i <= doublings; i++)
                    {
                        variables["v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                            $"[concat(variables('v{i - 1}'), variables('v{i - 1}'))]";
                    }

                    doubling["variables"] = variables;
                    Replace(root, target, JsonValue.Create($"[variables('v{doublings}')]"));
                    foreach (var n in nodes)
                    {
                        if (n is JsonObject withType && withType.ContainsKey("type") && withType.Parent is JsonArray)
                        {
                            withType["copy"] = new JsonObject { ["name"] = "loop", ["count"] = 800 };
                            break;
                        }
                    }
                }

                break;
            case 10:
                foreach (var n in nodes)
                {
                    if (n is JsonObject obj && obj.ContainsKey("type"))
                    {
                        obj["copy"] = new JsonObject { ["name"] = "loop", ["count"] = random.Next(2) == 0 ? 1_000_000 : -5 };
                        break;
                    }
                }

                break;
            default:
                if (target.Parent is JsonObject parent)
                {
                    parent.Remove(target.GetPropertyName());
                }
                else if (target.Parent is JsonArray array)
                {
                    array.Remove(target);
                }

                break;
        }

        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
        }
    }

    private static void Replace(JsonNode root, JsonNode target, JsonNode? value)
    {
        if (ReferenceEquals(root, target))
        {
            return;
        }

        switch (target.Parent)
        {
            case JsonObject o:
                o[target.GetPropertyName()] = value;
                break;
            case JsonArray a:
                a[a.IndexOf(target)] = value;
                break;
        }
    }
}
