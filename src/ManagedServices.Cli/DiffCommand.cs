using System.CommandLine;
using System.CommandLine.Invocation;
using ManagedServices.Reporting;

namespace ManagedServices.Cli;

/// <summary>
/// <c>diff &lt;old&gt; &lt;new&gt;</c>: the manifest diff between two versions (offer documents, onboarding
/// templates or registration definitions in the REST shape), with the access changes flagged as widening or narrowing.
/// The definition: its arguments and options; <see cref="DiffHandler"/> does one library call
/// (<see cref="DiffReport.Compare(ManagedServices.Serialization.ManifestSource, ManagedServices.Serialization.ManifestSource, RoleCatalog?)"/>).
/// </summary>
internal sealed class DiffCommand : Command
{
    public DiffCommand(CliContext context)
        : base("diff", "Compares two versions of a delegation manifest and flags the changes that widen or narrow the managing tenant's access.")
    {
        Arguments.Add(OldFile);
        Arguments.Add(NewFile);
        Options.Add(Plan);
        Options.Add(OldParameters);
        Options.Add(NewParameters);
        Options.Add(FailOnWidening);
        Options.Add(Format);
        Action = new DiffHandler(this, context);
    }

    public Argument<string> OldFile { get; } = new("old") { Description = "The version in force: an offer document, an onboarding template or a registration definition as Azure returns it." };

    public Argument<string> NewFile { get; } = new("new") { Description = "The proposed version: an offer document, an onboarding template or a registration definition as Azure returns it." };

    public Option<string?> Plan { get; } = new("--plan") { Description = "The plan to compare when an offer document has several.", HelpName = "id" };

    public Option<string?> OldParameters { get; } = new("--old-parameters") { Description = "Parameters file of the old template.", HelpName = "file" };

    public Option<string?> NewParameters { get; } = new("--new-parameters") { Description = "Parameters file of the new template.", HelpName = "file" };

    public Option<bool> FailOnWidening { get; } = new("--fail-on-widening") { Description = "Exit 1 when the new version widens access (for pipelines)." };

    public Option<string> Format { get; } = OutputFormat.CreateOption(markdown: true);
}

/// <summary>Reads both versions, compares them with the library and writes its report as text, JSON or Markdown.</summary>
internal sealed class DiffHandler(DiffCommand command, CliContext context) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parse)
    {
        var older = Inputs.ReadManifest(context, parse.GetValue(command.OldFile)!, parse.GetValue(command.Plan), parse.GetValue(command.OldParameters));
        var newer = Inputs.ReadManifest(context, parse.GetValue(command.NewFile)!, parse.GetValue(command.Plan), parse.GetValue(command.NewParameters));
        var compared = DiffReport.Compare(older, newer);
        if (compared.Value is not { } report || compared.HasErrors)
        {
            throw Inputs.Failed("the two versions cannot be compared (a template compared with a manifest must create one registration definition)", compared.Diagnostics);
        }

        context.Out.Write(parse.GetValue(command.Format) switch
        {
            OutputFormat.Markdown => report.ToMarkdown(),
            OutputFormat.Json => report.ToJson() + "\n",
            _ => report.ToText(),
        });
        return parse.GetValue(command.FailOnWidening) && report.WidensAccess ? ExitCodes.InvalidInput : ExitCodes.Success;
    }
}
