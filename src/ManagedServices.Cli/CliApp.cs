using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Reflection;
using System.CommandLine.Help;
using ManagedServices.Operations;

namespace ManagedServices.Cli;

/// <summary>The <c>managed-services</c> command line: builds the commands and runs one with documented exit codes.</summary>
internal static class CliApp
{
    /// <summary>The tool's version: the package version and the commit it was built from.</summary>
    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The embedded role catalog in one phrase, for <c>--version</c> and <c>roles</c>.</summary>
    public static string CatalogDescription =>
        $"embedded role catalog: {RoleCatalog.BuiltIn.Count.ToString(CultureInfo.InvariantCulture)} built-in roles, snapshot of " +
        (RoleCatalog.BuiltIn.SnapshotDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown date");

    public static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "managed-services: validate, convert and diff Azure Lighthouse onboarding templates and Managed Service offers, list the built-in roles, check delegated access, explain it, report it to the customer, prove what no principal can ever do, and advise least privilege from activity logs.")
        {
            new ValidateCommand(context),
            new ConvertCommand(context),
            new DiffCommand(context),
            new RolesCommand(context),
            new WhoCanCommand(context),
            new WhatCanCommand(context),
            new CheckCommand(context),
            new ProveCommand(context),
            new ReportCommand(context),
            new AdviseCommand(context),
        };
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersion(context);
        }

        return root;
    }

    /// <summary>
    /// Parses and runs a command line. Usage errors exit 2 (the parser's, and the commands' validators: missing or
    /// conflicting options, malformed GUIDs), invalid input 1, success 0. <c>--help</c> prints help even when the
    /// rest of the line is incomplete.
    /// </summary>
    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = CreateRootCommand(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                context.Error.WriteLine("error: " + error.Message);
            }

            foreach (var suggestion in Suggestions(parse))
            {
                context.Error.WriteLine(suggestion);
            }

            context.Error.WriteLine("Run 'managed-services --help' or 'managed-services <command> --help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            context.Error.WriteLine("error: " + e.Message);
            return ExitCodes.UsageError;
        }
        catch (InputException e)
        {
            context.Error.WriteLine("error: " + e.Message);
            return ExitCodes.InvalidInput;
        }
        finally
        {
            context.Out.Flush();
            context.Error.Flush();
        }
    }

    /// <summary>
    /// For each token the parser did not match, the closest commands and options of the command it was given to:
    /// "did you mean 'validate'?", chosen by the library (<see cref="NameSuggestions.Closest"/>).
    /// </summary>
    internal static IEnumerable<string> Suggestions(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var candidates = command.Subcommands.Where(static c => !c.Hidden).SelectMany(static c => c.Aliases.Prepend(c.Name))
            .Concat(parse.CommandResult.Command.Options.Where(static o => !o.Hidden).SelectMany(static o => o.Aliases.Prepend(o.Name)))
            .Concat(AncestorOptions(parse.CommandResult))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        // Options anywhere, and the first other word (the words after it are usually its arguments).
        var tokens = parse.UnmatchedTokens.Where(static t => t.StartsWith('-'))
            .Concat(parse.UnmatchedTokens.Where(static t => !t.StartsWith('-')).Take(1))
            .Distinct(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            var closest = NameSuggestions.Closest(token, candidates);
            if (!closest.IsEmpty)
            {
                yield return $"'{token}' is not a command or option of '{command.Name}'. Did you mean {string.Join(" or ", closest.Select(static c => $"'{c}'"))}?";
            }
        }
    }

    private static IEnumerable<string> AncestorOptions(CommandResult result)
    {
        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            foreach (var option in parent.Command.Options.Where(static o => o.Recursive && !o.Hidden))
            {
                yield return option.Name;
            }
        }
    }

    /// <summary>Prints the version and the embedded role catalog's date.</summary>
    private sealed class PrintVersion(CliContext context) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            context.Out.WriteLine($"managed-services {Version}");
            context.Out.WriteLine(CatalogDescription);
            return ExitCodes.Success;
        }
    }
}
