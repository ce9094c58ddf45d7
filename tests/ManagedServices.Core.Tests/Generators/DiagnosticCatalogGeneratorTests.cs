using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Generators;
using RoslynDiagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace ManagedServices.Tests.Generators;

/// <summary>
/// The diagnostics catalogue is one data file (src/ManagedServices.Core/Diagnostics/DiagnosticCatalog.txt) from which
/// <see cref="DiagnosticCatalogGenerator"/> writes <see cref="DiagnosticCodes"/>, the catalogue's severities and the
/// rules. A faulty file must fail the build at its line and generate nothing (fail closed).
/// </summary>
public class DiagnosticCatalogGeneratorTests
{
    private const string Group = "group Input\nsummary: Codes of a test.\n\n";

    private static (IReadOnlyList<(string HintName, string Text)> Sources, IReadOnlyList<RoslynDiagnostic> Diagnostics) Run(string catalogue)
    {
        var (sources, diagnostics) = GeneratorRun.Run(new DiagnosticCatalogGenerator(), [], ("/x/Diagnostics/DiagnosticCatalog.txt", catalogue));
        return (sources, diagnostics);
    }

    private static string Entry(string code = "MSC0001", string name = "First", string severity = "Error", string summary = "A first fault.") =>
        $"{code} {name} {severity}\nsummary: {summary}\ntitle: A first fault.\nhelp: Fix it.\n\n";

    [Fact]
    public void TheRealCatalogue_GeneratesEveryCodeOnce_WithoutDiagnostics()
    {
        var (sources, diagnostics) = GeneratorRun.Run(new DiagnosticCatalogGenerator(), [], GeneratorRun.Catalogue());

        Assert.Empty(diagnostics);
        var constants = sources.Where(s => s.HintName.StartsWith("DiagnosticCodes.", StringComparison.Ordinal))
            .SelectMany(s => s.Text.Split('\n'))
            .Count(l => l.TrimStart().StartsWith("public const string ", StringComparison.Ordinal));
        Assert.Equal(typeof(DiagnosticCodes).GetFields().Length, constants);
        Assert.Equal(DiagnosticRules.All.Length, constants);
        Assert.Contains(sources, s => s.HintName == "DiagnosticCatalog.g.cs");
        Assert.Contains(sources, s => s.HintName == "DiagnosticRules.g.cs");
    }

    [Fact]
    public void AValidEntry_BecomesAConstant_ASeverity_AndARule()
    {
        var (sources, diagnostics) = Run(Group + Entry() + Entry("MSC0002", "Second", "Warning", "A second\n  fault <c>x</c>.") +
                                         "retired MSC0003\nwhy: Was once.\n\nexception MSC0002 Error Somewhere.cs\nwhy: Because.\n");

        Assert.Empty(diagnostics);
        var codes = Assert.Single(sources, s => s.HintName == "DiagnosticCodes.Input.g.cs").Text;
        Assert.Contains("/// <summary>Codes of a test.</summary>", codes, StringComparison.Ordinal);
        Assert.Contains("    /// <summary>A first fault.</summary>\n    public const string First = \"MSC0001\";", codes, StringComparison.Ordinal);
        Assert.Contains("    /// <summary>\n    /// A second\n    /// fault <c>x</c>.\n    /// </summary>\n    public const string Second = \"MSC0002\";", codes, StringComparison.Ordinal);
        var catalogue = Assert.Single(sources, s => s.HintName == "DiagnosticCatalog.g.cs").Text;
        Assert.Contains("[DiagnosticCodes.First] = DiagnosticSeverity.Error,", catalogue, StringComparison.Ordinal);
        Assert.Contains("[DiagnosticCodes.Second] = DiagnosticSeverity.Warning,", catalogue, StringComparison.Ordinal);
        Assert.Contains("\"MSC0003\", // Was once.", catalogue, StringComparison.Ordinal);
        Assert.Contains("new(DiagnosticCodes.Second, DiagnosticSeverity.Error, \"Somewhere.cs\",", catalogue, StringComparison.Ordinal);
        var rules = Assert.Single(sources, s => s.HintName == "DiagnosticRules.g.cs").Text;
        Assert.Contains("new(DiagnosticCodes.Second, nameof(DiagnosticCodes.Second),", rules, StringComparison.Ordinal);
        Assert.Contains("DefaultSeverity: DiagnosticSeverity.Warning),", rules, StringComparison.Ordinal);
    }

    [Fact]
    public void TitleAndHelp_AreEscapedAsCSharpStrings()
    {
        var (sources, diagnostics) = Run(Group + "MSC0001 First Error\nsummary: S.\ntitle: Say \"hi\" \\ there.\nhelp: Write {\"a\": [1]}\n  and more.\n");

        Assert.Empty(diagnostics);
        var rules = Assert.Single(sources, s => s.HintName == "DiagnosticRules.g.cs").Text;
        Assert.Contains("Title: \"Say \\\"hi\\\" \\\\ there.\",", rules, StringComparison.Ordinal);
        Assert.Contains("Help: \"Write {\\\"a\\\": [1]} and more.\",", rules, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, int> Faulty() => new()
    {
        // catalogue, the diagnostic expected, its line (0-based: the line of the group is 0)
        { Group + Entry() + Entry(name: "Other"), "MSGEN002", 8 },
        { Group + Entry() + Entry(code: "MSC0002"), "MSGEN003", 8 },
        { Group + Entry() + "retired MSC0001\nwhy: Gone.\n", "MSGEN004", 3 },
        { Group + Entry(severity: "Critical"), "MSGEN005", 3 },
        { Group + Entry(severity: "error"), "MSGEN005", 3 },
        { Group + Entry(summary: "Warning: a first fault."), "MSGEN001", 4 },
        { Group + "MSC0001 First Error\nsummary: S.\ntitle: T.\n", "MSGEN001", 3 },
        { Group + "MSC0001 First Error\nsummary: S.\ntitle: T.\nhelp: H.\nnote: N.\n", "MSGEN001", 3 },
        { Group + "MSC0001 First Error\nsummary: S.\nsummary: T.\ntitle: T.\nhelp: H.\n", "MSGEN001", 5 },
        { Group + "MSC0001 First Error\nsummary S.\ntitle: T.\nhelp: H.\n", "MSGEN001", 4 },
        { Group + "MSC001 First Error\nsummary: S.\ntitle: T.\nhelp: H.\n", "MSGEN001", 3 },
        { Group + "MSC0001 first Error\nsummary: S.\ntitle: T.\nhelp: H.\n", "MSGEN001", 3 },
        { Group + "MSC0001 First\nsummary: S.\ntitle: T.\nhelp: H.\n", "MSGEN001", 3 },
        { Entry(), "MSGEN001", 0 },
        { Group + Entry() + "exception MSC0009 Warning X.cs\nwhy: W.\n", "MSGEN001", 8 },
        { Group + Entry() + "exception MSC0001 Error X.cs\nwhy: W.\n", "MSGEN001", 8 },
        { Group + Entry() + "exception MSC0001 Loud X.cs\nwhy: W.\n", "MSGEN005", 8 },
        { Group + Entry() + "retired MSC0002\nwhy: W.\n\nretired MSC0002\nwhy: W.\n", "MSGEN001", 11 },
        { Group + Entry() + "retire MSC0002\nwhy: W.\n", "MSGEN001", 8 },
        { Group + Entry() + "retired MSC0002 now\nwhy: W.\n", "MSGEN001", 8 },
        { Group + Entry() + "exception MSC0001 Warning\nwhy: W.\n", "MSGEN001", 8 },
        { Group + Entry() + "exception MSC0001 Warning X.txt\nwhy: W.\n", "MSGEN001", 8 },
        { Group + Entry() + "exceptions MSC0001 Warning X.cs\nwhy: W.\n", "MSGEN001", 8 },
        { Group + "MSC0001 First Error\nsummary: S.\ntitle: T.", "MSGEN001", 3 }, // the last block, with no newline after it
    };

    [Fact]
    public void AMissingOrUnknownField_IsNamedInTheMessage()
    {
        var (_, missing) = Run(Group + "MSC0001 First Error\nsummary: S.\ntitle: T.\nnote: N.\n");

        Assert.Equal("'MSC0001' takes the fields summary, title, help; missing: help; unknown: note", Assert.Single(missing).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ASummaryOnlyStartingWithASeverityWord_IsNoContradiction()
    {
        var (sources, diagnostics) = Run(Group + Entry(summary: "Warnings of a first fault."));

        Assert.Empty(diagnostics);
        Assert.NotEmpty(sources);
    }

    [Theory]
    [MemberData(nameof(Faulty))]
    public void AFaultyCatalogue_IsAnErrorAtItsLine_AndGeneratesNothing(string catalogue, string id, int line)
    {
        var (sources, diagnostics) = Run(catalogue);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/x/Diagnostics/DiagnosticCatalog.txt", span.Path);
        Assert.Equal(line, span.StartLinePosition.Line);
        Assert.Empty(sources);
    }

    /// <summary>Blocks of the real catalogue: (first line, text) of each code block.</summary>
    private static List<(int Line, string Text)> CodeBlocks(string catalogue)
    {
        var lines = catalogue.Split('\n');
        var blocks = new List<(int, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("MSC", StringComparison.Ordinal))
            {
                var end = Array.FindIndex(lines, i, l => l.Length == 0);
                blocks.Add((i, string.Join("\n", lines[i..end])));
            }
        }

        return blocks;
    }

    [Property(MaxTest = 25)]
    public Property CopyingAnyCode_OfTheRealCatalogue_IsADuplicateAtTheCopy() =>
        Prop.ForAll(Gen.Choose(0, 1000).ToArbitrary(), pick =>
        {
            var (_, text) = GeneratorRun.Catalogue();
            var blocks = CodeBlocks(text);
            var block = blocks[pick % blocks.Count].Text;
            var copyLine = text.Split('\n').Length - 1 + 1; // appended after a blank line at the end
            var (sources, diagnostics) = Run(text + "\n" + block + "\n");

            return sources.Count == 0 && diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal).SequenceEqual(["MSGEN002", "MSGEN003"]) &&
                   diagnostics.All(d => d.Location.GetLineSpan().StartLinePosition.Line == copyLine);
        });

    [Property(MaxTest = 25)]
    public Property GivingAnyCode_OfTheRealCatalogue_ARetiredNumber_IsAnError() =>
        Prop.ForAll(Gen.Choose(0, 1000).ToArbitrary(), pick =>
        {
            var (_, text) = GeneratorRun.Catalogue();
            var (line, block) = CodeBlocks(text)[pick % CodeBlocks(text).Count];
            var reused = text.Replace(block, "MSC3005" + block[7..], StringComparison.Ordinal);
            var (sources, diagnostics) = Run(reused);

            return sources.Count == 0 && diagnostics.Any(d => d.Id == "MSGEN004" && d.Location.GetLineSpan().StartLinePosition.Line == line);
        });
}
