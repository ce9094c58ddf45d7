using System.CommandLine;
using ManagedServices.Lifecycle;
using ManagedServices.Reporting;
using ManagedServices.Arm;

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
        var format = OutputFormat.CreateOption(markdown: true);
        var command = new Command("diff", "Compares two versions of a delegation manifest and flags the changes that widen or narrow the managing tenant's access.")
        {
            oldFile, newFile, plan, oldParameters, newParameters, failOnWidening, format,
        };
        command.SetAction(parse =>
        {
            var oldPath = parse.GetValue(oldFile)!;
            var newPath = parse.GetValue(newFile)!;
            var json = OutputFormat.IsJson(parse, format);
            var markdown = parse.GetValue(format) == OutputFormat.Markdown;
            string text;
            bool widens;
            if (Inputs.Detect(Inputs.ReadFile(context, oldPath)) == DocumentKind.Template && Inputs.Detect(Inputs.ReadFile(context, newPath)) == DocumentKind.Template)
            {
                // Two templates: compare the delegations each creates (definitions placed by their assignments).
                var older = OnboardingTemplate.Delegations(Inputs.RequireTemplate(context, oldPath, parse.GetValue(oldParameters), null), default);
                var newer = OnboardingTemplate.Delegations(Inputs.RequireTemplate(context, newPath, parse.GetValue(newParameters), null), default);
                var diff = markdown ? null : DelegationDiff.Compare(older, newer);
                (text, widens) = diff is null ? Markdown(DiffReport.Compare(older, newer)) : (json ? diff.ToJson() + "\n" : diff.ToText(), diff.WidensAccess);
            }
            else
            {
                var older = Inputs.ReadManifest(context, oldPath, parse.GetValue(plan), parse.GetValue(oldParameters));
                var newer = Inputs.ReadManifest(context, newPath, parse.GetValue(plan), parse.GetValue(newParameters));
                var diff = markdown ? null : ManifestDiff.Compare(older, newer);
                (text, widens) = diff is null ? Markdown(DiffReport.Compare(older, newer)) : (json ? diff.ToJson() + "\n" : diff.ToText(), diff.WidensAccess);
            }

            context.Out.Write(text);
            return parse.GetValue(failOnWidening) && widens ? ExitCodes.InvalidInput : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The library's Markdown report of the changes (with example operations of each widened role).</summary>
    private static (string Text, bool Widens) Markdown(DiffReport report) => (report.ToMarkdown(), report.WidensAccess);
}
