using System.Text.Json;
using ManagedServices.Tests.Analysis;

namespace ManagedServices.Tests.Cli;

/// <summary>
/// <c>advise</c> (issue 15): the JSON shape, text and markdown, <c>--output-template</c> whose template
/// <c>diff --fail-on-widening</c> accepts against today's, <c>--kql</c>, usage errors, and a run of the real process.
/// The fixture's Ops group holds Contributor and the Registration Assignment Delete Role, Support holds Reader.
/// </summary>
public sealed class AdviseCliTests : IDisposable
{
    private readonly CliFixture _f = new();
    private readonly string _template;
    private readonly string _parameters;

    public AdviseCliTests()
    {
        _template = _f.Template();
        _parameters = Path.Combine(_f.Directory, "template.parameters.json");
    }

    public void Dispose() => _f.Dispose();

    private string[] Advise(params string[] more) =>
        ["advise", "--activity", ActivityLogTests.Fixture("az-activity-log.json"), "--template", _template, "--parameters", _parameters,
            "--subscription", CliFixture.Subscription, "--memberships", ActivityLogTests.Fixture("memberships.json"), .. more];

    [Fact]
    public void Advise_Json_HasTheIssueShape()
    {
        var result = CliRunner.Run(Advise("--format", "json"));
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        var principals = doc.RootElement.GetProperty("principals");
        var ops = principals.EnumerateArray().Single(p => p.GetProperty("principalId").GetString() == CliFixture.Ops.Id.ToString());
        foreach (var name in new[] { "observedOperations", "currentRoles", "proposedRoles", "uncovered", "operationsRemoved", "wantedButDenied", "readAccess" })
        {
            Assert.True(ops.TryGetProperty(name, out _), name);
        }

        var proposed = ops.GetProperty("proposedRoles").EnumerateArray().ToList();
        Assert.NotEmpty(proposed);
        Assert.All(proposed, r =>
        {
            Assert.EndsWith("/resourceGroups/rg-app", r.GetProperty("scope").GetString(), StringComparison.Ordinal);
            Assert.True(r.TryGetProperty("roleDefinitionId", out _));
            Assert.True(r.TryGetProperty("roleName", out _));
        });
        Assert.Equal(3, ops.GetProperty("observedOperations").GetArrayLength());
        Assert.True(ops.GetProperty("operationsRemoved").GetInt32() > 0);
        Assert.True(doc.RootElement.GetProperty("templateProposed").GetBoolean());
    }

    [Fact]
    public void Advise_OutputTemplate_OnlyNarrows_DiffFailOnWideningExitsZero()
    {
        var proposed = Path.Combine(_f.Directory, "proposed.json");
        var result = CliRunner.Run(Advise("--output-template", proposed));
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.True(File.Exists(proposed));
        Assert.True(File.Exists(Path.Combine(_f.Directory, "proposed.parameters.json")));
        Assert.Contains("template proposed", result.Out, StringComparison.Ordinal);

        var diff = CliRunner.Run("diff", _template, proposed, "--old-parameters", _parameters, "--new-parameters", Path.Combine(_f.Directory, "proposed.parameters.json"), "--fail-on-widening");
        Assert.True(diff.ExitCode == 0, diff.Out + diff.Error);

        var validate = CliRunner.Run("validate", proposed, "--parameters", Path.Combine(_f.Directory, "proposed.parameters.json"), "--subscription", CliFixture.Subscription);
        Assert.True(validate.ExitCode == 0, validate.Out + validate.Error);
    }

    [Fact]
    public void Advise_TextAndMarkdown()
    {
        var text = CliRunner.Run(Advise());
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("principal 0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6 (MSP-L2-Ops)", text.Out, StringComparison.Ordinal);
        Assert.Contains("! wanted but denied: Microsoft.Network/virtualNetworks/write", text.Out, StringComparison.Ordinal);
        var markdown = CliRunner.Run(Advise("--format", "markdown"));
        Assert.StartsWith("## Least-privilege advice", markdown.Out, StringComparison.Ordinal);
        Assert.Contains("| MSP-L2-Ops |", markdown.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Advise_SinceAndPrincipal()
    {
        var result = CliRunner.Run(Advise("--since", "2026-11-04T00:00:00Z", "--principal", CliFixture.Ops.Id.ToString(), "--format", "json"));
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        var ops = Assert.Single(doc.RootElement.GetProperty("principals").EnumerateArray());
        Assert.Equal("Microsoft.Compute/virtualMachines/deallocate/action", Assert.Single(ops.GetProperty("observedOperations").EnumerateArray()).GetProperty("operation").GetString());
        Assert.False(doc.RootElement.GetProperty("templateProposed").GetBoolean()); // one principal: no template
    }

    [Fact]
    public void Advise_Kql_PrintsTheQuery()
    {
        var result = CliRunner.Run("advise", "--kql", "--since", "2026-09-01T00:00:00Z");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("AzureActivity", result.Out, StringComparison.Ordinal);
        Assert.Contains("datetime(2026-09-01T00:00:00Z)", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--since", "yesterday")]
    [InlineData("--principal", "not-a-guid")]
    public void Advise_UsageErrors_ExitTwo(string option, string value)
    {
        Assert.Equal(2, CliRunner.Run(Advise(option, value)).ExitCode);
        Assert.Equal(2, CliRunner.Run("advise", "--template", _template, "--subscription", CliFixture.Subscription).ExitCode); // no --activity
    }

    [Fact]
    public void Advise_UnreadableActivity_ExitsOne()
    {
        var bad = _f.Write("bad.json", "[ { \"oops\": ");
        var result = CliRunner.Run(["advise", "--activity", bad, "--template", _template, "--parameters", _parameters, "--subscription", CliFixture.Subscription]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MSC4004", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run(["advise", "--activity", Path.Combine(_f.Directory, "missing.json"), "--template", _template, "--parameters", _parameters, "--subscription", CliFixture.Subscription]).ExitCode);
    }

    [Fact]
    public async Task Advise_RealProcess_AggregatedExport()
    {
        var result = await CliRunner.RunProcessAsync(null,
            ["advise", "--activity", ActivityLogTests.Fixture("aggregated.csv"), ActivityLogTests.Fixture("aggregated.json"), "--template", _template, "--parameters", _parameters,
                "--subscription", CliFixture.Subscription, "--memberships", ActivityLogTests.Fixture("memberships.json"), "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal(2 * (412 + 388 + 17 + 2), doc.RootElement.GetProperty("eventsThroughDelegations").GetInt64());
    }
}
