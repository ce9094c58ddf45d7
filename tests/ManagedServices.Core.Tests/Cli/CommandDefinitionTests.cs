namespace ManagedServices.Tests.Cli;

/// <summary>
/// The commands' definitions report usage errors while parsing (validators), before any file is read, and
/// <c>--help</c> prints help even when the rest of the line is incomplete.
/// </summary>
public sealed class CommandDefinitionTests
{
    private const string Missing = "/nonexistent/never-read.json";
    private const string Guid1 = "11111111-1111-1111-1111-111111111111";

    [Theory]
    [InlineData("validate")]
    [InlineData("convert")]
    [InlineData("diff")]
    [InlineData("roles")]
    [InlineData("who-can")]
    [InlineData("what-can")]
    [InlineData("check")]
    [InlineData("prove")]
    [InlineData("report")]
    [InlineData("advise")]
    public void Help_OfEveryCommand_ExitsZero_EvenWithoutItsRequiredOptions(string command)
    {
        var result = CliRunner.Run(command, "--help");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> Conflicts => new()
    {
        { ["check", "--template", Missing, "--subscription", Guid1, "--requests", "-", "--principal", Guid1], "--requests excludes" },
        { ["check", "--template", Missing, "--subscription", Guid1, "--requests", "-", "--explain"], "--explain traces a single check" },
        { ["check", "--template", Missing, "--subscription", Guid1, "--principal", Guid1], "give --requests" },
        { ["check", "--template", Missing, "--subscription", Guid1, "--principal", "nope", "--action", "a/b/read", "--resource", "/subscriptions/" + Guid1], "--principal 'nope' is not a GUID" },
        { ["check", "--template", Missing, "--subscription", Guid1, "--requests", "-", "--at", "yesterday"], "--at 'yesterday' is not an ISO 8601 instant" },
        { ["check", "--template", Missing, "--requests", "-"], "--template needs --subscription" },
        { ["who-can", "--template", Missing, "--subscription", Guid1, "--action", "a/*/read", "--resource", "/subscriptions/" + Guid1], "--action 'a/*/read' is not an operation name" },
        { ["who-can", "--template", Missing, "--subscription", Guid1, "--action", "a/b/read", "--resource", "nope"], "--resource 'nope' is not an ARM resource ID" },
        { ["what-can", "--template", Missing, "--subscription", Guid1, "--principal", Guid1, "--resource", "/providers/Microsoft.Management/managementGroups/mg"], "at or below a subscription" },
        { ["prove", "--template", Missing, "--subscription", Guid1, "--never", "*", "--principal", Guid1, "--group", Guid1], "--principal and --group exclude each other" },
        { ["validate", Missing, "--offer", Missing], "give either a template file or --offer" },
        { ["validate", "--offer", Missing, "--parameters", Missing], "--parameters applies to a template, not to --offer" },
        { ["validate", "-", "--parameters", "-"], "only one input can be read from standard input" },
        { ["convert", Missing, "--to", "template"], "--to template writes two files" },
        { ["convert", Missing, "--to", "bicep"], "--to bicep writes several files" },
        { ["convert", Missing, "--to", "offer", "--resource-group", "bad/name"], "--resource-group 'bad/name' is not a resource group name" },
        { ["convert", Missing, "--to", "offer", "--definition", "nope"], "--definition 'nope' is not a GUID" },
        { ["advise", "--template", Missing, "--subscription", Guid1], "advise needs --activity" },
        { ["advise", "--kql", "--since", "never"], "--since 'never' is not an ISO 8601 instant" },
    };

    /// <summary>A conflict is a usage error (exit 2) found while parsing: the file named, which does not exist, is never read.</summary>
    [Theory]
    [MemberData(nameof(Conflicts))]
    public void Conflict_IsAUsageError_BeforeAnyFileIsRead(string[] args, string message)
    {
        var result = CliRunner.Run(args);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AdviseKql_NeedsNoDelegations()
    {
        var result = CliRunner.Run("advise", "--kql");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("AzureActivity", result.Out, StringComparison.Ordinal);
    }
}
