using System.Text.Json;
using System.Text.Json.Nodes;
using ManagedServices.Cli;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Cli;

/// <summary>
/// The auditor's commands (issue 14): who-can, what-can and check --explain on registration assignments written by hand
/// from the REST specification's examples (docs/examples/audit) and on the corpus templates, run as processes and
/// in-process; the delegation-source usage errors; and every command of docs/audit.md with the output it shows.
/// </summary>
public sealed class AuditCliTests : IDisposable
{
    private const string Subscription = "0afefe50-734e-4610-8c82-a144aff49dea";
    private const string SupportUser = "f98d86a2-4cc4-4e9d-ad47-b3e80a1bcdfc";
    private const string EligibleOwner = "700bddf4-2c3b-4cd1-bb02-6a2c622524f4";
    private const string Vm = "/subscriptions/" + Subscription + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1";

    private readonly CliFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static string Example(string name) => Path.Combine(RepoPaths.AuditExamples, name);

    [Fact]
    public async Task WhoCan_OnTheSpecExample_AsAProcess_ListsTheReaderOnly()
    {
        var result = await CliRunner.RunProcessAsync(null, "who-can", "--assignments", Example("assignments.json"),
            "--action", "Microsoft.Compute/virtualMachines/read", "--resource", Vm, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        var holder = Assert.Single(doc.RootElement.GetProperty("principals").EnumerateArray());
        Assert.Equal(SupportUser, holder.GetProperty("principalId").GetString());
        Assert.Equal("Reader", holder.GetProperty("roleName").GetString());
        Assert.Equal("DefinitionName", holder.GetProperty("offer").GetString());
    }

    [Fact]
    public async Task WhatCan_OnTheSpecExample_AsAProcess_ListsGrantsAndOperations_AndNothingForTheRefusedOwner()
    {
        var result = await CliRunner.RunProcessAsync(null, "what-can", "--assignments", Example("assignments.json"),
            "--principal", SupportUser, "--resource", Vm, "--operations", "--search", "virtualMachines/", "--format", "json");
        var owner = await CliRunner.RunProcessAsync(null, "what-can", "--assignments", Example("assignments.json"),
            "--principal", EligibleOwner, "--resource", Vm, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        var grants = doc.RootElement.GetProperty("grants").EnumerateArray().ToList();
        Assert.Equal(["Reader", "User Access Administrator"], grants.Select(static g => g.GetProperty("roleName").GetString()));
        var operations = grants[0].GetProperty("operations").EnumerateArray().Select(static o => o.GetString()!).ToList();
        Assert.Contains("Microsoft.Compute/virtualMachines/read", operations);
        Assert.All(operations, o => Assert.Contains("virtualMachines/", o, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Microsoft.Compute/virtualMachines/write", operations);
        Assert.Equal(["b24988ac-6180-42a0-ab88-20f7382dd24c"], grants[1].GetProperty("delegatedRoleDefinitionIds").EnumerateArray().Select(static r => r.GetString()));

        Assert.True(owner.ExitCode == 0, owner.Error);
        using var ownerDoc = JsonDocument.Parse(owner.Out);
        Assert.Empty(ownerDoc.RootElement.GetProperty("grants").EnumerateArray());
    }

    [Fact]
    public async Task CheckExplain_OnTheSpecExample_AsAProcess_ShowsTheOwnerRefused()
    {
        var result = await CliRunner.RunProcessAsync(null, "check", "--assignments", Example("assignments.json"),
            "--principal", EligibleOwner, "--action", "Microsoft.Compute/virtualMachines/read", "--resource", Vm, "--explain", "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        var root = doc.RootElement;
        Assert.Equal("Deny", root.GetProperty("decision").GetString());
        Assert.Equal("RoleNotDelegable", root.GetProperty("reason").GetString());
        var candidates = root.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(3, candidates.Count);
        var owner = Assert.Single(candidates, static c => c.GetProperty("matchesPrincipal").GetBoolean());
        Assert.Equal("RoleNotDelegable", owner.GetProperty("outcome").GetString());
        Assert.Equal("eligible", owner.GetProperty("grant").GetProperty("access").GetString());
        Assert.Equal("Owner", owner.GetProperty("grant").GetProperty("roleName").GetString());
    }

    [Fact]
    public void CheckExplain_Text_NamesTheMatchingActionAndTheEligibleRoleNotActivated()
    {
        var result = CliRunner.Run("check", "--assignments", Example("assignments-unexpanded.json"), "--definitions", Example("definitions.json"),
            "--principal", "3e0ed8c6-e902-4fc5-863c-e3ddbb2ae2a2", "--action", "Microsoft.Insights/components/write",
            "--resource", "/subscriptions/0afefe50-734e-4610-8a82-a144aff49dea/resourceGroups/rg/providers/Microsoft.Insights/components/app1", "--explain");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("=> Deny (EligibleNotActivated)", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains(result.OutLines, static l => l.Contains("[EligibleNotActivated]", StringComparison.Ordinal) && l.Contains("Microsoft.Insights/components/*", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_AzureCliOutput_AllowsAndWarnsThatEligibleAccessIsNotShown()
    {
        var result = CliRunner.Run("check", "--assignments", Example("assignments-az.json"), "--principal", SupportUser,
            "--action", "Microsoft.Compute/virtualMachines/read", "--resource", Vm);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.StartsWith("- Allow Allowed", result.Out, StringComparison.Ordinal);
        Assert.Contains("warning MSC2033", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckBatch_EachGrantCarriesRoleName()
    {
        var requests = _f.Write("r.jsonl",
            $$"""{"id":"a","principalId":"{{SupportUser}}","action":"Microsoft.Compute/virtualMachines/read","resource":"{{Vm}}"}""" + "\n" +
            $$"""{"id":"b","principalId":"{{SupportUser}}","action":"Microsoft.Compute/virtualMachines/write","resource":"{{Vm}}"}""" + "\n");

        var result = CliRunner.Run("check", "--assignments", Example("assignments.json"), "--requests", requests);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            """{"id":"a","decision":"Allow","reason":"Allowed","grants":[{"principalId":"f98d86a2-4cc4-4e9d-ad47-b3e80a1bcdfc","roleDefinitionId":"acdd72a7-3385-48ef-bd42-f606fba81ae7","roleName":"Reader","scope":"/subscriptions/0afefe50-734e-4610-8c82-a144aff49dea"}]}""",
            result.OutLines[0]);
        Assert.Equal("""{"id":"b","decision":"Deny","reason":"ActionNotInRole","grants":[]}""", result.OutLines[1]);
    }

    [Fact]
    public void SeveralAssignmentFiles_AreOneSetOfDelegations()
    {
        var result = CliRunner.Run("who-can", "--assignments", Example("assignments.json"), "--assignments", Example("assignments-two-tenants.json"),
            "--action", "Microsoft.Compute/virtualMachines/read", "--resource", Vm, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        // The same Reader assignment listed twice counts once; the second offer's Reader adds a grant.
        Assert.Equal(2, doc.RootElement.GetProperty("principals").GetArrayLength());
    }

    [Fact]
    public void WhatCan_ThroughAGroup_ListsTheGroupsGrant()
    {
        var template = _f.Template();
        var someone = "11111111-2222-4333-8444-555555555555";

        var result = CliRunner.Run("what-can", "--template", template, "--parameters", Path.Combine(_f.Directory, "template.parameters.json"),
            "--subscription", CliFixture.Subscription, "--principal", someone, "--group", CliFixture.Support.Id.ToString(), "--resource", CliFixture.Vm);
        var without = CliRunner.Run("what-can", "--template", template, "--parameters", Path.Combine(_f.Directory, "template.parameters.json"),
            "--subscription", CliFixture.Subscription, "--principal", someone, "--resource", CliFixture.Vm);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.StartsWith($"permanent  Reader (acdd72a7-3385-48ef-bd42-f606fba81ae7) at /subscriptions/{CliFixture.Subscription} through group MSP-L1-Support", result.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("0 grant(s)", without.OutLines[^1], StringComparison.Ordinal);
    }

    public static TheoryData<string, string[]> UsageErrors() => new()
    {
        { "no source", ["who-can", "--action", "a/b/read", "--resource", Vm] },
        { "both sources", ["who-can", "--template", "t.json", "--subscription", Subscription, "--assignments", "a.json", "--action", "a/b/read", "--resource", Vm] },
        { "template without subscription", ["check", "--template", "t.json", "--principal", SupportUser, "--action", "a/b/read", "--resource", Vm] },
        { "subscription with assignments", ["what-can", "--assignments", "a.json", "--subscription", Subscription, "--principal", SupportUser, "--resource", Vm] },
        { "parameters with assignments", ["what-can", "--assignments", "a.json", "--parameters", "p.json", "--principal", SupportUser, "--resource", Vm] },
        { "definitions alone", ["who-can", "--definitions", "d.json", "--action", "a/b/read", "--resource", Vm] },
        { "definitions with template", ["who-can", "--template", "t.json", "--subscription", Subscription, "--definitions", "d.json", "--action", "a/b/read", "--resource", Vm] },
        { "explain with requests", ["check", "--assignments", "a.json", "--requests", "r.jsonl", "--explain"] },
        { "what-can at a management group", ["what-can", "--assignments", "a.json", "--principal", SupportUser, "--resource", "/providers/Microsoft.Management/managementGroups/mg"] },
        { "what-can without principal", ["what-can", "--assignments", "a.json", "--resource", Vm] },
        { "what-can bad group", ["what-can", "--assignments", "a.json", "--principal", SupportUser, "--group", "nope", "--resource", Vm] },
        { "bad customer tenant", ["who-can", "--assignments", "a.json", "--customer-tenant", "x", "--action", "a/b/read", "--resource", Vm] },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void DelegationSource_Misuse_IsAUsageError(string why, string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.True(result.ExitCode == 2, $"{why}: exit {result.ExitCode}\n{result.Error}");
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void NoSource_MessageNamesBothSources()
    {
        var result = CliRunner.Run("check", "--principal", SupportUser, "--action", "a/b/read", "--resource", Vm);

        Assert.Contains("--template", result.Error, StringComparison.Ordinal);
        Assert.Contains("--assignments", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnexpandedAssignments_WithoutDefinitions_AreInvalidInput_NamingFileAndLine()
    {
        var result = CliRunner.Run("who-can", "--assignments", Example("assignments-unexpanded.json"), "--action", "Microsoft.Compute/virtualMachines/read", "--resource", Vm);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error MSC2032 " + Example("assignments-unexpanded.json") + ":$.value[0].properties.registrationDefinitionId (line 5)", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"value\": [ { \"name\": \"x\" } ] }")]
    [InlineData("[ { \"type\": \"Microsoft.ManagedServices/registrationDefinitions\" } ]")]
    public void MalformedAssignments_AreInvalidInput_AndAnswerNothing(string json)
    {
        var path = _f.Write("bad.json", json);

        var result = CliRunner.Run("check", "--assignments", path, "--principal", SupportUser, "--action", "Microsoft.Compute/virtualMachines/read", "--resource", Vm);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void FailedAssignment_GrantsNothing_AndIsAWarning()
    {
        var list = JsonNode.Parse(File.ReadAllText(Example("assignments.json")))!;
        list["value"]![0]!["properties"]!["provisioningState"] = "Failed";
        var path = _f.Write("failed.json", list.ToJsonString());

        var result = CliRunner.Run("check", "--assignments", path, "--principal", SupportUser, "--action", "Microsoft.Compute/virtualMachines/read", "--resource", Vm);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.StartsWith("- Deny NoDelegationCoversScope", result.Out, StringComparison.Ordinal);
        Assert.Contains("warning MSC2030", result.Error, StringComparison.Ordinal);
    }

    [SharedCorpusFact]
    public void CorpusTemplate_WhatCanWhoCanAndExplain_AgreeOnTheEligibleGrant()
    {
        var root = Path.Combine(RepoPaths.Shared, "corpus", "lighthouse-samples", "templates", "delegated-resource-management-eligible-authorizations", "subscription");
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "subscription.parameters.json")))!;
        parameters["parameters"]!["managedByTenantId"]!["value"] = CliFixture.ManagingTenant;
        var text = parameters.ToJsonString().Replace("00000000-0000-0000-0000-000000000000", SupportUser, StringComparison.Ordinal);
        var filled = _f.Write("corpus.parameters.json", text);
        string[] source = ["--template", Path.Combine(root, "subscription.json"), "--parameters", filled, "--subscription", CliFixture.Subscription];

        var whatCan = CliRunner.Run([.. "what-can".Split(), .. source, "--principal", SupportUser, "--resource", CliFixture.Vm, "--format", "json"]);
        var explain = CliRunner.Run([.. "check".Split(), .. source, "--principal", SupportUser, "--action", "Microsoft.Compute/virtualMachines/read", "--resource", CliFixture.Vm, "--explain", "--format", "json"]);

        Assert.True(whatCan.ExitCode == 0, whatCan.Error);
        using var doc = JsonDocument.Parse(whatCan.Out);
        var grants = doc.RootElement.GetProperty("grants").EnumerateArray().ToList();
        Assert.NotEmpty(grants);
        var eligible = Assert.Single(grants, static g => g.GetProperty("access").GetString() == "eligible");
        Assert.True(eligible.TryGetProperty("justInTimeAccessPolicy", out _));
        Assert.True(explain.ExitCode == 0, explain.Error);
        using var trace = JsonDocument.Parse(explain.Out);
        // Every grant what-can lists is a candidate of the trace for the same principal.
        Assert.Equal(grants.Count, trace.RootElement.GetProperty("candidates").EnumerateArray().Count(static c => c.GetProperty("matchesPrincipal").GetBoolean()));
    }

    public static TheoryData<int> AuditDocCommands() => [.. Enumerable.Range(0, ConsoleBlocks().Count)];

    [Fact]
    public void Prove_OnRegistrationAssignments_TheRefusedEligibleOwnerCannotWrite_ButReaderReads()
    {
        // The REST example delegates Reader and User Access Administrator permanently and Owner as eligible; Lighthouse
        // refuses Owner, so not even an activated Owner can write a virtual machine.
        var holds = CliRunner.Run("prove", "--assignments", Example("assignments.json"), "--never", "Microsoft.Compute/virtualMachines/write", "--include-eligible");
        Assert.True(holds.ExitCode == 0, holds.Out + holds.Error);

        var fails = CliRunner.Run("prove", "--assignments", Example("assignments.json"), "--never", "Microsoft.Compute/*/read");
        Assert.Equal(1, fails.ExitCode);
        Assert.StartsWith("does not hold", fails.Out, StringComparison.Ordinal);

        Assert.Equal(2, CliRunner.Run("prove", "--assignments", Example("assignments.json"), "--subscription", "0afefe50-734e-4610-8c82-a144aff49dea", "--never", "*").ExitCode);
        Assert.Equal(2, CliRunner.Run("prove", "--never", "*").ExitCode);
    }

    /// <summary>docs/audit.md: each <c>$ managed-services …</c> line runs from the repository root and prints what the page shows.</summary>
    [Theory]
    [MemberData(nameof(AuditDocCommands))]
    public void AuditDoc_Command_PrintsWhatThePageShows(int index)
    {
        var (command, expected) = ConsoleBlocks()[index];
        var both = command.EndsWith(" 2>&1", StringComparison.Ordinal);
        var args = command[..^(both ? 5 : 0)].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };

        var code = CliApp.Run(args, new CliContext { OpenStandardInput = () => TextReader.Null, Out = output, Error = error, WorkingDirectory = RepoPaths.Root });

        Assert.True(code == 0, $"{command}\nexit {code}\n{error}");
        var actual = ((both ? error.ToString() : "") + output).TrimEnd('\n');
        Assert.Equal(expected, actual);
    }

    private static List<(string Command, string Expected)> ConsoleBlocks()
    {
        var lines = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "audit.md")).Split('\n');
        var result = new List<(string, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() != "```console")
            {
                continue;
            }

            var command = lines[++i]["$ ".Length..];
            var body = new List<string>();
            for (i++; lines[i].TrimEnd() != "```"; i++)
            {
                body.Add(lines[i]);
            }

            result.Add((command, string.Join("\n", body)));
        }

        return result;
    }
}
