using System.CommandLine;
using ManagedServices.Lifecycle;
using ManagedServices.Templates;

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
            var oldPath = parse.GetValue(oldFile)!;
            var newPath = parse.GetValue(newFile)!;
            var json = OutputFormat.IsJson(parse, format);
            bool widens;
            if (Inputs.Detect(Inputs.ReadFile(context, oldPath)) == DocumentKind.Template && Inputs.Detect(Inputs.ReadFile(context, newPath)) == DocumentKind.Template)
            {
                // Two templates: compare the delegations each creates (definitions placed by their assignments).
                var older = Inputs.RequireTemplate(context, oldPath, parse.GetValue(oldParameters), null);
                var newer = Inputs.RequireTemplate(context, newPath, parse.GetValue(newParameters), null);
                var diff = DelegationDiff.Compare(OnboardingTemplate.Delegations(older, default), OnboardingTemplate.Delegations(newer, default));
                context.Out.Write(json ? diff.ToJson() + "\n" : diff.ToText());
                widens = diff.WidensAccess;
            }
            else
            {
                var older = Inputs.ReadManifest(context, oldPath, parse.GetValue(plan), parse.GetValue(oldParameters));
                var newer = Inputs.ReadManifest(context, newPath, parse.GetValue(plan), parse.GetValue(newParameters));
                var diff = ManifestDiff.Compare(older, newer);
                context.Out.Write(json ? diff.ToJson() + "\n" : diff.ToText());
                widens = diff.WidensAccess;
            }

            return parse.GetValue(failOnWidening) && widens ? ExitCodes.InvalidInput : ExitCodes.Success;
        });
        return command;
    }
}
