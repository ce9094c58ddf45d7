using System.CommandLine;

namespace ManagedServices.Cli;

/// <summary>
/// <c>diff &lt;old&gt; &lt;new&gt;</c>: the manifest diff between two versions (offer documents, onboarding
/// templates or registration definitions in the REST shape), with the access changes flagged as widening or narrowing.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var oldFile = new Argument<string>("old") { Description = "The version in force: an offer document, an onboarding template or a registration definition as Azure returns it." };
        var newFile = new Argument<string>("new") { Description = "The proposed version: an offer document, an onboarding template or a registration definition as Azure returns it." };
        var plan = new Option<string?>("--plan") { Description = "The plan to compare when an offer document has several.", HelpName = "id" };
        var oldParameters = new Option<string?>("--old-parameters") { Description = "Parameters file of the old template.", HelpName = "file" };
        var newParameters = new Option<string?>("--new-parameters") { Description = "Parameters file of the new template.", HelpName = "file" };
        var failOnWidening = new Option<bool>("--fail-on-widening") { Description = "Exit 1 when the new version widens access (for pipelines)." };
        var format = OutputFormat.CreateOption();
        var command = new Command("diff", "Compares two versions of a delegation manifest and flags the changes that widen or narrow the managing tenant's access.")
        {
            oldFile, newFile, plan, oldParameters, newParameters, failOnWidening, format,
        };
        command.SetAction(parse =>
        {
            var older = Inputs.ReadManifest(context, parse.GetValue(oldFile)!, parse.GetValue(plan), parse.GetValue(oldParameters));
            var newer = Inputs.ReadManifest(context, parse.GetValue(newFile)!, parse.GetValue(plan), parse.GetValue(newParameters));
            var diff = Lifecycle.ManifestDiff.Compare(older, newer);
            context.Out.Write(OutputFormat.IsJson(parse, format) ? diff.ToJson() + "\n" : diff.ToText());
            return parse.GetValue(failOnWidening) && diff.WidensAccess ? ExitCodes.InvalidInput : ExitCodes.Success;
        });
        return command;
    }
}
