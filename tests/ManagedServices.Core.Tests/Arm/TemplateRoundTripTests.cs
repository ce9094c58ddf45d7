using System.Text.Json.Nodes;
using FsCheck.Xunit;
using ManagedServices.Arm;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Arm;

public class TemplateRoundTripTests
{
    [Property(Arbitrary = [typeof(TemplatesArbitraries)], MaxTest = 150)]
    public void WriteThenRead_AnyValidDefinition_GivesEqualDefinitionAndTarget(TemplateCase c)
    {
        var files = OnboardingTemplate.Write(c.Definition, c.Target).GetValueOrThrow();
        var result = OnboardingTemplate.Read(files.Template, files.Parameters);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var content = result.Value!;
        Assert.Equal(c.Definition, content.Definition);
        Assert.Equal(c.Target, content.Target);
        Assert.Equal(files.ApiVersion, content.ApiVersion);
        Assert.DoesNotContain(result.Diagnostics, static d => d.Severity != DiagnosticSeverity.Info);

        var expectedIds = c.Target.Kind == OnboardingTargetKind.ResourceGroups && c.Target.DefinitionPerResourceGroup
            ? c.Target.ResourceGroupNames.Select(rg => ArmGuid.Create(c.Definition.Name, rg))
            : [ArmGuid.Create(c.Definition.Name)];
        Assert.Equal(expectedIds, content.RegistrationDefinitions.Select(static d => d.Id));
    }

    [Property(Arbitrary = [typeof(TemplatesArbitraries)], MaxTest = 100)]
    public void Read_RandomStructuralMutations_NeverThrows(MutationCase m)
    {
        var files = OnboardingTemplate.Write(m.Case.Definition, m.Case.Target).GetValueOrThrow();
        var random = new Random(m.Seed);
        var template = TemplateMutator.MutateStructure(files.Template, random);
        var parameters = TemplateMutator.MutateStructure(files.Parameters, random);
        Assert.NotNull(OnboardingTemplate.Read(template, parameters));
        Assert.NotNull(OnboardingTemplate.Read(TemplateMutator.MutateText(files.Template, random), TemplateMutator.MutateText(files.Parameters, random)));
    }

    [TemplatesSharedFact]
    public void Read_RandomMutationsOfCorpus_NeverThrow()
    {
        var files = Directory.EnumerateFiles(TemplatesSharedData.Samples, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var pairs = files.Where(static f => !f.EndsWith(".parameters.json", StringComparison.Ordinal))
            .Select(t => (Template: File.ReadAllText(t), Parameters: files.FirstOrDefault(p => p.EndsWith(".parameters.json", StringComparison.Ordinal) &&
                string.Equals(Path.GetDirectoryName(p), Path.GetDirectoryName(t), StringComparison.Ordinal)) is { } p ? File.ReadAllText(p) : null))
            .ToList();
        var random = new Random(20261126);
        for (var round = 0; round < 40; round++)
        {
            foreach (var (template, parameters) in pairs)
            {
                Assert.NotNull(OnboardingTemplate.Read(TemplateMutator.MutateStructure(template, random), parameters is null ? null : TemplateMutator.MutateStructure(parameters, random)));
                Assert.NotNull(OnboardingTemplate.Read(TemplateMutator.MutateText(template, random), parameters));
            }
        }
    }
}

/// <summary>Random damage to JSON documents, structural (valid JSON, wrong content) or textual (anything).</summary>
internal static class TemplateMutator
{
    private static readonly string[] Expressions =
    [
        "[concat(", "[parameters('nope')]", "[variables('x')]", "[guid()]", "[json('{')]", "[if(1, 2, 3)]", "[copyIndex()]",
        "[reference('x').outputs]", "[parameters('resourceGroups')[99].rgName]", "[length(1)]", "[resourceId('a', 'b')]",
        "[subscription().tenantId]", "[[escaped]", "[concat(parameters('authorizations'), 'x')]", "[json('null')]",
        "[" + string.Concat(Enumerable.Repeat("concat(", 40)) + "'x'" + new string(')', 40) + "]",
    ];

    private const string Noise = "{}[]\",:'\\\u0000x1\n";

    public static string MutateStructure(string json, Random random)
    {
        var root = JsonNode.Parse(json)!;
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            var target = nodes[random.Next(nodes.Count)];
            var replacement = RandomValue(random);
            switch (target.Parent)
            {
                case JsonObject parent:
                    parent[target.GetPropertyName()] = replacement;
                    break;
                case JsonArray array:
                    var index = target.GetElementIndex();
                    if (random.Next(3) == 0)
                    {
                        array.RemoveAt(index);
                    }
                    else
                    {
                        array[index] = replacement;
                    }

                    break;
            }
        }

        return root.ToJsonString();
    }

    public static string MutateText(string text, Random random)
    {
        var chars = text.ToList();
        var count = random.Next(1, 5);
        for (var i = 0; i < count && chars.Count > 0; i++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0:
                    chars.RemoveRange(at, Math.Min(random.Next(1, 20), chars.Count - at));
                    break;
                case 1:
                    chars.Insert(at, Noise[random.Next(Noise.Length)]);
                    break;
                case 2:
                    chars.InsertRange(at, chars.Skip(random.Next(chars.Count)).Take(random.Next(1, 40)).ToList());
                    break;
                default:
                    chars[at] = (char)random.Next(32, 127);
                    break;
            }
        }

        return new string([.. chars]);
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        if (node.Parent is not null)
        {
            nodes.Add(node);
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var p in obj)
                {
                    if (p.Value is not null)
                    {
                        Collect(p.Value, nodes);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Collect(item, nodes);
                    }
                }

                break;
        }
    }

    private static JsonNode? RandomValue(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(-5, 1000)),
        2 => JsonValue.Create(random.Next(2) == 0),
        3 => new JsonArray(),
        4 => new JsonObject(),
        5 => JsonValue.Create("not-a-guid"),
        6 => new JsonObject { ["count"] = 801, ["name"] = "loop" },
        7 => JsonValue.Create(Guid.NewGuid().ToString()),
        _ => JsonValue.Create(Expressions[random.Next(Expressions.Length)]),
    };
}
