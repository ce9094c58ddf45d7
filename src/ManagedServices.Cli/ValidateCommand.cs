using System.Collections.Immutable;
using System.CommandLine;
using System.Text.Json;
using ManagedServices.Templates;
using ManagedServices.Validation;

namespace ManagedServices.Cli;

/// <summary>
/// <c>validate &lt;template.json&gt; [--parameters &lt;file&gt;]</c> and <c>validate --offer &lt;offer.json&gt;</c>:
/// reads the input (a template, an offer document, or registration definitions in the REST shape; the kind is
/// detected) and checks it against the Lighthouse rules; prints every diagnostic with its code and path.
/// Exit 0 without errors (warnings allowed), 1 with errors.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var template = new Argument<string?>("template") { Description = "The onboarding template (ARM JSON) to validate; an offer document or registration definitions in the REST shape are detected and validated too.", Arity = ArgumentArity.ZeroOrOne };
        var parameters = new Option<string?>("--parameters") { Description = "The template's parameters file.", HelpName = "file" };
        var subscription = new Option<string?>("--subscription") { Description = "The subscription the template would be deployed to (used by subscription() in the template).", HelpName = "guid" };
        var offer = new Option<string?>("--offer") { Description = "Validate an offer document (JSON) instead of a template.", HelpName = "file" };
        var format = OutputFormat.CreateOption();
        var command = new Command("validate", "Validates an onboarding template (with its parameters) or an offer document against the Lighthouse and Marketplace rules.")
        {
            template, parameters, subscription, offer, format,
        };
        command.SetAction(parse =>
        {
            var templatePath = parse.GetValue(template);
            var offerPath = parse.GetValue(offer);
            if ((templatePath is null) == (offerPath is null))
            {
                throw new UsageException("give either a template file or --offer <offer.json>, not both and not neither");
            }

            if (offerPath is not null && parse.GetValue(parameters) is not null)
            {
                throw new UsageException("--parameters applies to a template, not to --offer");
            }

            ImmutableArray<Diagnostic> diagnostics;
            string file;
            if (offerPath is not null)
            {
                file = offerPath;
                diagnostics = ValidateOffer(context, offerPath);
            }
            else if (Inputs.Detect(Inputs.ReadFile(context, templatePath!)) is var kind && kind != DocumentKind.Template && kind != DocumentKind.Unknown)
            {
                // The positional file may also be an offer document or registration definitions as Azure returns them.
                file = templatePath!;
                if (parse.GetValue(parameters) is not null)
                {
                    throw new UsageException("--parameters applies to a template");
                }

                diagnostics = kind == DocumentKind.Offer ? ValidateOffer(context, file) : ValidateDefinitions(context, file);
            }
            else
            {
                file = templatePath!;
                var read = Inputs.ReadTemplate(context, templatePath!, parse.GetValue(parameters), Inputs.ParseSubscription(parse.GetValue(subscription), "--subscription"));
                diagnostics = read.Value is { } content
                    ? [.. read.Diagnostics, .. OfferValidator.Default.Validate(content.RegistrationDefinitions).Diagnostics]
                    : read.Diagnostics;
            }

            Write(context, file, diagnostics, OutputFormat.IsJson(parse, format));
            return diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error) ? ExitCodes.InvalidInput : ExitCodes.Success;
        });
        return command;
    }

    private static ImmutableArray<Diagnostic> ValidateOffer(CliContext context, string path)
    {
        var read = OfferDocument.Read(Inputs.ReadFile(context, path));
        return read.Value is { } value ? [.. read.Diagnostics, .. OfferValidator.Default.Validate(value).Diagnostics] : read.Diagnostics;
    }

    /// <summary>Every registration definition of a REST list (paths start with <c>[i].</c> when there are several).</summary>
    private static ImmutableArray<Diagnostic> ValidateDefinitions(CliContext context, string path)
    {
        var read = RegistrationResources.ReadDefinitions(Inputs.ReadFile(context, path));
        return read.Value is { } definitions
            ? [.. read.Diagnostics, .. OfferValidator.Default.Validate([.. definitions.Select(static d => d.Definition)]).Diagnostics]
            : read.Diagnostics;
    }

    private static void Write(CliContext context, string file, ImmutableArray<Diagnostic> diagnostics, bool json)
    {
        var errors = diagnostics.Count(static d => d.Severity == DiagnosticSeverity.Error);
        var warnings = diagnostics.Count(static d => d.Severity == DiagnosticSeverity.Warning);
        if (json)
        {
            JsonOutput.Document(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteString("file", file);
                w.WriteBoolean("valid", errors == 0);
                w.WriteNumber("errors", errors);
                w.WriteNumber("warnings", warnings);
                w.WriteStartArray("diagnostics");
                foreach (var d in diagnostics)
                {
                    WriteDiagnostic(w, d);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return;
        }

        foreach (var d in diagnostics)
        {
            context.Out.WriteLine($"{file}: {d}");
        }

        context.Out.WriteLine($"{file}: {(errors == 0 ? "valid" : "invalid")}, {errors} error(s), {warnings} warning(s)");
    }

    internal static void WriteDiagnostic(Utf8JsonWriter w, Diagnostic d)
    {
        w.WriteStartObject();
        w.WriteString("code", d.Code);
        w.WriteString("severity", d.Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "info" });
        w.WriteString("message", d.Message);
        w.WriteString("path", d.Path);
        if (d.Line is { } line)
        {
            w.WriteNumber("line", line);
        }

        if (d.Help is { } help)
        {
            w.WriteString("help", help);
        }

        w.WriteEndObject();
    }
}
