using System.Text;
using System.Text.Json;

namespace ManagedServices.Tests.Cli;

/// <summary><c>--deny-assignments</c> of <c>check</c> and <c>who-can</c>: deny assignments in the REST shape override grants.</summary>
public sealed class DenyAssignmentCliTests : IDisposable
{
    private const string Restart = "Microsoft.Compute/virtualMachines/restart/action";
    private const string ResourceGroup = "/subscriptions/" + CliFixture.Subscription + "/resourceGroups/rg-app";

    // A managed-application style lock on rg-app: everyone but the on-call user may only read.
    private static readonly string DenyList = $$"""
        {
          "value": [
            {
              "id": "{{ResourceGroup}}/providers/Microsoft.Authorization/denyAssignments/4f9d2c1a-7b3e-4d6a-9c8b-1e2f3a4b5c6d",
              "type": "Microsoft.Authorization/denyAssignments",
              "name": "4f9d2c1a-7b3e-4d6a-9c8b-1e2f3a4b5c6d",
              "properties": {
                "denyAssignmentName": "Locked by managed application",
                "permissions": [ { "actions": [ "*" ], "notActions": [ "*/read" ], "dataActions": [], "notDataActions": [] } ],
                "scope": "{{ResourceGroup}}",
                "doNotApplyToChildScopes": false,
                "principals": [ { "id": "00000000-0000-0000-0000-000000000000", "type": "SystemDefined" } ],
                "excludePrincipals": [ { "id": "{{CliFixture.OnCall.Id}}", "type": "User" } ],
                "isSystemProtected": true
              }
            }
          ]
        }
        """;

    private readonly CliFixture _f = new();
    private readonly string _template;
    private readonly string _parameters;
    private readonly string _denies;

    public DenyAssignmentCliTests()
    {
        _template = _f.Template();
        _parameters = Path.Combine(_f.Directory, "template.parameters.json");
        _denies = _f.Write("denies.json", DenyList);
    }

    public void Dispose() => _f.Dispose();

    private string[] Check => ["check", "--template", _template, "--parameters", _parameters, "--subscription", CliFixture.Subscription];

    private string[] WhoCan => ["who-can", "--template", _template, "--parameters", _parameters, "--subscription", CliFixture.Subscription];

    private static string Line(string id, Principal principal, string action, string resource, string extra = "") =>
        $$"""{"id": "{{id}}", "principalId": "{{principal.Id}}", "action": "{{action}}", "resource": "{{resource}}"{{extra}}}""";

    [Fact]
    public void Check_SingleWithDenyAssignments_DeniedByDenyAssignment()
    {
        string[] request = ["--principal", CliFixture.Ops.Id.ToString(), "--action", Restart, "--resource", CliFixture.Vm];

        var without = CliRunner.Run([.. Check, .. request]);
        var with = CliRunner.Run([.. Check, "--deny-assignments", _denies, .. request]);
        var json = CliRunner.Run([.. Check, "--deny-assignments", _denies, .. request, "--format", "json"]);

        Assert.True(without.ExitCode == 0, without.Error);
        Assert.StartsWith("- Allow Allowed", without.OutLines.Single(), StringComparison.Ordinal);
        Assert.True(with.ExitCode == 0, with.Error);
        Assert.Equal("- Deny DeniedByDenyAssignment", with.OutLines.Single());
        Assert.Equal("", with.Error);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal("Deny", doc.RootElement.GetProperty("decision").GetString());
        Assert.Equal("DeniedByDenyAssignment", doc.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void Check_BatchWithDenyAssignments_DeniesOnlyWhatTheyCover()
    {
        var requests = new StringBuilder()
            .AppendLine(Line("restart", CliFixture.Ops, Restart, CliFixture.Vm))
            .AppendLine(Line("read", CliFixture.Ops, "Microsoft.Compute/virtualMachines/read", CliFixture.Vm))
            .AppendLine(Line("elsewhere", CliFixture.Ops, Restart, "/subscriptions/" + CliFixture.Subscription + "/resourceGroups/rg-other/providers/Microsoft.Compute/virtualMachines/vm1"))
            .AppendLine(Line("excluded", CliFixture.OnCall, Restart, CliFixture.Vm, $$""", "activatedRoleDefinitionIds": ["{{BuiltInRoleIds.Contributor}}"]"""))
            .AppendLine(Line("ungranted", CliFixture.Support, Restart, CliFixture.Vm))
            .ToString();
        var file = _f.Write("requests.jsonl", requests);

        var result = CliRunner.Run([.. Check, "--deny-assignments", _denies, "--requests", file]);

        Assert.True(result.ExitCode == 0, result.Error);
        var reasons = result.OutLines.Select(static l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(static e => e.GetProperty("id").GetString()!, static e => e.GetProperty("reason").GetString());
        Assert.Equal("DeniedByDenyAssignment", reasons["restart"]);
        Assert.Equal("Allowed", reasons["read"]);
        Assert.Equal("Allowed", reasons["elsewhere"]);
        Assert.Equal("Allowed", reasons["excluded"]);
        Assert.Equal("ActionNotInRole", reasons["ungranted"]); // a denial for another reason keeps its reason
    }

    [Fact]
    public void WhoCan_WithDenyAssignments_LeavesOutDeniedHolders()
    {
        string[] query = ["--action", Restart, "--resource", CliFixture.Vm, "--format", "json"];

        var without = CliRunner.Run([.. WhoCan, .. query]);
        var with = CliRunner.Run([.. WhoCan, "--deny-assignments", _denies, .. query]);
        var read = CliRunner.Run([.. WhoCan, "--deny-assignments", _denies, "--action", "Microsoft.Compute/virtualMachines/read", "--resource", CliFixture.Vm]);

        Assert.True(without.ExitCode == 0, without.Error);
        Assert.True(with.ExitCode == 0, with.Error);
        Assert.Contains(CliFixture.Ops.Id.ToString(), Holders(without));
        Assert.Equal([CliFixture.OnCall.Id.ToString()], Holders(with));
        Assert.Contains($"3 principal(s) can perform Microsoft.Compute/virtualMachines/read on {CliFixture.Vm}", read.Out, StringComparison.Ordinal);

        // A deny assignment naming the Ops group leaves the group out and keeps the others.
        var groupDeny = _f.Write("group-deny.json", DenyList.Replace("00000000-0000-0000-0000-000000000000", CliFixture.Ops.Id.ToString(), StringComparison.Ordinal)
            .Replace("\"SystemDefined\"", "\"Group\"", StringComparison.Ordinal));
        var group = CliRunner.Run([.. WhoCan, "--deny-assignments", groupDeny, .. query]);
        Assert.True(group.ExitCode == 0, group.Error);
        Assert.Equal([CliFixture.OnCall.Id.ToString()], Holders(group));

        static string[] Holders(CliResult result)
        {
            using var doc = JsonDocument.Parse(result.Out);
            return [.. doc.RootElement.GetProperty("principals").EnumerateArray().Select(static p => p.GetProperty("principalId").GetString()!).Distinct()];
        }
    }

    [Fact]
    public void Check_InvalidDenyAssignments_ExitOneWithDiagnostics()
    {
        var invalid = _f.Write("invalid.json", DenyList.Replace("\"scope\": \"" + ResourceGroup + "\"", "\"scope\": 42", StringComparison.Ordinal));
        string[] request = ["--principal", CliFixture.Ops.Id.ToString(), "--action", Restart, "--resource", CliFixture.Vm];

        var result = CliRunner.Run([.. Check, "--deny-assignments", invalid, .. request]);
        var missing = CliRunner.Run([.. Check, "--deny-assignments", Path.Combine(_f.Directory, "nope.json"), .. request]);
        var whoCan = CliRunner.Run([.. WhoCan, "--deny-assignments", _f.Write("broken.json", "{ \"value\": ["), "--action", Restart, "--resource", CliFixture.Vm]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("cannot be read as deny assignments", result.Error, StringComparison.Ordinal);
        Assert.Contains(DiagnosticCodes.JsonUnexpectedType, result.Error, StringComparison.Ordinal);
        Assert.Contains("$.value[0].properties.scope", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("cannot read", missing.Error, StringComparison.Ordinal);
        Assert.Equal(1, whoCan.ExitCode);
        Assert.Contains(DiagnosticCodes.JsonMalformed, whoCan.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DenyAssignmentWithCondition_AppliedWithWarningOnStandardError()
    {
        var conditional = _f.Write("conditional.json", DenyList.Replace(
            "\"isSystemProtected\": true", "\"isSystemProtected\": true, \"condition\": \"@Resource[Microsoft.Compute/virtualMachines:name] StringEquals 'vm9'\", \"conditionVersion\": \"2.0\"",
            StringComparison.Ordinal));

        var result = CliRunner.Run([.. Check, "--deny-assignments", conditional, "--principal", CliFixture.Ops.Id.ToString(), "--action", Restart, "--resource", CliFixture.Vm]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("- Deny DeniedByDenyAssignment", result.OutLines.Single());
        Assert.StartsWith($"{conditional}: warning {DiagnosticCodes.DenyAssignmentConditionIgnored} $.value[0].properties.condition (line ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AsAProcess_ReadsDenyAssignments()
    {
        var requests = Line("p1", CliFixture.Ops, Restart, CliFixture.Vm) + "\n" + Line("p2", CliFixture.Ops, "Microsoft.Compute/virtualMachines/read", CliFixture.Vm) + "\n";

        var result = await CliRunner.RunProcessAsync(requests, [.. Check, "--deny-assignments", _denies, "--requests", "-"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, result.OutLines.Length);
        Assert.Contains("\"reason\":\"DeniedByDenyAssignment\"", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"Allowed\"", result.OutLines[1], StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }
}
