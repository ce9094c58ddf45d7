using System.CommandLine;
using ManagedServices.Cli;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Cli;

/// <summary>docs/cli.md stays true to the commands: every command has a section naming each of its options and arguments.</summary>
public sealed class CliDocsTests
{
    public static TheoryData<string> Commands() =>
        [.. CliApp.CreateRootCommand(new CliContext { OpenStandardInput = () => TextReader.Null, Out = TextWriter.Null, Error = TextWriter.Null })
            .Subcommands.Select(static c => c.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public void CliDoc_EveryCommand_HasASectionNamingEachOptionAndArgument(string name)
    {
        var command = CliApp.CreateRootCommand(new CliContext { OpenStandardInput = () => TextReader.Null, Out = TextWriter.Null, Error = TextWriter.Null })
            .Subcommands.Single(c => c.Name == name);
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "cli.md"));
        var start = doc.IndexOf($"## `{name}`", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/cli.md has no section ## `{name}`");
        var end = doc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? doc[start..] : doc[start..end];

        // The command and its subcommands (roles show): each subcommand is named in the section too.
        foreach (var sub in command.Subcommands)
        {
            Assert.True(section.Contains($"{name} {sub.Name}", StringComparison.Ordinal), $"docs/cli.md, section {name}: subcommand '{name} {sub.Name}' is not documented");
        }

        foreach (var each in command.Subcommands.Prepend(command))
        {
            foreach (var option in each.Options.Where(static o => o.Name.StartsWith("--", StringComparison.Ordinal)))
            {
                Assert.True(section.Contains(option.Name, StringComparison.Ordinal), $"docs/cli.md, section {name}: option {option.Name} of '{each.Name}' is not documented");
            }

            foreach (var argument in each.Arguments)
            {
                Assert.True(section.Contains($"<{argument.Name}", StringComparison.Ordinal), $"docs/cli.md, section {name}: argument <{argument.Name}> of '{each.Name}' is not documented");
            }
        }
    }
}
