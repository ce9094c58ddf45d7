using System.CommandLine;

namespace ManagedServices.Cli;

/// <summary>The <c>managed-services</c> command line: builds the commands and runs one with documented exit codes.</summary>
internal static class CliApp
{
    public static RootCommand CreateRootCommand(CliContext context) => new(
        "managed-services: validate, convert and diff Azure Lighthouse onboarding templates and Managed Service offers, list the built-in roles, check delegated access, and prove what no principal can ever do.")
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
}
