using System.Collections.Immutable;
using System.CommandLine;
using System.Text;
using ManagedServices.Offers;
using ManagedServices.Arm;
using ManagedServices.Bicep;
using ManagedServices.Rest;
using ManagedServices.Serialization;

namespace ManagedServices.Cli;

/// <summary>
/// <c>convert &lt;input&gt; --to template|bicep|rest|offer</c>: reads an offer document, an onboarding template (with
/// parameters) or registration definitions in the REST shape, and writes one of the other forms: the ARM template and
/// parameters file, the Bicep files, the REST shape of the registration definitions, or an offer document.
/// </summary>
internal static class ConvertCommand
{
    public const string ToTemplate = "template";
    public const string ToBicep = "bicep";
    public const string ToRest = "rest";
    public const string ToOffer = "offer";

    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "An offer document, an onboarding template or registration definitions in the REST shape (the kind is detected)." };
        var to = new Option<string>("--to") { Description = "What to write: template (ARM template + parameters file), bicep (main.bicep, main.bicepparam and, for resource groups, rgAssignment.bicep), rest (registration definitions as Azure returns them) or offer (an offer document).", Required = true, HelpName = "template|bicep|rest|offer" };
        to.AcceptOnlyFromAmong(ToTemplate, ToBicep, ToRest, ToOffer);
        var output = new Option<string?>("--output", "-o") { Description = "Where to write: for template the template file (the parameters file goes beside it as <name>.parameters.json; required); for bicep a directory (required); for rest and offer a file (default: standard output).", HelpName = "path" };
        var parameters = new Option<string?>("--parameters") { Description = "The parameters file of an input template.", HelpName = "file" };
        var plan = new Option<string?>("--plan") { Description = "The plan to convert when the offer document has several.", HelpName = "id" };
        var definitionOption = new Option<string?>("--definition") { Description = "The registration definition (its name GUID) to convert when the REST input has several.", HelpName = "guid" };
        var resourceGroups = new Option<string[]>("--resource-group") { Description = "Delegate this resource group instead of the subscription (repeat for several); for a template input it replaces the template's target.", HelpName = "name", AllowMultipleArgumentsPerToken = false };
        var marketplace = new Option<bool>("--marketplace") { Description = "From an offer document: write a Marketplace template (with the plan reference) instead of a direct onboarding template." };
        var offerId = new Option<string?>("--offer-id") { Description = "For --to offer: the offer ID (default: the Marketplace plan's product, else derived from the offer name).", HelpName = "id" };
        var publisher = new Option<string?>("--publisher") { Description = "For --to offer: the publisher ID (default: the Marketplace plan's publisher, else 'unknown-publisher').", HelpName = "id" };
        var subscription = new Option<string?>("--subscription") { Description = "The subscription the template is deployed to: feeds subscription() when a template is read, and gives the REST output its resource IDs.", HelpName = "guid" };
        var restShape = new Option<string>("--rest-shape") { Description = "For --to rest: value (the REST list response { \"value\": [...] }, the default) or array (as az managedservices definition list prints).", HelpName = "value|array", DefaultValueFactory = static _ => "value" };
        restShape.AcceptOnlyFromAmong("value", "array");
        var format = OutputFormat.CreateOption();
        var command = new Command("convert", "Converts between an offer document, an ARM onboarding template and parameters file, Bicep, and registration definitions in the REST shape.")
        {
            input, to, output, parameters, plan, definitionOption, resourceGroups, marketplace, offerId, publisher, subscription, restShape, format,
        };
        command.SetAction(parse =>
        {
            var inputPath = parse.GetValue(input)!;
            var target = parse.GetValue(to)!;
            var outputPath = parse.GetValue(output);
            var subscriptionId = Inputs.ParseSubscription(parse.GetValue(subscription), "--subscription");
            var groups = parse.GetValue(resourceGroups) ?? [];
            var kind = Inputs.Detect(Inputs.ReadFile(context, inputPath));
            if (kind == DocumentKind.Unknown)
            {
                throw new InputException($"'{inputPath}' is neither an offer document, an onboarding template nor registration definitions (REST shape)");
            }

            if ((target == ToOffer && kind == DocumentKind.Offer) || (target == ToRest && kind == DocumentKind.RegistrationDefinitions))
            {
                throw new InputException($"'{inputPath}' already is {Describe(kind)}; --to {target} converts from the other forms");
            }

            if (outputPath is null && target is ToTemplate or ToBicep)
            {
                throw new UsageException(target == ToTemplate
                    ? "--to template writes two files: give the template file with --output"
                    : "--to bicep writes several files: give their directory with --output");
            }

            if (parse.GetValue(marketplace) && kind != DocumentKind.Offer)
            {
                throw new UsageException("--marketplace applies to an offer document; a template or registration definition keeps its own plan");
            }

            var source = kind switch
            {
                DocumentKind.Offer => FromOffer(context, inputPath, parse.GetValue(plan), parse.GetValue(marketplace), Target(groups)),
                DocumentKind.Template => FromTemplate(context, inputPath, parse.GetValue(parameters), subscriptionId, groups, target),
                _ => FromRest(context, inputPath, parse.GetValue(definitionOption), Target(groups)),
            };

            string[] written;
            switch (target)
            {
                case ToTemplate:
                    var files = Succeed(OnboardingTemplate.Write(source.Definition, source.Target), "a template");
                    var templateFile = context.Resolve(outputPath!);
                    var parametersFile = ParametersPathFor(templateFile);
                    WriteFile(templateFile, files.Template);
                    WriteFile(parametersFile, files.Parameters);
                    written = [templateFile, parametersFile];
                    break;
                case ToBicep:
                    var bicep = Succeed(OnboardingBicep.Write(source.Definition, source.Target), "Bicep");
                    var directory = context.Resolve(outputPath!);
                    var main = Path.Combine(directory, OnboardingBicep.MainFileName);
                    var bicepParameters = Path.ChangeExtension(main, ".bicepparam");
                    WriteFile(main, bicep.MainBicep);
                    WriteFile(bicepParameters, bicep.Parameters);
                    written = [main, bicepParameters];
                    if (bicep.AssignmentModule is { } module)
                    {
                        var modulePath = Path.Combine(directory, OnboardingBicep.AssignmentModuleFileName);
                        WriteFile(modulePath, module);
                        written = [.. written, modulePath];
                    }

                    break;
                case ToRest:
                    var shape = parse.GetValue(restShape) == "array" ? RestListShape.Array : RestListShape.ValueObject;
                    var rest = RegistrationResources.WriteDefinitions(source.RegistrationDefinitions(subscriptionId).Select(d => new RegistrationDefinitionResource
                    {
                        Definition = d,
                        ResourceId = subscriptionId is { } s ? $"/subscriptions/{s}/providers/Microsoft.ManagedServices/registrationDefinitions/{d.Id:D}" : null,
                    }), shape);
                    if (!TryWrite(context, outputPath, rest, out written))
                    {
                        return ExitCodes.Success;
                    }

                    break;
                default:
                    var document = OfferDocument.Write(ToOfferModel(source.Definition, parse.GetValue(offerId), parse.GetValue(publisher)));
                    if (!TryWrite(context, outputPath, document, out written))
                    {
                        return ExitCodes.Success;
                    }

                    break;
            }

            Report(context, parse, format, written);
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

    private static string Describe(DocumentKind kind) => kind switch
    {
        DocumentKind.Offer => "an offer document",
        DocumentKind.Template => "an onboarding template",
        _ => "registration definitions in the REST shape",
    };

    private static OnboardingTarget? Target(string[] groups)
    {
        foreach (var group in groups)
        {
            if (!ResourceScope.IsValidResourceGroupName(group))
            {
                throw new UsageException($"--resource-group '{group}' is not a resource group name");
            }
        }

        return groups.Length switch
        {
            0 => null,
            1 => OnboardingTarget.ForResourceGroup(groups[0]),
            _ => OnboardingTarget.ForResourceGroups(groups),
        };
    }

    private static Source FromOffer(CliContext context, string path, string? planId, bool marketplace, OnboardingTarget? target)
    {
        var offer = Inputs.RequireOffer(context, path);
        var chosen = Inputs.PickPlan(offer, planId, path);
        var definition = new OnboardingDefinition
        {
            Name = offer.DisplayName,
            Description = offer.Description,
            Manifest = chosen.Manifest,
            Plan = marketplace
                ? new MarketplacePlanReference { Publisher = offer.PublisherId, Product = offer.Id, Name = chosen.Id, Version = chosen.Manifest.Version.ToString() }
                : null,
        };
        return new Source(definition, target ?? OnboardingTarget.ForSubscription(), []);
    }

    private static Source FromTemplate(CliContext context, string path, string? parameters, SubscriptionId? subscription, string[] groups, string format)
    {
        var content = Inputs.RequireTemplate(context, path, parameters, subscription);
        var target = Target(groups);
        // Only the REST shape of the template's own definitions holds several; everything else (another format, or
        // definitions rewritten for other resource groups) refuses rather than keep the first one.
        var definition = format == ToRest && target is null
            ? content.Definition
            : Succeed(OnboardingTemplate.SingleDefinition(content, format switch { ToOffer => "an offer plan", ToBicep => "a Bicep onboarding", _ => "an onboarding template" }), format);
        return new Source(definition, target ?? content.Target, target is null ? content.RegistrationDefinitions : []);
    }

    private static Source FromRest(CliContext context, string path, string? definitionId, OnboardingTarget? target)
    {
        var chosen = Inputs.PickDefinition(Inputs.RequireDefinitions(context, path), definitionId, path);
        var definition = new OnboardingDefinition { Name = chosen.Name, Description = chosen.Description, Manifest = chosen.Manifest, Plan = chosen.Plan };
        return new Source(definition, target ?? OnboardingTarget.ForSubscription(), target is null ? [chosen] : []);
    }

    private static T Succeed<T>(DiagnosticResult<T> result, string what)
        where T : class
    {
        if (!result.HasErrors)
        {
            return result.Value;
        }

        throw new InputException($"the input cannot be written as {what}:" + Environment.NewLine +
                                 string.Join(Environment.NewLine, result.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).Select(static d => "  " + d)));
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
        return !result.HasErrors
            ? result.Value
            : throw new InputException("the input cannot be expressed as an offer:" + Environment.NewLine +
                                       string.Join(Environment.NewLine, result.Diagnostics.Select(static d => "  " + d)));
    }

    /// <summary>Writes <paramref name="text"/> to a file, or to standard output when no file is named (then returns false: nothing to report).</summary>
    private static bool TryWrite(CliContext context, string? outputPath, string text, out string[] written)
    {
        if (outputPath is null)
        {
            context.Out.Write(text);
            written = [];
            return false;
        }

        var file = context.Resolve(outputPath);
        WriteFile(file, text);
        written = [file];
        return true;
    }

    /// <summary>Writes a UTF-8 file (no BOM), creating its directory; a failure is invalid input (exit 1).</summary>
    internal static void WriteFile(string path, string text)
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

    /// <summary>
    /// What was read: the onboarding definition, the target to write, and the registration definitions with their
    /// resource names when the input names them (a template read for its own target, or REST input).
    /// </summary>
    private sealed record Source(OnboardingDefinition Definition, OnboardingTarget Target, ImmutableArray<RegistrationDefinition> Named)
    {
        /// <summary>
        /// The registration definitions a deployment creates: the input's own, or those the library returns for a
        /// deployment to <see cref="Target"/> (<see cref="OnboardingTemplate.Deployed"/>).
        /// </summary>
        public ImmutableArray<RegistrationDefinition> RegistrationDefinitions(SubscriptionId? subscription)
        {
            if (!Named.IsDefaultOrEmpty)
            {
                return Named;
            }

            return Succeed(OnboardingTemplate.Deployed(Definition, Target, subscription), "registration definitions").RegistrationDefinitions;
        }
    }
}
