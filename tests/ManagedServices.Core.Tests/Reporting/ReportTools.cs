using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Reporting;

/// <summary>
/// The real renderers the report's pictures are checked against: Graphviz's <c>dot</c> (Debian's <c>graphviz</c>
/// package; <c>.ci/run</c> installs it) and Mermaid's own parser (<c>mermaid.parse</c> from the <c>mermaid</c> npm package,
/// run headless under node by <c>tests/mermaid-check/check.mjs</c>; <c>.ci/run</c> runs <c>npm ci</c> there).
/// </summary>
public static class ReportTools
{
    private static readonly Lazy<string?> DotPath = new(() => FindOnPath("dot"));
    private static readonly Lazy<string?> NodePath = new(() => FindOnPath("node"));

    /// <summary>The folder of the Mermaid checker.</summary>
    public static string MermaidCheckDirectory => Path.Combine(RepoPaths.Root, "tests", "mermaid-check");

    public static bool HasDot => DotPath.Value is not null;

    public static bool HasMermaid =>
        NodePath.Value is not null && Directory.Exists(Path.Combine(MermaidCheckDirectory, "node_modules", "mermaid")) &&
        Directory.Exists(Path.Combine(MermaidCheckDirectory, "node_modules", "jsdom"));

    public const string DotSkip = "Graphviz 'dot' is not installed (apt-get install -y graphviz; .ci/run installs it): the dot output is not rendered.";

    public const string MermaidSkip = "Mermaid's parser is not installed (node and 'npm ci' in tests/mermaid-check; .ci/run does both): the Mermaid output is not parsed by Mermaid.";

    /// <summary>Renders dot text to SVG with the real Graphviz; returns the exit code and standard error.</summary>
    public static (int ExitCode, string Error, string Svg) RenderDot(string dot)
    {
        var (code, output, error) = Run(DotPath.Value!, ["-Tsvg"], dot, null);
        return (code, error, output);
    }

    /// <summary>Parses each diagram with Mermaid's own parser; one result per diagram: null when it parses, else the error.</summary>
    public static IReadOnlyList<string?> ParseMermaid(IReadOnlyList<string> diagrams)
    {
        var (code, output, error) = Run(NodePath.Value!, [Path.Combine(MermaidCheckDirectory, "check.mjs")], JsonSerializer.Serialize(diagrams), MermaidCheckDirectory);
        Assert.True(code == 0, "the Mermaid checker failed: " + error);
        using var doc = JsonDocument.Parse(output);
        var results = doc.RootElement.EnumerateArray()
            .Select(static r => r.GetProperty("ok").GetBoolean() && r.GetProperty("type").GetString() == "flowchart-v2" ? null
                : r.TryGetProperty("error", out var e) ? e.GetString() : "not a flowchart: " + r.GetProperty("type").GetString())
            .ToList();
        Assert.Equal(diagrams.Count, results.Count);
        return results;
    }

    /// <summary>
    /// The subset of Mermaid's flowchart grammar the report writes, from Mermaid's flowchart documentation: the
    /// <c>flowchart LR</c> header, <c>subgraph id["title"]</c> … <c>end</c>, nodes <c>id["label"]</c>, edges
    /// <c>a --&gt; b</c>, dotted edges with text <c>a -.-&gt;|"text"| b</c>, dotted crossed edges with text
    /// <c>a -.-x|"text"| b</c> and <c>linkStyle 1,2 stroke:grey,color:grey</c>; IDs are ASCII letters and digits; inside a
    /// quoted string no <c>"</c>, no backtick (markdown strings), no <c>%</c> (directives), no <c>{ } [ ] | &lt; &gt;</c> except
    /// the <c>&lt;br/&gt;</c> line break, and <c>#</c> only as an entity code <c>#123;</c>. Used for properties over
    /// arbitrary names, where starting node for every case would be slow; the real parser checks the same writer on
    /// fixed hostile names and on a sample of generated ones.
    /// </summary>
    public static bool IsInFlowchartSubset(string mermaid, out string? badLine)
    {
        const string label = "\"(?:[^\"`%{}\\[\\]|<>#\\r\\n]|#[0-9]+;|<br/>)*\"";
        var line = new Regex(
            "\\A(?:flowchart LR|  subgraph [A-Z][0-9]+\\[" + label + "\\]|    [A-Z][0-9]+\\[" + label + "\\]|  end|  [A-Z][0-9]+ --> [A-Z][0-9]+|  [A-Z][0-9]+ -\\.->\\|" + label + "\\| [A-Z][0-9]+" +
            "|  [A-Z][0-9]+ -\\.-x\\|" + label + "\\| [A-Z][0-9]+|  linkStyle [0-9]+(?:,[0-9]+)* stroke:grey,color:grey)\\z",
            RegexOptions.CultureInvariant);
        var lines = mermaid.Split('\n');
        badLine = null;
        if (lines[0] != "flowchart LR" || lines[^1] != "")
        {
            badLine = lines[0];
            return false;
        }

        var depth = 0;
        foreach (var l in lines[..^1])
        {
            if (!line.IsMatch(l))
            {
                badLine = l;
                return false;
            }

            depth += l.StartsWith("  subgraph ", StringComparison.Ordinal) ? 1 : l == "  end" ? -1 : 0;
            if (depth is < 0 or > 1)
            {
                badLine = l;
                return false;
            }
        }

        return depth == 0;
    }

    private static (int Code, string Output, string Error) Run(string file, string[] args, string stdin, string? workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(file + " did not finish");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact skipped, with a message, when Graphviz's <c>dot</c> is not installed.</summary>
public sealed class DotFactAttribute : FactAttribute
{
    public DotFactAttribute()
    {
        if (!ReportTools.HasDot)
        {
            Skip = ReportTools.DotSkip;
        }
    }
}

/// <summary>A fact skipped, with a message, when Mermaid's parser cannot run here.</summary>
public sealed class MermaidFactAttribute : FactAttribute
{
    public MermaidFactAttribute()
    {
        if (!ReportTools.HasMermaid)
        {
            Skip = ReportTools.MermaidSkip;
        }
    }
}
