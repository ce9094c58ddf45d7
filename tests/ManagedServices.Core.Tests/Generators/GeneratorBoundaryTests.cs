using System.Reflection;
using System.Xml.Linq;
using ManagedServices.Generators;
using ManagedServices.Tests.Architecture;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Generators;

/// <summary>
/// src/ManagedServices.Core.Generators is build-time only (docs/architecture.md): Core runs it as an analyzer and
/// never references it at run time, the package does not depend on it, it imports nothing of the library, and the code
/// it writes into a folder's types keeps that folder's layering rule (<see cref="LayeringTests.MayImport"/>).
/// </summary>
public class GeneratorBoundaryTests
{
    private static readonly string GeneratorsProject = Path.Combine(RepoPaths.Root, "src", "ManagedServices.Core.Generators", "ManagedServices.Core.Generators.csproj");

    [Fact]
    public void Core_ReferencesTheGenerators_AsAnAnalyzerOnly()
    {
        var core = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "ManagedServices.Core", "ManagedServices.Core.csproj"));

        var reference = Assert.Single(core.Descendants("ProjectReference"), r => ((string?)r.Attribute("Include"))?.Contains("ManagedServices.Core.Generators", StringComparison.Ordinal) == true);

        Assert.Equal("Analyzer", (string?)reference.Attribute("OutputItemType"));
        Assert.Equal("false", (string?)reference.Attribute("ReferenceOutputAssembly"));
        Assert.Equal("all", (string?)reference.Attribute("PrivateAssets"));
    }

    [Fact]
    public void CoreAssembly_DependsOnNeitherTheGeneratorsNorRoslyn_NorKeepsTheirAttributes()
    {
        var core = typeof(PrincipalId).Assembly;

        Assert.DoesNotContain(core.GetReferencedAssemblies(), a => a.Name!.StartsWith("ManagedServices.Core.Generators", StringComparison.Ordinal) || a.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(
            core.GetTypes().SelectMany(t => t.CustomAttributes),
            a => a.AttributeType.Name is "GuidIdentifierAttribute" or "ComparisonOperatorsAttribute");
        Assert.DoesNotContain(core.GetManifestResourceNames(), n => n.Contains("DiagnosticCatalog", StringComparison.Ordinal));
    }

    [Fact]
    public void Generators_ImportNothingOfTheLibrary()
    {
        var project = XDocument.Load(GeneratorsProject);

        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Equal("false", project.Descendants("IsPackable").Single().Value);
        Assert.DoesNotContain(typeof(GuidIdentifierGenerator).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("ManagedServices", StringComparison.Ordinal));
    }

    public static TheoryData<string> Generators() => [nameof(GuidIdentifierGenerator), nameof(ComparisonOperatorsGenerator), nameof(DiagnosticCatalogGenerator)];

    [Theory]
    [MemberData(nameof(Generators))]
    public void GeneratedCode_KeepsTheLayeringOfTheTypeItCompletes(string name)
    {
        var generator = (Microsoft.CodeAnalysis.IIncrementalGenerator)Activator.CreateInstance(typeof(GuidIdentifierGenerator).Assembly.GetType("ManagedServices.Generators." + name)!)!;
        var sources = GeneratorRun.CoreSources().ToList();
        var (generated, diagnostics) = GeneratorRun.Run(generator, sources, GeneratorRun.Catalogue());
        var owners = LayeringTests.TypeOwners();

        Assert.Empty(diagnostics);
        var completions = generated.Where(g => !g.HintName.EndsWith("Attribute.g.cs", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(completions);
        foreach (var (hint, text) in completions)
        {
            var type = hint.Split('.')[0];
            var folder = owners[type];
            var allowed = LayeringTests.MayImport[folder].Append(folder).ToHashSet(StringComparer.Ordinal);
            var offenders = LayeringTests.Imports(text, owners).Where(i => !allowed.Contains(i.Folder)).Select(i => $"{i.Folder} ({i.Through})").ToList();
            Assert.True(offenders.Count == 0, $"{hint}, completing {folder}/{type}, imports " + string.Join(", ", offenders));
        }
    }
}
