using System.CommandLine;
using ManagedServices.Reporting;

namespace ManagedServices.Cli;

/// <summary>
/// <c>report (--template ... --subscription &lt;guid&gt; | --assignments &lt;file&gt;...) [--format markdown|mermaid|dot|json] [--output &lt;file&gt;]</c>: the
/// customer's access report of the delegations (the library's <see cref="AccessReport"/>): managing tenants, offers,
/// principals, roles, permanent and eligible authorizations, scopes, and who can remove each delegation.
/// </summary>
internal static class ReportCommand
{
    private const string Markdown = "markdown";
    private const string Mermaid = "mermaid";
    private const string Dot = "dot";
    private const string Json = "json";

    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format")
        {
            Description = "Output format: markdown (tables and a Mermaid picture, for a pull-request comment; the default), mermaid (the picture alone), dot (the picture for Graphviz) or json.",
            DefaultValueFactory = static _ => Markdown,
            HelpName = "markdown|mermaid|dot|json",
        };
        format.AcceptOnlyFromAmong(Markdown, Mermaid, Dot, Json);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output.", HelpName = "file" };
        var command = new Command("report", "Writes the customer's access report of the delegations: managing tenants, offers, principals, roles (permanent or eligible), scopes, and who can remove each delegation.")
        {
            format, output,
        };
        var source = DelegationSource.Add(command);
        command.SetAction(parse =>
        {
            var snapshot = source.Resolve(parse, context);
            var report = AccessReport.Create(snapshot);
            var text = parse.GetValue(format) switch
            {
                Mermaid => report.ToMermaid(),
                Dot => report.ToDot(),
                Json => JsonText(report),
                _ => report.ToMarkdown(),
            };
            if (parse.GetValue(output) is { } path)
            {
                string file;
                try
                {
                    file = context.Resolve(path);
                }
                catch (ArgumentException e)
                {
                    throw new InputException($"cannot write '{path}': {e.Message}");
                }

                ConvertCommand.WriteFile(file, text);
            }
            else
            {
                context.Out.Write(text);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string JsonText(AccessReport report)
    {
        using var text = new StringWriter { NewLine = "\n" };
        JsonOutput.Document(text, report.WriteJson);
        return text.ToString();
    }
}
