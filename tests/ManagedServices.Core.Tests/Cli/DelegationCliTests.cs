using System.Text.Json;
using ManagedServices.Tests.Arm;

namespace ManagedServices.Tests.Cli;

/// <summary>Every command sees every definition (issue 12 §2): check, validate, diff and convert on templates with several definitions.</summary>
public sealed class DelegationCliTests : IDisposable
{
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";


    private readonly CliFixture _f = new();

    public void Dispose() => _f.Dispose();

    private string Write(string name, IReadOnlyList<HandDefinition> definitions, IReadOnlyList<HandAssignment> assignments) =>
        _f.Write(name, DelegationTemplates.Write(definitions, assignments));

    [Fact]
    public void Check_SwappedAssignments_AllowsOnlyWhereTheDefinitionIsAssigned()
    {
        var template = Write("t.json", [DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], [new HandAssignment("B", "alpha"), new HandAssignment("A", "beta")]);

        string Decide(string group) => CliRunner.Run("check", "--template", template, "--subscription", DelegationTemplates.Subscription,
            "--principal", DelegationTemplates.Bob, "--action", "Microsoft.Compute/virtualMachines/write", "--resource", DelegationTemplates.Vm(group), "--format", "json").Out;

        Assert.Equal("Allow", JsonDocument.Parse(Decide("alpha")).RootElement.GetProperty("decision").GetString());
        Assert.Equal("Deny", JsonDocument.Parse(Decide("beta")).RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public void Validate_SecondDefinitionGrantingOwner_IsInvalidWithTheDefinitionsIndex()
    {
        var template = Write("owner.json", [DelegationTemplates.ReaderForAlice, new HandDefinition("B", [(DelegationTemplates.Bob, Owner)])], [new HandAssignment("A", null), new HandAssignment("B", null)]);

        var result = CliRunner.Run("validate", template, "--subscription", DelegationTemplates.Subscription, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        Assert.Contains(doc.RootElement.GetProperty("diagnostics").EnumerateArray(), d =>
            d.GetProperty("severity").GetString() == "error" && d.GetProperty("path").GetString()!.StartsWith("[1].authorizations[0]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("new definition")]
    [InlineData("resource group to subscription")]
    [InlineData("one resource group to more")]
    public void Diff_WideningDelegations_FailOnWidening(string change)
    {
        var older = Write("old.json", [DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], [new HandAssignment("A", "alpha")]);
        var newer = change switch
        {
            "new definition" => Write("new.json", [DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], [new HandAssignment("A", "alpha"), new HandAssignment("B", "alpha")]),
            "resource group to subscription" => Write("new.json", [DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], [new HandAssignment("A", null)]),
            _ => Write("new.json", [DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], [new HandAssignment("A", "alpha"), new HandAssignment("A", "beta")]),
        };

        var failing = CliRunner.Run("diff", older, newer, "--fail-on-widening");
        var json = CliRunner.Run("diff", older, newer, "--format", "json");
        var same = CliRunner.Run("diff", older, older, "--fail-on-widening");
        var narrowing = CliRunner.Run("diff", newer, older, "--fail-on-widening");

        Assert.True(failing.ExitCode == 1, failing.Out + failing.Error);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.True(doc.RootElement.GetProperty("widensAccess").GetBoolean());
        Assert.Contains(doc.RootElement.GetProperty("delegations").EnumerateArray(), d => d.GetProperty("change").GetString() == "added");
        Assert.True(same.ExitCode == 0, same.Out + same.Error);
        Assert.True(narrowing.ExitCode == 0, narrowing.Out + narrowing.Error);
    }

    [Fact]
    public void Diff_ChangedManifestAtTheSameScope_IsComparedInPlace()
    {
        var older = Write("old.json", [DelegationTemplates.ReaderForAlice], [new HandAssignment("A", "alpha")]);
        var newer = Write("new.json", [DelegationTemplates.ReaderForAlice with { Authorizations = [(DelegationTemplates.Alice, DelegationTemplates.Contributor)] }], [new HandAssignment("A", "alpha")]);

        var result = CliRunner.Run("diff", older, newer, "--fail-on-widening");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("~ changed", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("offer")]
    [InlineData("template")]
    [InlineData("bicep")]
    public void Convert_SeveralDefinitionsToAOneDefinitionFormat_IsRefused(string to)
    {
        var template = Write("two.json", [DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], [new HandAssignment("A", null), new HandAssignment("B", "alpha")]);
        var output = Path.Combine(_f.Directory, "out-" + to);

        var result = CliRunner.Run("convert", template, "--to", to, "--output", to == "bicep" ? output : output + ".json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MSC2029", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output + ".json") || Directory.Exists(output));
    }

    [Fact]
    public void Convert_SeveralDefinitionsToRest_KeepsEveryDefinition()
    {
        var template = Write("two.json", [DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], [new HandAssignment("A", null), new HandAssignment("B", "alpha")]);

        var result = CliRunner.Run("convert", template, "--to", "rest", "--subscription", DelegationTemplates.Subscription);

        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal(2, doc.RootElement.GetProperty("value").GetArrayLength());
    }
}
