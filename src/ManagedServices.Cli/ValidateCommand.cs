using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text;
using System.Text.Json;
using ManagedServices.Arm;
using ManagedServices.Rest;
using ManagedServices.Serialization;
using ManagedServices.Validation;

namespace ManagedServices.Cli;

/// <summary>
/// <c>validate &lt;template.json|-&gt; [--parameters &lt;file&gt;]</c> and <c>validate --offer &lt;offer.json&gt;</c>:
/// reads the input (a template, an offer document, or registration definitions in the REST shape; the kind is
/// detected) and checks it against the Lighthouse rules; prints every diagnostic with its code and path.
/// Exit 0 without errors (warnings allowed), 1 with errors.
/// </summary>
internal sealed class ValidateCommand : Command
{
    /// <summary>The name that stands for standard input in place of a file.</summary>
    internal const string StandardInput = "-";

    public ValidateCommand(CliContext context)
        : base("validate", "Validates an onboarding template (with its parameters) or an offer document against the Lighthouse and Marketplace rules.")
    {
        Arguments.Add(Template);
        Options.Add(Parameters);
        Options.Add(Subscription.MustBeGuid());
        Options.Add(Offer);
        Options.Add(Format);
        this.Forbid(r => (r.GetValue(Template) is null) == (r.GetValue(Offer) is null), "give either a template file or --offer <offer.json>, not both and not neither");
        this.Forbid(r => r.GetValue(Template) is null && r.GetValue(Offer) is not null && r.GetValue(Parameters) is not null, "--parameters applies to a template, not to --offer");
        this.Forbid(r => r.GetValue(Template) == StandardInput && r.GetValue(Parameters) == StandardInput, "only one input can be read from standard input (-)");
        Action = new ValidateHandler(this, context);
    }

    public Argument<string?> Template { get; } = new("template") { Description = "The onboarding template (ARM JSON) to validate, or - for standard input; an offer document or registration definitions in the REST shape are detected and validated too.", Arity = ArgumentArity.ZeroOrOne };

    public Option<string?> Parameters { get; } = new("--parameters") { Description = "The template's parameters file (- for standard input).", HelpName = "file" };

    public Option<string?> Subscription { get; } = new("--subscription") { Description = "The subscription the template would be deployed to (used by subscription() in the template).", HelpName = "guid" };

    public Option<string?> Offer { get; } = new("--offer") { Description = "Validate an offer document (JSON) instead of a template (- for standard input).", HelpName = "file" };

    public Option<string> Format { get; } = OutputFormat.CreateDiagnosticsOption();
}

/// <summary>Reads the input, validates it with the library (<see cref="OfferValidator"/>) and writes the diagnostics.</summary>
internal sealed class ValidateHandler(ValidateCommand command, CliContext context) : SynchronousCommandLineAction
{
    private const string StandardInput = ValidateCommand.StandardInput;

    public override int Invoke(ParseResult parse)
    {
        var templatePath = parse.GetValue(command.Template);
        var offerPath = parse.GetValue(command.Offer);
        var parametersPath = parse.GetValue(command.Parameters);
        var file = offerPath ?? templatePath!;
        var parametersFile = offerPath is null ? parametersPath : null;
        var result = DocumentValidator.Validate(
            Read(context, file),
            parametersFile is null ? null : Read(context, parametersFile),
            new OnboardingReadOptions { SubscriptionId = Inputs.ParseSubscription(parse.GetValue(command.Subscription), "--subscription") },
            kind: offerPath is not null ? DocumentKind.Offer : DocumentKind.Unknown);
        var diagnostics = result.Diagnostics;
        if (result.Value != DocumentKind.Template)
        {
            parametersFile = null; // not used: the library says so (MSC0008)
        }

        var source = new DiagnosticInput
        {
            File = file == StandardInput ? null : file,
            ParametersFile = parametersFile is null or StandardInput ? null : parametersFile,
            ToolName = "managed-services",
            ToolVersion = CliApp.Version,
            BaseUri = new Uri(Path.TrimEndingDirectorySeparator(context.WorkingDirectory) + Path.DirectorySeparatorChar).AbsoluteUri,
        };
        Write(context, source, diagnostics, parse.GetValue(command.Format)!);
        return diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error) ? ExitCodes.InvalidInput : ExitCodes.Success;
    }

    /// <summary>Reads a file, or standard input for <c>-</c>, through the library's bounded reader.</summary>
    private static string Read(CliContext context, string path)
    {
        if (path != StandardInput)
        {
            return Inputs.ReadFile(context, path);
        }

        // Read at most one character more than the limit; the library's reader then applies its limit and its message.
        using var reader = context.OpenStandardInput();
        var buffer = new char[DocumentFile.MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = reader.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        using var bytes = new MemoryStream(Encoding.UTF8.GetBytes(buffer, 0, length));
        var result = DocumentFile.Read(bytes, "standard input");
        return !result.HasErrors
            ? result.Value
            : throw new InputException("cannot read standard input: " + string.Join("; ", result.Diagnostics.Select(static d => $"{d.Code} {d.Message}")));
    }

    private static void Write(CliContext context, DiagnosticInput source, ImmutableArray<Diagnostic> diagnostics, string format)
    {
        switch (format)
        {
            case OutputFormat.Sarif:
                context.Out.Write(DiagnosticFormat.ToSarif(diagnostics, source));
                return;
            case OutputFormat.MsBuild:
                context.Out.Write(DiagnosticFormat.ToMsBuild(diagnostics, source));
                return;
        }

        var errors = diagnostics.Count(static d => d.Severity == DiagnosticSeverity.Error);
        var warnings = diagnostics.Count(static d => d.Severity == DiagnosticSeverity.Warning);
        var file = source.File ?? StandardInput;
        if (format == OutputFormat.Json)
        {
            JsonOutput.Document(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteString("file", file);
                if (source.ParametersFile is { } parameters)
                {
                    w.WriteString("parameters", parameters);
                }

                w.WriteBoolean("valid", errors == 0);
                w.WriteNumber("errors", errors);
                w.WriteNumber("warnings", warnings);
                w.WriteStartArray("diagnostics");
                foreach (var d in diagnostics)
                {
                    WriteDiagnostic(w, d, source.FileOf(d) ?? StandardInput);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return;
        }

        foreach (var d in diagnostics)
        {
            context.Out.WriteLine($"{source.FileOf(d) ?? StandardInput}: {d}");
        }

        context.Out.WriteLine($"{file}: {(errors == 0 ? "valid" : "invalid")}, {errors} error(s), {warnings} warning(s)");
    }

    internal static void WriteDiagnostic(Utf8JsonWriter w, Diagnostic d, string? file = null)
    {
        w.WriteStartObject();
        w.WriteString("code", d.Code);
        w.WriteString("severity", d.Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "info" });
        w.WriteString("message", d.Message);
        w.WriteString("path", d.Path);
        if (file is not null)
        {
            w.WriteString("file", file);
        }

        if (d.Line is { } line)
        {
            w.WriteNumber("line", line);
        }

        if (d.Column is { } column)
        {
            w.WriteNumber("column", column);
        }

        if (d.Help is { } help)
        {
            w.WriteString("help", help);
        }

        w.WriteEndObject();
    }
}
