using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Reporting;
using static ManagedServices.Tests.Reporting.ReportFixtures;

namespace ManagedServices.Tests.Reporting;

/// <summary>
/// The pictures checked by the real tools: Graphviz renders the dot output, Mermaid's own parser accepts the Mermaid
/// output, for the typical report, for every hostile name and for generated sets of delegations with arbitrary names.
/// </summary>
public class ReportRenderingTests
{
    [DotFact]
    public void Dot_RendersWithGraphviz_ForTheTypicalReportAndEveryHostileName()
    {
        foreach (var report in Reports())
        {
            var dot = report.ToDot();
            var (code, error, svg) = ReportTools.RenderDot(dot);

            Assert.True(code == 0 && error.Length == 0, $"dot failed ({code}): {error}\n{dot}");
            Assert.Contains("<svg", svg, StringComparison.Ordinal);
        }
    }

    [DotFact]
    public void Dot_HostileNamesAreLabelsNotStatements()
    {
        var report = AccessReport.Create(Typical("x\"]; \"evil\" [label=\"pwned", Principal.User(Alice.Id, "a\" -> \"b")));

        var (code, error, svg) = ReportTools.RenderDot(report.ToDot());

        Assert.True(code == 0, error);
        Assert.DoesNotContain("<title>evil</title>", svg, StringComparison.Ordinal); // no node named by the input
        Assert.DoesNotContain("<title>b</title>", svg, StringComparison.Ordinal);
        Assert.Contains("pwned", svg, StringComparison.Ordinal); // the text is there, as a label
    }

    [DotFact]
    public void Dot_RendersWithGraphviz_ForGeneratedDelegations()
    {
        foreach (var delegations in ReportArbitraries.Delegations().Sample(40, 7))
        {
            var dot = AccessReport.Create(DelegationSnapshot.Create(delegations)).ToDot();
            var (code, error, _) = ReportTools.RenderDot(dot);
            Assert.True(code == 0 && error.Length == 0, $"dot failed ({code}): {error}\n{dot}");
        }
    }

    [MermaidFact]
    public void Mermaid_ParsesWithMermaid_ForTheTypicalReportHostileNamesAndGeneratedDelegations()
    {
        var diagrams = Reports()
            .Concat(ReportArbitraries.Delegations().Sample(40, 7).Select(static d => AccessReport.Create(DelegationSnapshot.Create(d))))
            .Select(static r => r.ToMermaid())
            .ToList();

        var results = ReportTools.ParseMermaid(diagrams);

        var failures = diagrams.Zip(results).Where(static x => x.Second is not null).Select(static x => x.Second + "\n" + x.First).ToList();
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [MermaidFact]
    public void Mermaid_TheCheckerRejectsABrokenDiagram()
    {
        // The check can fail: an unescaped quote in a label is a parse error for Mermaid.
        var results = ReportTools.ParseMermaid(["flowchart LR\n  P1[\"a\"b\"] --> R1\n", "flowchart LR\n  P1[\"ok\"] --> R1\n"]);

        Assert.NotNull(results[0]);
        Assert.Null(results[1]);
    }

    private static IEnumerable<AccessReport> Reports() =>
        HostileNames.Select(static n => AccessReport.Create(Typical(n, Principal.User(Alice.Id, n)))).Prepend(AccessReport.Create(Typical()));
}
