using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ManagedServices.Tests.Cli;

public sealed class CheckCommandTests : IDisposable
{
    private readonly CliFixture _f = new();
    private readonly string _template;
    private readonly string _parameters;

    public CheckCommandTests()
    {
        _template = _f.Template();
        _parameters = Path.Combine(_f.Directory, "template.parameters.json");
    }

    public void Dispose() => _f.Dispose();

    private string[] Base => ["check", "--template", _template, "--parameters", _parameters, "--subscription", CliFixture.Subscription];

    [Fact]
    public void Check_Single_AllowsWithGrant()
    {
        var result = CliRunner.Run([.. Base, "--principal", CliFixture.Support.Id.ToString(), "--action", "Microsoft.Compute/virtualMachines/read", "--resource", CliFixture.Vm, "--format", "json"]);

        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal("Allow", doc.RootElement.GetProperty("decision").GetString());
        Assert.Equal("Allowed", doc.RootElement.GetProperty("reason").GetString());
        var grant = Assert.Single(doc.RootElement.GetProperty("grants").EnumerateArray());
        Assert.Equal(BuiltInRoleIds.Reader.ToString(), grant.GetProperty("roleDefinitionId").GetString());
        Assert.Equal("/subscriptions/" + CliFixture.Subscription, grant.GetProperty("scope").GetString());
    }

    [Fact]
    public void Check_SingleText_DeniesWithReason()
    {
        var result = CliRunner.Run([.. Base, "--principal", CliFixture.Support.Id.ToString(), "--action", "Microsoft.Compute/virtualMachines/write", "--resource", CliFixture.Vm]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("- Deny ActionNotInRole", result.OutLines.Single());
    }

    [Fact]
    public void Check_SingleWithGroup_UsesTheGroup()
    {
        var member = "11111111-2222-4333-8444-555555555555";
        var result = CliRunner.Run([.. Base, "--principal", member, "--group", CliFixture.Ops.Id.ToString(), "--action", "Microsoft.Compute/virtualMachines/write", "--resource", CliFixture.Vm, "--format", "json"]);

        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal("Allow", doc.RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public void Check_Batch_AnswersInInputOrderAndContinuesAfterMalformedLines()
    {
        var lines = new StringBuilder()
            .AppendLine($$"""{"id": "r1", "principalId": "{{CliFixture.Support.Id}}", "action": "Microsoft.Compute/virtualMachines/read", "resource": "{{CliFixture.Vm}}"}""")
            .AppendLine("{not json")
            .AppendLine($$"""{"id": "r3", "principalId": "not-a-guid", "action": "a", "resource": "{{CliFixture.Vm}}"}""")
            .AppendLine("")
            .AppendLine($$"""{"id": "r4", "principalId": "{{CliFixture.OnCall.Id}}", "action": "Microsoft.Compute/virtualMachines/write", "resource": "{{CliFixture.Vm}}"}""")
            .AppendLine($$"""{"id": "r5", "principalId": "{{CliFixture.OnCall.Id}}", "action": "Microsoft.Compute/virtualMachines/write", "resource": "{{CliFixture.Vm}}", "activatedRoleDefinitionIds": ["{{BuiltInRoleIds.Contributor}}"]}""")
            .AppendLine($$"""{"id": "r6", "principalId": "{{CliFixture.Support.Id}}", "action": "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", "resource": "{{CliFixture.Vm}}", "isDataAction": true, "groupIds": []}""")
            .AppendLine($$"""{"id": 7, "principalId": "{{CliFixture.Support.Id}}", "action": "x", "resource": "{{CliFixture.Vm}}", "groupIds": ["nope"]}""")
            .ToString();

        var result = CliRunner.RunWithInput(lines, [.. Base, "--requests", "-"]);

        Assert.True(result.ExitCode == 0, result.Error);
        var output = result.OutLines.Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(7, output.Count);
        string? Id(JsonElement e) => e.GetProperty("id").ValueKind == JsonValueKind.Null ? null : e.GetProperty("id").GetString();
        Assert.Equal(["r1", null, "r3", "r4", "r5", "r6", "7"], output.Select(Id));
        Assert.Equal(["Allow", "Deny", "Deny", "Deny", "Allow", "Deny", "Deny"], output.Select(static e => e.GetProperty("decision").GetString()));
        Assert.Equal("MalformedRequest", output[1].GetProperty("reason").GetString());
        Assert.Contains("line 2", output[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(output[2].TryGetProperty("error", out _));
        Assert.Equal("EligibleNotActivated", output[3].GetProperty("reason").GetString());
        Assert.Empty(output[3].GetProperty("grants").EnumerateArray());
        Assert.Equal("DataActionNotDelegated", output[5].GetProperty("reason").GetString());
        Assert.Equal("MalformedRequest", output[6].GetProperty("reason").GetString());
    }

    [Fact]
    public void Check_BatchFromFile_SameAsFromStdin()
    {
        var requests = string.Join("\n", Enumerable.Range(0, 50).Select(i =>
            $$"""{"id": "r{{i}}", "principalId": "{{(i % 2 == 0 ? CliFixture.Support.Id : CliFixture.Ops.Id)}}", "action": "Microsoft.Compute/virtualMachines/{{(i % 3 == 0 ? "write" : "read")}}", "resource": "{{CliFixture.Vm}}"}"""));
        var file = _f.Write("requests.jsonl", requests);

        var fromFile = CliRunner.Run([.. Base, "--requests", file]);
        var fromStdin = CliRunner.RunWithInput(requests, [.. Base, "--requests", "-"]);

        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal(50, fromFile.OutLines.Length);
        Assert.Equal(fromStdin.Out, fromFile.Out);
    }

    [Fact]
    public void Check_BatchWithTerminalStderr_PrintsProgressEverySecond()
    {
        var requests = string.Join("\n", Enumerable.Range(0, 5).Select(i =>
            $$"""{"id": "r{{i}}", "principalId": "{{CliFixture.Support.Id}}", "action": "Microsoft.Compute/virtualMachines/read", "resource": "{{CliFixture.Vm}}"}"""));
        var clock = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromMilliseconds(600) };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = ManagedServices.Cli.CliApp.Run([.. Base, "--requests", "-"], new ManagedServices.Cli.CliContext
        {
            OpenStandardInput = () => new StringReader(requests),
            Out = output,
            Error = error,
            ErrorIsTerminal = true,
            Time = clock,
        });

        Assert.Equal(0, code);
        Assert.Contains("checked", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("checked 5 request(s), 0 malformed\n", error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BatchWithoutTerminal_PrintsNoProgress()
    {
        var result = CliRunner.RunWithInput($$"""{"id": "r", "principalId": "{{CliFixture.Support.Id}}", "action": "Microsoft.Compute/virtualMachines/read", "resource": "{{CliFixture.Vm}}"}""", [.. Base, "--requests", "-"]);

        Assert.Equal("", result.Error);
    }

    [Theory]
    [InlineData("2026-11-26T08:00:00Z", 0)]
    [InlineData("2026-11-26T08:00Z", 0)]
    [InlineData("2026-11-26T09:00:00.1234567+01:00", 0)]
    [InlineData("2026-11-26T08:00:00", 0)]
    [InlineData("tomorrow", 2)]
    [InlineData("11/26/2026", 2)]
    [InlineData("2026-11-26", 2)]
    [InlineData("2026-11-26 08:00:00Z", 2)]
    public void Check_At_AcceptsIso8601InstantsOnly(string at, int expected)
    {
        var result = CliRunner.Run([.. Base, "--principal", CliFixture.Support.Id.ToString(), "--action", "Microsoft.Compute/virtualMachines/read", "--resource", CliFixture.Vm, "--at", at]);

        Assert.True(expected == result.ExitCode, result.Error);
    }

    [Theory]
    [InlineData("--requests", "-", "--principal", "7e0cb6fc-2af8-4d9d-a62d-c24d3c53360f")]
    [InlineData("--action", "a")]
    [InlineData("--principal", "not-a-guid", "--action", "a", "--resource", "/subscriptions/5b3c1f7e-9a2d-4c6b-8e1f-0a9b8c7d6e5f")]
    public void Check_BadCombinations_AreUsageErrors(params string[] extra)
    {
        Assert.Equal(2, CliRunner.Run([.. Base, .. extra]).ExitCode);
    }

    [Fact]
    public void Check_MissingSubscription_IsUsageError() =>
        Assert.Equal(2, CliRunner.Run("check", "--template", _template, "--principal", CliFixture.Support.Id.ToString(), "--action", "a", "--resource", CliFixture.Vm).ExitCode);

    [Fact]
    public void Check_ManyGeneratedRequests_OutputLineCountMatchesInput()
    {
        var random = new Random(20261126);
        var principals = new[] { CliFixture.Support.Id, CliFixture.Ops.Id, CliFixture.OnCall.Id, PrincipalId.Parse("99999999-9999-4999-8999-999999999999") };
        var actions = new[] { "Microsoft.Compute/virtualMachines/read", "Microsoft.Compute/virtualMachines/write", "Microsoft.Authorization/roleAssignments/write", "Microsoft.Network/virtualNetworks/read" };
        var builder = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            builder.Append($$"""{"id": "g{{i}}", "principalId": "{{principals[random.Next(principals.Length)]}}", "action": "{{actions[random.Next(actions.Length)]}}", "resource": "{{CliFixture.Vm}}"}""").Append('\n');
        }

        var result = CliRunner.RunWithInput(builder.ToString(), [.. Base, "--requests", "-"]);

        Assert.Equal(2000, result.OutLines.Length);
        for (var i = 0; i < 2000; i++)
        {
            Assert.StartsWith($$"""{"id":"g{{i}}",""", result.OutLines[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Check_BatchAsProcess_StreamsJsonLines()
    {
        var requests = $$"""{"id": "p1", "principalId": "{{CliFixture.Ops.Id}}", "action": "Microsoft.Compute/virtualMachines/write", "resource": "{{CliFixture.Vm}}"}""" + "\n" + "garbage\n";

        var result = await CliRunner.RunProcessAsync(requests, [.. Base, "--requests", "-"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, result.OutLines.Length);
        Assert.Contains("\"decision\":\"Allow\"", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"MalformedRequest\"", result.OutLines[1], StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }
}
