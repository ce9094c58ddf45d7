using System.Collections.Immutable;
using ManagedServices.Tests.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace ManagedServices.Tests.Docs;

/// <summary>
/// Every <c>```csharp</c> block in docs/*.md is compiled and run against the library, so examples in the docs stay
/// true to the code. Fragments that are not meant to run use <c>```cs</c> (not compiled) instead.
/// </summary>
public class DocumentationExamplesTests
{
    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            var count = ExtractBlocks(File.ReadAllText(file)).Count;
            for (var i = 0; i < count; i++)
            {
                data.Add(Path.GetFileName(file), i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task CSharpBlock_CompilesAndRuns(string file, int index)
    {
        var code = ExtractBlocks(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", file)))[index];
        var options = ScriptOptions.Default
            .WithReferences(typeof(ResourceScope).Assembly, typeof(ImmutableArray).Assembly, typeof(Console).Assembly, typeof(Enumerable).Assembly)
            .WithImports("System", "System.Linq", "System.Collections.Generic", "System.Collections.Immutable", "System.Threading.Tasks")
            .WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Preview);
        var script = CSharpScript.Create(code, options);
        var errors = script.Compile().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{file} block {index} does not compile:\n" + string.Join("\n", errors) + "\n---\n" + code);
        await script.RunAsync();
    }

    internal static List<string> ExtractBlocks(string markdown)
    {
        var blocks = new List<string>();
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() != "```csharp")
            {
                continue;
            }

            var body = new List<string>();
            for (i++; i < lines.Length && lines[i].TrimEnd() != "```"; i++)
            {
                body.Add(lines[i]);
            }

            blocks.Add(string.Join('\n', body));
        }

        return blocks;
    }
}
