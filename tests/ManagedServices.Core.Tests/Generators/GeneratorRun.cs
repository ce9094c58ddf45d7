using System.Collections.Immutable;
using ManagedServices.Generators;
using ManagedServices.Tests.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RoslynDiagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace ManagedServices.Tests.Generators;

/// <summary>Runs source generators of src/ManagedServices.Core.Generators in a test, as the compiler does while Core builds.</summary>
internal static class GeneratorRun
{
    /// <summary>The source files of src/ManagedServices.Core (the generators' real input).</summary>
    public static IEnumerable<(string Path, string Text)> CoreSources() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "ManagedServices.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(f)));

    /// <summary>The path of the diagnostics catalogue (src/ManagedServices.Core/Diagnostics/DiagnosticCatalog.txt).</summary>
    public static string CataloguePath => Path.Combine(RepoPaths.Root, "src", "ManagedServices.Core", "Diagnostics", DiagnosticCatalogGenerator.FileName);

    /// <summary>The diagnostics catalogue as an additional file.</summary>
    public static (string Path, string Text) Catalogue() => (CataloguePath, File.ReadAllText(CataloguePath));

    /// <summary>Runs <paramref name="generator"/> over the sources and additional files; returns what it added and reported.</summary>
    public static (ImmutableArray<(string HintName, string Text)> Sources, ImmutableArray<RoslynDiagnostic> Diagnostics) Run(
        IIncrementalGenerator generator, IEnumerable<(string Path, string Text)> sources, params (string Path, string Text)[] additionalFiles)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create(
            "GeneratorRun",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path)),
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            [.. additionalFiles.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text))],
            options);
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return ([.. result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString()))], result.Diagnostics);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
