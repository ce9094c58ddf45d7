using System.Collections.Immutable;
using ManagedServices.Tests.TestSupport;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace ManagedServices.Tests.Ship;

/// <summary>
/// The dotnet-script examples (docs/examples/csx/*.csx). dotnet-script is not available from the package registry
/// here, so each script body runs through Microsoft.CodeAnalysis.CSharp.Scripting, the engine dotnet-script is built
/// on, with the built ManagedServices.Core assembly referenced in place of the <c>#r "nuget: ..."</c> line. Like
/// dotnet-script, a script's returned int is its exit code: 0 means every check in it held.
/// </summary>
public class CsxScriptTests
{
    private static string CsxFolder => Path.Combine(RepoPaths.Root, "docs", "examples", "csx");

    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CsxFolder, "*.csx").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Script_RunsThroughTheScriptingEngine_ReturnsZero(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(CsxFolder, file));
        Assert.StartsWith("#r \"nuget: ManagedServices.Core, ", lines[0], StringComparison.Ordinal);

        // Keep the line count so compiler messages point at the right line of the file.
        var body = string.Join('\n', lines.Select(static l => l.StartsWith("#r ", StringComparison.Ordinal) ? "" : l));
        var options = ScriptOptions.Default
            .WithReferences(typeof(ResourceScope).Assembly, typeof(ImmutableArray).Assembly, typeof(Console).Assembly, typeof(Enumerable).Assembly)
            .WithImports()
            .WithFilePath(Path.Combine(CsxFolder, file))
            .WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Preview);
        var script = CSharpScript.Create<int>(body, options);
        var errors = script.Compile().Where(static d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{file} does not compile:\n" + string.Join("\n", errors));

        var state = await script.RunAsync();

        Assert.True(state.ReturnValue == 0, $"{file} returned {state.ReturnValue}");
    }
}
