using System.Text.Json;
using ManagedServices.Tests.Reporting;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Cli;

/// <summary>
/// <c>report</c> and <c>diff --format markdown</c> driven as a real process on Microsoft's sample templates (the
/// placeholders filled in), each format checked by the real tools where they are installed.
/// </summary>
public sealed class ReportCliTests : IDisposable
{
    private const string Sub = "ed40e6c1-4292-4dd6-88f1-89e0da98d68b";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ms-report-tests-" + Guid.NewGuid().ToString("N"));

    public ReportCliTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> CorpusTemplates() => new()
    {
        { "delegated-resource-management/subscription/subscription.json", "delegated-resource-management/subscription/subscription.parameters.json" },
        { "delegated-resource-management/rg/rg.json", "delegated-resource-management/rg/rg.parameters.json" },
        { "delegated-resource-management-eligible-authorizations/subscription/subscription.json", "delegated-resource-management-eligible-authorizations/subscription/subscription.parameters.json" },
        { "delegated-resource-management-eligible-authorizations/rg/multiple-rg-managing-tenant-approvers.json", "delegated-resource-management-eligible-authorizations/rg/multiple-rg-managing-tenant-approvers.parameters.json" },
    };

    [TemplatesSharedTheory]
    [MemberData(nameof(CorpusTemplates))]
    public async Task Report_OnTheCorpusTemplates_EveryFormat(string template, string parameters)
    {
        var (t, p) = Fill(template, parameters);

        var markdown = await Report(t, p, "markdown");
        var mermaid = await Report(t, p, "mermaid");
        var dot = await Report(t, p, "dot");
        var json = await Report(t, p, "json");

        Assert.StartsWith("# Delegated access report\n", markdown, StringComparison.Ordinal);
        Assert.Contains("```mermaid\n" + mermaid + "```\n", markdown, StringComparison.Ordinal);
        Assert.Contains("## Who can remove a delegation", markdown, StringComparison.Ordinal);
        Assert.True(ReportTools.IsInFlowchartSubset(mermaid, out var bad), bad);
        using var doc = JsonDocument.Parse(json);
        Assert.NotEmpty(doc.RootElement.GetProperty("authorizations").EnumerateArray());
        if (ReportTools.HasDot)
        {
            var (code, error, _) = ReportTools.RenderDot(dot);
            Assert.True(code == 0 && error.Length == 0, error);
        }

        if (ReportTools.HasMermaid)
        {
            Assert.Null(ReportTools.ParseMermaid([mermaid])[0]);
        }
    }

    [TemplatesSharedFact]
    public async Task Report_EligibleSample_ShowsThePolicyAndTheDeleteRole()
    {
        var (t, p) = Fill("delegated-resource-management-eligible-authorizations/subscription/subscription.json", "delegated-resource-management-eligible-authorizations/subscription/subscription.parameters.json");

        var markdown = await Report(t, p, "markdown");

        Assert.Contains("| `Relecloud Managed Services` | `PIM_Group` | principal | `5ca1ab1e-0000-4000-8000-000000000001` | `Resource Policy Contributor` | eligible | MFA, at most PT8H, no approval |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `PIM_Group` | `5ca1ab1e-0000-4000-8000-000000000001` | permanently | `Managed Services Registration assignment Delete Role` from `Relecloud Managed Services`", markdown, StringComparison.Ordinal);
    }

    [TemplatesSharedFact]
    public void Report_Output_WritesTheFile()
    {
        var (t, p) = Fill("delegated-resource-management/subscription/subscription.json", "delegated-resource-management/subscription/subscription.parameters.json");
        var file = Path.Combine(_dir, "out", "access.dot");

        var result = CliRunner.Run("report", "--template", t, "--parameters", p, "--subscription", Sub, "--format", "dot", "--output", file);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("", result.Out);
        Assert.StartsWith("digraph \"access\" {", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [TemplatesSharedFact]
    public async Task Report_SampleDeployedInTheManagingTenant_MarksEveryAuthorizationRefused()
    {
        // The customer tenant given is the sample's managing tenant: Azure refuses such a delegation; it gives no access.
        var (t, p) = Fill("delegated-resource-management/subscription/subscription.json", "delegated-resource-management/subscription/subscription.parameters.json");
        const string managing = "11111111-2222-4333-8444-555555555555";

        var json = await CliRunner.RunProcessAsync(null, "report", "--template", t, "--parameters", p, "--subscription", Sub, "--customer-tenant", managing, "--format", "json");
        var markdown = CliRunner.Run("report", "--template", t, "--parameters", p, "--subscription", Sub, "--customer-tenant", managing);
        var mermaid = CliRunner.Run("report", "--template", t, "--parameters", p, "--subscription", Sub, "--customer-tenant", managing, "--format", "mermaid");

        Assert.True(json.ExitCode == 0, json.Error);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal("the customer tenant is the managing tenant", doc.RootElement.GetProperty("offers")[0].GetProperty("ignoredBecause").GetString());
        var authorizations = doc.RootElement.GetProperty("authorizations").EnumerateArray().ToList();
        Assert.NotEmpty(authorizations);
        Assert.All(authorizations, static a => Assert.Equal("NoDelegationCoversScope", a.GetProperty("refusedBecause").GetString()));
        Assert.Empty(doc.RootElement.GetProperty("canRemoveDelegation").EnumerateArray());
        Assert.Contains($"**{authorizations.Count} of these authorization(s) give no access**", markdown.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(" --> ", mermaid.Out, StringComparison.Ordinal); // no edge claims access
        Assert.True(ReportTools.IsInFlowchartSubset(mermaid.Out, out var bad), bad);
        if (ReportTools.HasMermaid)
        {
            Assert.Null(ReportTools.ParseMermaid([mermaid.Out])[0]);
        }
    }

    [TemplatesSharedFact]
    public async Task Report_SampleWithItsPlaceholderPrincipals_MarksThemRefused()
    {
        // Microsoft's sample as published: every principalId is the empty GUID, which names no one.
        var (t, p) = Fill("delegated-resource-management-eligible-authorizations/subscription/subscription.json", "delegated-resource-management-eligible-authorizations/subscription/subscription.parameters.json", fillPrincipals: false);

        var markdown = CliRunner.Run("report", "--template", t, "--parameters", p, "--subscription", Sub);
        var dot = await CliRunner.RunProcessAsync(null, "report", "--template", t, "--parameters", p, "--subscription", Sub, "--format", "dot");

        Assert.True(markdown.ExitCode == 0, markdown.Error);
        Assert.Contains("| `Relecloud Managed Services` | `PIM_Group` | principal | `00000000-0000-0000-0000-000000000000` | `Resource Policy Contributor` | eligible<br>**refused**: the empty principal ID names no one (`PrincipalNotAuthorized`) |", markdown.Out, StringComparison.Ordinal);
        Assert.Contains("No principal of a managing tenant can remove these delegations: only the customer can.", markdown.Out, StringComparison.Ordinal);
        Assert.Contains("arrowhead=tee, label=\"refused: the empty principal ID names no one\"", dot.Out, StringComparison.Ordinal);
        AccessReportTests.AssertMarkdownWellFormedTables(markdown.Out);
        if (ReportTools.HasDot)
        {
            var (code, error, _) = ReportTools.RenderDot(dot.Out);
            Assert.True(code == 0 && error.Length == 0, error);
        }
    }

    [Fact]
    public void Report_UnknownFormat_IsAUsageError()
    {
        var result = CliRunner.Run("report", "--template", "t.json", "--subscription", Sub, "--format", "svg");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Report_MissingTemplate_IsInvalidInput()
    {
        var result = CliRunner.Run("report", "--template", Path.Combine(_dir, "missing.json"), "--subscription", Sub);

        Assert.Equal(1, result.ExitCode);
    }

    [TemplatesSharedFact]
    public async Task Diff_Markdown_OnTwoVersionsOfACorpusTemplate_FlagsTheWideningWithExamples()
    {
        var (t, p) = Fill("delegated-resource-management/subscription/subscription.json", "delegated-resource-management/subscription/subscription.parameters.json");
        var wider = Path.Combine(_dir, "wider.parameters.json");
        // The sample's Reader authorization becomes Contributor.
        File.WriteAllText(wider, File.ReadAllText(p).Replace("acdd72a7-3385-48ef-bd42-f606fba81ae7", "b24988ac-6180-42a0-ab88-20f7382dd24c", StringComparison.OrdinalIgnoreCase));

        var result = await CliRunner.RunProcessAsync(null, "diff", t, t, "--old-parameters", p, "--new-parameters", wider, "--format", "markdown", "--fail-on-widening");

        Assert.True(result.ExitCode == 1, result.Error);
        Assert.StartsWith("# Access changes\n\n**This change widens the managing tenant's access.**", result.Out, StringComparison.Ordinal);
        Assert.Contains("## What the widened roles newly grant", result.Out, StringComparison.Ordinal);
        Assert.Contains("`Contributor` | permanent |", result.Out, StringComparison.Ordinal);
        AccessReportTests.AssertMarkdownWellFormedTables(result.Out);
    }

    [Fact]
    public void Diff_Markdown_OnOfferDocuments()
    {
        using var f = new CliFixture();
        var newer = f.Write("newer.json", ManagedServices.Serialization.OfferDocument.Write(CliFixture.CreateOffer("1.1.0", BuiltInRoleIds.Owner)));

        var result = CliRunner.Run("diff", f.OfferPath, newer, "--format", "markdown");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Manifest version `1.0.0` → `1.1.0`.", result.Out, StringComparison.Ordinal);
    }

    private static async Task<string> Report(string template, string parameters, string format)
    {
        var result = await CliRunner.RunProcessAsync(null, "report", "--template", template, "--parameters", parameters, "--subscription", Sub, "--format", format);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Out;
    }

    /// <summary>Copies a sample with its placeholders filled in: the managing tenant and (unless told not to) the empty-GUID principals.</summary>
    private (string Template, string Parameters) Fill(string template, string parameters, bool fillPrincipals = true)
    {
        var root = TemplatesSharedData.Samples;
        var name = Guid.NewGuid().ToString("N");
        var t = Path.Combine(_dir, name + ".json");
        var p = Path.Combine(_dir, name + ".parameters.json");
        File.Copy(Path.Combine(root, template), t);
        var text = File.ReadAllText(Path.Combine(root, parameters));
        if (fillPrincipals)
        {
            text = text.Replace("00000000-0000-0000-0000-000000000000", "5ca1ab1e-0000-4000-8000-000000000001", StringComparison.Ordinal);
        }

        for (var start = text.IndexOf("\"<", StringComparison.Ordinal); start >= 0; start = text.IndexOf("\"<", start + 1, StringComparison.Ordinal))
        {
            var end = text.IndexOf(">\"", start, StringComparison.Ordinal);
            text = string.Concat(text.AsSpan(0, start), "\"11111111-2222-4333-8444-555555555555\"", text.AsSpan(end + 2));
        }

        File.WriteAllText(p, text);
        return (t, p);
    }
}
