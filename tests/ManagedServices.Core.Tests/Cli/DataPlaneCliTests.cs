using System.Text.Json;

namespace ManagedServices.Tests.Cli;

/// <summary>
/// <c>--data-action</c> of <c>check</c> and <c>who-can</c>, and the MSC1040 warning for operations Azure's list does not
/// know. The fixture's Ops group holds Contributor (whose <c>*</c> must never reach a data action).
/// </summary>
public sealed class DataPlaneCliTests : IDisposable
{
    private const string GetSecret = "Microsoft.KeyVault/vaults/secrets/getSecret/action";
    private const string KeysRead = "Microsoft.KeyVault/vaults/keys/read"; // listed in both planes

    private readonly CliFixture _f = new();
    private readonly string _template;
    private readonly string _parameters;

    public DataPlaneCliTests()
    {
        _template = _f.Template();
        _parameters = Path.Combine(_f.Directory, "template.parameters.json");
    }

    public void Dispose() => _f.Dispose();

    private string[] Check(string action, params string[] more) =>
        ["check", "--template", _template, "--parameters", _parameters, "--subscription", CliFixture.Subscription,
         "--principal", CliFixture.Ops.Id.ToString(), "--action", action, "--resource", CliFixture.Vm, .. more];

    private string[] WhoCan(string action, params string[] more) =>
        ["who-can", "--template", _template, "--parameters", _parameters, "--subscription", CliFixture.Subscription,
         "--action", action, "--resource", CliFixture.Vm, .. more];

    [Fact]
    public void Check_DataOnlyOperation_IsDeniedWithoutTheOption()
    {
        var result = CliRunner.Run(Check(GetSecret));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("- Deny DataActionNotDelegated", result.OutLines.Single());
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Check_BothPlanes_FollowsTheOption()
    {
        Assert.StartsWith("- Allow Allowed", CliRunner.Run(Check(KeysRead)).OutLines.Single(), StringComparison.Ordinal);
        Assert.Equal("- Deny DataActionNotDelegated", CliRunner.Run(Check(KeysRead, "--data-action")).OutLines.Single());
        Assert.Equal("- Deny DataActionNotDelegated", CliRunner.Run(Check("Microsoft.Compute/virtualMachines/read", "--data-action")).OutLines.Single());
    }

    [Fact]
    public void Check_UnknownOperation_WarnsWithDidYouMean_AndStillAnswers()
    {
        var result = CliRunner.Run(Check("Microsoft.Compute/virtualMachine/read", "--format", "json"));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("warning MSC1040", result.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean Microsoft.Compute/virtualMachines/read", result.Error, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal("Allow", doc.RootElement.GetProperty("decision").GetString()); // Contributor's * matches any name
        Assert.False(doc.RootElement.GetProperty("knownOperation").GetBoolean());
    }

    [Fact]
    public void Check_KnownOperation_HasNoWarningAndNoFlag()
    {
        var result = CliRunner.Run(Check("Microsoft.Compute/virtualMachines/read", "--format", "json"));

        Assert.Equal("", result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.False(doc.RootElement.TryGetProperty("knownOperation", out _));
    }

    [Fact]
    public void Check_DataActionWithRequests_IsAUsageError()
    {
        var result = CliRunner.RunWithInput("", "check", "--template", _template, "--parameters", _parameters, "--subscription", CliFixture.Subscription, "--requests", "-", "--data-action");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--data-action", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Batch_DataOnlyLineIsDenied_UnknownLinesFlaggedAndWarnedUpToTheLimit()
    {
        var lines = string.Join("\n",
        [
            $$"""{"id": "data", "principalId": "{{CliFixture.Ops.Id}}", "action": "{{GetSecret}}", "resource": "{{CliFixture.Vm}}"}""",
            $$"""{"id": "both", "principalId": "{{CliFixture.Ops.Id}}", "action": "{{KeysRead}}", "resource": "{{CliFixture.Vm}}", "isDataAction": true}""",
            .. Enumerable.Range(0, 12).Select(i => $$"""{"id": "u{{i}}", "principalId": "{{CliFixture.Ops.Id}}", "action": "Microsoft.Compute/virtualMachines/reed{{i}}", "resource": "{{CliFixture.Vm}}"}"""),
        ]);
        var result = CliRunner.RunWithInput(lines, "check", "--template", _template, "--parameters", _parameters, "--subscription", CliFixture.Subscription, "--requests", "-");

        Assert.Equal(0, result.ExitCode);
        var results = result.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("DataActionNotDelegated", results[0].GetProperty("reason").GetString());
        Assert.Equal("DataActionNotDelegated", results[1].GetProperty("reason").GetString());
        Assert.False(results[0].TryGetProperty("knownOperation", out _));
        Assert.All(results.Skip(2), r => Assert.False(r.GetProperty("knownOperation").GetBoolean()));
        var warnings = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, warnings.Length);
        Assert.StartsWith("line 3: warning MSC1040", warnings[0], StringComparison.Ordinal);
        Assert.Contains("2 more request(s)", warnings[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void WhoCan_DataOnlyOperation_NobodyCan()
    {
        var result = CliRunner.Run(WhoCan(GetSecret, "--format", "json"));

        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Empty(doc.RootElement.GetProperty("principals").EnumerateArray());
        Assert.True(doc.RootElement.GetProperty("dataAction").GetBoolean());
    }

    [Fact]
    public void WhoCan_DataActionOption_EmptiesTheList()
    {
        var management = CliRunner.Run(WhoCan(KeysRead));
        var data = CliRunner.Run(WhoCan(KeysRead, "--data-action"));

        Assert.StartsWith("3 principal(s) can perform", management.OutLines[^1], StringComparison.Ordinal);
        Assert.Equal($"0 principal(s) can perform {KeysRead} on {CliFixture.Vm} (0 grant(s)) (a data action: Lighthouse delegates none)", data.OutLines.Single());
    }

    [Fact]
    public void WhoCan_UnknownOperation_WarnsWithDidYouMean()
    {
        var result = CliRunner.Run(WhoCan("Microsoft.KeyVault/secrets/getSecret/action"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning MSC1040", result.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean " + GetSecret, result.Error, StringComparison.Ordinal);
    }
}
