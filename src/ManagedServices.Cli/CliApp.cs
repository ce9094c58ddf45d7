using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Reflection;

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
            ValidateCommand.Create(context),
            ConvertCommand.Create(context),
            DiffCommand.Create(context),
            RolesCommand.Create(context),
            WhoCanCommand.Create(context),
            WhatCanCommand.Create(context),
            CheckCommand.Create(context),
            ProveCommand.Create(context),
            ReportCommand.Create(context),
            AdviseCommand.Create(context),
        };
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintVersion(context);
        }

        return root;
    }

    /// <summary>Parses and runs a command line. Usage errors exit 2, invalid input 1, success 0.</summary>
    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = CreateRootCommand(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
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
    /// "did you mean 'validate'?". Closest is by edit distance (at most a third of the word, at least 1), or by
    /// prefix; words shorter than 3 letters get no suggestion.
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
            var closest = Closest(token, candidates);
            if (closest.Count > 0)
            {
                yield return $"'{token}' is not a command or option of '{command.Name}'. Did you mean {string.Join(" or ", closest.Select(static c => $"'{c}'"))}?";
            }
        }
    }

    /// <summary>The candidates closest to <paramref name="token"/>, best first (at most three).</summary>
    internal static IReadOnlyList<string> Closest(string token, IEnumerable<string> candidates)
    {
        var word = token.TrimStart('-');
        if (word.Length < 3)
        {
            return [];
        }

        var budget = Math.Max(1, word.Length / 3);
        return [.. candidates
            .Where(static c => c.TrimStart('-').Length >= 2)
            .Select(c => (Candidate: c, Distance: Distance(word, c.TrimStart('-')), Prefix: c.TrimStart('-').StartsWith(word, StringComparison.OrdinalIgnoreCase) && word.Length >= 3))
            .Where(x => x.Distance <= budget || x.Prefix)
            .OrderBy(static x => x.Prefix ? 0 : x.Distance)
            .ThenBy(static x => x.Candidate, StringComparer.Ordinal)
            .Take(3)
            .Select(static x => x.Candidate)];
    }

    /// <summary>
    /// The edit distance between two words, case-insensitive: insertions, deletions, substitutions and swaps of two
    /// neighbouring letters (the usual typos) count one each (optimal string alignment).
    /// </summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];

        static bool Same(char x, char y) => char.ToLowerInvariant(x) == char.ToLowerInvariant(y);
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
