using System.CommandLine;
using System.Text;
using ManagedServices.Offers;
using ManagedServices.Templates;

namespace ManagedServices.Cli;

/// <summary>
/// <c>convert &lt;input&gt; --to template|offer</c>: an offer document to an ARM onboarding template and its parameters
/// file (one plan), or an onboarding template (with parameters) to an offer document.
/// </summary>
internal static class ConvertCommand
{
    public const string ToTemplate = "template";
    public const string ToOffer = "offer";

    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "An offer document or an onboarding template (the kind is detected)." };
        var to = new Option<string>("--to") { Description = "What to write: template (ARM template + parameters file, from an offer document) or offer (an offer document, from a template).", Required = true, HelpName = "template|offer" };
        to.AcceptOnlyFromAmong(ToTemplate, ToOffer);
        var output = new Option<string?>("--output", "-o") { Description = "Where to write: for --to template the template file (the parameters file goes beside it as <name>.parameters.json; required); for --to offer a file (default: standard output).", HelpName = "file" };
        var parameters = new Option<string?>("--parameters") { Description = "The parameters file of an input template.", HelpName = "file" };
        var plan = new Option<string?>("--plan") { Description = "The plan to convert when the offer document has several.", HelpName = "id" };
        var resourceGroups = new Option<string[]>("--resource-group") { Description = "Delegate this resource group instead of the subscription (repeat for several).", HelpName = "name", AllowMultipleArgumentsPerToken = false };
        var marketplace = new Option<bool>("--marketplace") { Description = "Write a Marketplace template (with the plan reference) instead of a direct onboarding template." };
        var offerId = new Option<string?>("--offer-id") { Description = "For --to offer: the offer ID (default: the Marketplace plan's product, else derived from the offer name).", HelpName = "id" };
        var publisher = new Option<string?>("--publisher") { Description = "For --to offer: the publisher ID (default: the Marketplace plan's publisher, else 'unknown-publisher').", HelpName = "id" };
        var format = OutputFormat.CreateOption();
        var command = new Command("convert", "Converts an offer document to an ARM onboarding template and parameters file, or an onboarding template to an offer document.")
        {
            input, to, output, parameters, plan, resourceGroups, marketplace, offerId, publisher, format,
        };
        command.SetAction(parse =>
        {
            var inputPath = parse.GetValue(input)!;
            var json = Inputs.ReadFile(context, inputPath);
            var kind = Inputs.Detect(json);
            var outputPath = parse.GetValue(output);
            if (string.Equals(parse.GetValue(to), ToTemplate, StringComparison.Ordinal))
            {
                if (kind != DocumentKind.Offer)
                {
                    throw new InputException($"'{inputPath}' is not an offer document; --to template converts an offer document");
                }

                if (outputPath is null)
                {
                    throw new UsageException("--to template writes two files: give the template file with --output");
                }

                var offer = Inputs.RequireOffer(context, inputPath);
                var chosen = Inputs.PickPlan(offer, parse.GetValue(plan), inputPath);
                var groups = parse.GetValue(resourceGroups) ?? [];
                var target = groups.Length switch
                {
                    0 => OnboardingTarget.ForSubscription(),
                    1 => OnboardingTarget.ForResourceGroup(groups[0]),
                    _ => OnboardingTarget.ForResourceGroups(groups),
                };
                var definition = new OnboardingDefinition
                {
                    Name = offer.DisplayName,
                    Description = offer.Description,
                    Manifest = chosen.Manifest,
                    Plan = parse.GetValue(marketplace)
                        ? new MarketplacePlanReference { Publisher = offer.PublisherId, Product = offer.Id, Name = chosen.Id, Version = chosen.Manifest.Version.ToString() }
                        : null,
                };
                var written = OnboardingTemplate.Write(definition, target);
                if (!written.IsSuccess)
                {
                    throw new InputException("the offer cannot be written as a template:" + Environment.NewLine +
                                             string.Join(Environment.NewLine, written.Diagnostics.Select(static d => "  " + d)));
                }

                var templateFile = context.Resolve(outputPath);
                var parametersFile = ParametersPathFor(templateFile);
                WriteFile(templateFile, written.Value.Template);
                WriteFile(parametersFile, written.Value.Parameters);
                Report(context, parse, format, [templateFile, parametersFile]);
                return ExitCodes.Success;
            }

            if (kind != DocumentKind.Template)
            {
                throw new InputException($"'{inputPath}' is not an onboarding template; --to offer converts a template");
            }

            var content = Inputs.RequireTemplate(context, inputPath, parse.GetValue(parameters), null);
            var document = OfferDocument.Write(ToOfferModel(content.Definition, parse.GetValue(offerId), parse.GetValue(publisher)));
            if (outputPath is null)
            {
                context.Out.Write(document);
                return ExitCodes.Success;
            }

            var file = context.Resolve(outputPath);
            WriteFile(file, document);
            Report(context, parse, format, [file]);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>dir/name.json</c> → <c>dir/name.parameters.json</c>.</summary>
    internal static string ParametersPathFor(string templateFile)
    {
        var directory = Path.GetDirectoryName(templateFile) ?? "";
        var name = Path.GetFileNameWithoutExtension(templateFile);
        return Path.Combine(directory, name + ".parameters.json");
    }

    private static Offer ToOfferModel(OnboardingDefinition definition, string? offerId, string? publisher)
    {
        var id = offerId ?? definition.Plan?.Product ?? Slug(definition.Name);
        var result = new OfferBuilder()
            .WithId(id)
            .WithDisplayName(definition.Name)
            .WithPublisher(publisher ?? definition.Plan?.Publisher ?? "unknown-publisher")
            .WithDescription(definition.Description)
            .AddPlan(p => p
                .WithId(definition.Plan?.Name ?? "default")
                .WithName(definition.Name)
                .AsPublic()
                .WithManifest(definition.Manifest))
            .TryBuild();
        return result.IsSuccess
            ? result.Value
            : throw new InputException("the template cannot be expressed as an offer:" + Environment.NewLine +
                                       string.Join(Environment.NewLine, result.Diagnostics.Select(static d => "  " + d)));
    }

    /// <summary>An offer ID from a display name: lower-case letters and digits, other runs become one hyphen.</summary>
    internal static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "offer" : slug.Length > 50 ? slug[..50].TrimEnd('-') : slug;
    }

    private static void WriteFile(string path, string text)
    {
        try
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write '{path}': {e.Message}");
        }
    }

    private static void Report(CliContext context, ParseResult parse, Option<string> format, string[] files)
    {
        if (OutputFormat.IsJson(parse, format))
        {
            JsonOutput.Document(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("written");
                foreach (var f in files)
                {
                    w.WriteStringValue(f);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return;
        }

        foreach (var f in files)
        {
            context.Out.WriteLine("wrote " + f);
        }
    }
}
