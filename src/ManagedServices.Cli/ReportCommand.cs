using System.CommandLine;
using System.CommandLine.Invocation;
using ManagedServices.Reporting;

namespace ManagedServices.Cli;

/// <summary>
/// <c>report (--template ... --subscription &lt;guid&gt; | --assignments &lt;file&gt;...) [--format markdown|mermaid|dot|json] [--output &lt;file&gt;]</c>: the
/// customer's access report of the delegations (the library's <see cref="AccessReport"/>): managing tenants, offers,
/// principals, roles, permanent and eligible authorizations, scopes, and who can remove each delegation.
/// </summary>
internal sealed class ReportCommand : Command
{
    private const string Mermaid = "mermaid";
    private const string Dot = "dot";

    public ReportCommand(CliContext context)
        : base("report", "Writes the customer's access report of the delegations: managing tenants, offers, principals, roles (permanent or eligible), scopes, and who can remove each delegation.")
    {
        Format.AcceptOnlyFromAmong(OutputFormat.Markdown, Mermaid, Dot, OutputFormat.Json);
        Options.Add(Format);
        Options.Add(Output);
        Source = DelegationSource.Add(this);
        Action = new ReportHandler(this, context);
    }

    public DelegationSource Source { get; }

    public Option<string> Format { get; } = new("--format")
    {
        Description = "Output format: markdown (tables and a Mermaid picture, for a pull-request comment; the default), mermaid (the picture alone), dot (the picture for Graphviz) or json.",
        DefaultValueFactory = static _ => OutputFormat.Markdown,
        HelpName = "markdown|mermaid|dot|json",
    };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write the report to this file instead of standard output.", HelpName = "file" };

    /// <summary>Builds the library's report of the delegations and writes it in the format asked.</summary>
    private sealed class ReportHandler(ReportCommand command, CliContext context) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parse)
        {
            var report = AccessReport.Create(command.Source.Resolve(parse, context));
            var text = parse.GetValue(command.Format) switch
            {
                Mermaid => report.ToMermaid(),
                Dot => report.ToDot(),
                OutputFormat.Json => JsonText(report),
                _ => report.ToMarkdown(),
            };
            OutputFiles.WriteOrPrint(context, parse.GetValue(command.Output), text);
            return ExitCodes.Success;
        }

        private static string JsonText(AccessReport report)
        {
            using var text = new StringWriter { NewLine = "\n" };
            JsonOutput.Document(text, report.WriteJson);
            return text.ToString();
        }
    }
}
