using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Invocation;
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
internal sealed class ConvertCommand : Command
{
    public const string ToTemplate = "template";
    public const string ToBicep = "bicep";
    public const string ToRest = "rest";
    public const string ToOffer = "offer";

    public ConvertCommand(CliContext context)
        : base("convert", "Converts between an offer document, an ARM onboarding template and parameters file, Bicep, and registration definitions in the REST shape.")
    {
        To.AcceptOnlyFromAmong(ToTemplate, ToBicep, ToRest, ToOffer);
        RestShape.AcceptOnlyFromAmong("value", "array");
        ResourceGroups.Validators.Add(static r =>
        {
            foreach (var token in r.Tokens)
            {
                if (!ResourceScope.IsValidResourceGroupName(token.Value))
                {
                    r.AddError($"--resource-group '{token.Value}' is not a resource group name");
                    return;
                }
            }
        });
        Arguments.Add(Input);
        foreach (var option in new Option[] { To, Output, Parameters, Plan, Definition.MustBeGuid(), ResourceGroups, Marketplace, OfferId, Publisher, Subscription.MustBeGuid(), RestShape, Format })
        {
            Options.Add(option);
        }

        this.Forbid(r => r.GetValue(Output) is null && r.GetValue(To) == ToTemplate, "--to template writes two files: give the template file with --output");
        this.Forbid(r => r.GetValue(Output) is null && r.GetValue(To) == ToBicep, "--to bicep writes several files: give their directory with --output");
        Action = new ConvertHandler(this, context);
    }

    public Argument<string> Input { get; } = new("input") { Description = "An offer document, an onboarding template or registration definitions in the REST shape (the kind is detected)." };

    public Option<string> To { get; } = new("--to") { Description = "What to write: template (ARM template + parameters file), bicep (main.bicep, main.bicepparam and, for resource groups, rgAssignment.bicep), rest (registration definitions as Azure returns them) or offer (an offer document).", Required = true, HelpName = "template|bicep|rest|offer" };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Where to write: for template the template file (the parameters file goes beside it as <name>.parameters.json; required); for bicep a directory (required); for rest and offer a file (default: standard output).", HelpName = "path" };

    public Option<string?> Parameters { get; } = new("--parameters") { Description = "The parameters file of an input template.", HelpName = "file" };

    public Option<string?> Plan { get; } = new("--plan") { Description = "The plan to convert when the offer document has several.", HelpName = "id" };

    public Option<string?> Definition { get; } = new("--definition") { Description = "The registration definition (its name GUID) to convert when the REST input has several.", HelpName = "guid" };

    public Option<string[]> ResourceGroups { get; } = new("--resource-group") { Description = "Delegate this resource group instead of the subscription (repeat for several); for a template input it replaces the template's target.", HelpName = "name", AllowMultipleArgumentsPerToken = false };

    public Option<bool> Marketplace { get; } = new("--marketplace") { Description = "From an offer document: write a Marketplace template (with the plan reference) instead of a direct onboarding template." };

    public Option<string?> OfferId { get; } = new("--offer-id") { Description = "For --to offer: the offer ID (default: the Marketplace plan's product, else derived from the offer name).", HelpName = "id" };

    public Option<string?> Publisher { get; } = new("--publisher") { Description = "For --to offer: the publisher ID (default: the Marketplace plan's publisher, else 'unknown-publisher').", HelpName = "id" };

    public Option<string?> Subscription { get; } = new("--subscription") { Description = "The subscription the template is deployed to: feeds subscription() when a template is read, and gives the REST output its resource IDs.", HelpName = "guid" };

    public Option<string> RestShape { get; } = new("--rest-shape") { Description = "For --to rest: value (the REST list response { \"value\": [...] }, the default) or array (as az managedservices definition list prints).", HelpName = "value|array", DefaultValueFactory = static _ => "value" };

    public Option<string> Format { get; } = OutputFormat.CreateOption();
}

/// <summary>
/// Reads the input (its kind detected by the library), writes it in the form asked through the library's writers
/// (<see cref="OnboardingTemplate.Write"/>, <see cref="OnboardingBicep.Write"/>,
/// <see cref="RegistrationResources.WriteDefinitions"/>, <see cref="OfferDocument.Write"/>), and reports the files written.
/// </summary>
internal sealed class ConvertHandler(ConvertCommand command, CliContext context) : SynchronousCommandLineAction
{
    private const string ToTemplate = ConvertCommand.ToTemplate;
    private const string ToBicep = ConvertCommand.ToBicep;
    private const string ToRest = ConvertCommand.ToRest;
    private const string ToOffer = ConvertCommand.ToOffer;

    public override int Invoke(ParseResult parse)
    {
        var inputPath = parse.GetValue(command.Input)!;
        var target = parse.GetValue(command.To)!;
        var outputPath = parse.GetValue(command.Output);
        var subscriptionId = Inputs.ParseSubscription(parse.GetValue(command.Subscription), "--subscription");
        var groups = parse.GetValue(command.ResourceGroups) ?? [];
        var kind = Inputs.RequireKind(inputPath, Inputs.ReadFile(context, inputPath));
        if ((target == ToOffer && kind == DocumentKind.Offer) || (target == ToRest && kind == DocumentKind.RegistrationDefinitions))
        {
            throw new InputException($"'{inputPath}' already is {Describe(kind)}; --to {target} converts from the other forms");
        }

        if (parse.GetValue(command.Marketplace) && kind != DocumentKind.Offer)
        {
            throw new UsageException("--marketplace applies to an offer document; a template or registration definition keeps its own plan");
        }

        var source = kind switch
        {
            DocumentKind.Offer => FromOffer(context, inputPath, parse.GetValue(command.Plan), parse.GetValue(command.Marketplace), Target(groups)),
            DocumentKind.Template => FromTemplate(context, inputPath, parse.GetValue(command.Parameters), subscriptionId, groups, target),
            _ => FromRest(context, inputPath, parse.GetValue(command.Definition), Target(groups)),
        };

        if (Write(parse, source, target, outputPath, subscriptionId) is { } written)
        {
            Report(context, parse, command.Format, written);
        }

        return ExitCodes.Success;
    }

    /// <summary>Writes the form asked through the library's writer; the files written, or null when the text went to standard output.</summary>
    private string[]? Write(ParseResult parse, Source source, string target, string? outputPath, SubscriptionId? subscriptionId)
    {
        switch (target)
        {
            case ToTemplate:
                var files = Succeed(OnboardingTemplate.Write(source.Definition, source.Target), "a template");
                return OutputFiles.WriteTemplate(context.Resolve(outputPath!, "write"), files.Template, files.Parameters);
            case ToBicep:
                var bicep = Succeed(OnboardingBicep.Write(source.Definition, source.Target), "Bicep");
                var directory = context.Resolve(outputPath!, "write");
                var main = Path.Combine(directory, OnboardingBicep.MainFileName);
                var bicepParameters = Path.ChangeExtension(main, ".bicepparam");
                OutputFiles.Write(main, bicep.MainBicep);
                OutputFiles.Write(bicepParameters, bicep.Parameters);
                if (bicep.AssignmentModule is not { } module)
                {
                    return [main, bicepParameters];
                }

                var modulePath = Path.Combine(directory, OnboardingBicep.AssignmentModuleFileName);
                OutputFiles.Write(modulePath, module);
                return [main, bicepParameters, modulePath];
            case ToRest:
                var shape = parse.GetValue(command.RestShape) == "array" ? RestListShape.Array : RestListShape.ValueObject;
                return OutputFiles.WriteOrPrint(context, outputPath, RegistrationResources.WriteDefinitions(
                    source.RegistrationDefinitions(subscriptionId).Select(d => RegistrationDefinitionResource.InSubscription(d, subscriptionId)), shape));
            default:
                return OutputFiles.WriteOrPrint(context, outputPath, OfferDocument.Write(ToOfferModel(source.Definition, parse.GetValue(command.OfferId), parse.GetValue(command.Publisher))));
        }
    }

    private static string Describe(DocumentKind kind) => kind switch
    {
        DocumentKind.Offer => "an offer document",
        DocumentKind.Template => "an onboarding template",
        _ => "registration definitions in the REST shape",
    };

    private static OnboardingTarget? Target(string[] groups)
    {
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
        var definition = OnboardingDefinition.FromPlan(offer, chosen, marketplace);
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
        var definition = OnboardingDefinition.FromRegistrationDefinition(chosen);
        return new Source(definition, target ?? OnboardingTarget.ForSubscription(), target is null ? [chosen] : []);
    }

    private static T Succeed<T>(DiagnosticResult<T> result, string what)
        where T : class
    {
        if (!result.HasErrors)
        {
            return result.Value!;
        }

        throw Inputs.Failed($"the input cannot be written as {what}", result.Diagnostics);
    }

    private static Offer ToOfferModel(OnboardingDefinition definition, string? offerId, string? publisher)
    {
        var result = definition.ToOffer(offerId, publisher);
        return result.Value is { } offer && !result.HasErrors
            ? offer
            : throw new InputException("the input cannot be expressed as an offer:" + Environment.NewLine +
                                       string.Join(Environment.NewLine, result.Diagnostics.Select(static d => "  " + d)));
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
