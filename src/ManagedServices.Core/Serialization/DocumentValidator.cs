using ManagedServices.Arm;
using ManagedServices.Rest;
using ManagedServices.Validation;

namespace ManagedServices.Serialization;

/// <summary>
/// Validates a document of any kind the library reads, as one step: an onboarding template (with its parameters), an
/// offer document, or registration definitions as Azure's REST API and the Azure CLI return them. The kind is
/// recognised by <see cref="DocumentFile.DetectKind"/>, the document is read by that kind's reader, and what it holds is
/// checked by an <see cref="OfferValidator"/>: the diagnostics of both steps, in that order.
/// </summary>
public static class DocumentValidator
{
    /// <summary>Reads and validates a document of any kind.</summary>
    /// <param name="document">The document text.</param>
    /// <param name="parameters">
    /// The text of a parameters file, for a template only. Given with another kind of document it is an error
    /// <see cref="DiagnosticCodes.ParametersNotApplicable"/> (it would otherwise be ignored without a word), and the
    /// document is still read and validated.
    /// </param>
    /// <param name="options">How a template is read (for example the subscription for <c>subscription()</c>); null for the defaults.</param>
    /// <param name="validator">The validator; null for <see cref="OfferValidator.Default"/>.</param>
    /// <param name="kind">
    /// The kind to read the document as; <see cref="DocumentKind.Unknown"/> (the default) to recognise it with
    /// <see cref="DocumentFile.DetectKind"/>. A document of another kind than the one asked for is read by the asked
    /// kind's reader, which reports what it lacks.
    /// </param>
    /// <returns>
    /// The kind the document was read as (a document that is no other kind is read as a template, whose reader says what
    /// is wrong with it), and every diagnostic of reading and validating it. <see cref="DiagnosticResult{T}.HasErrors"/>
    /// is false only for a document that was read and is valid.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    public static DiagnosticResult<DocumentKind> Validate(
        string document, string? parameters = null, OnboardingReadOptions? options = null, OfferValidator? validator = null,
        DocumentKind kind = DocumentKind.Unknown)
    {
        ArgumentNullException.ThrowIfNull(document);
        validator ??= OfferValidator.Default;
        if (kind == DocumentKind.Unknown)
        {
            kind = DocumentFile.DetectKind(document);
        }

        if (kind is not DocumentKind.Offer and not DocumentKind.RegistrationDefinitions)
        {
            // Anything else is read as a template, whose reader says what is wrong with it.
            return new(DocumentKind.Template, Then(OnboardingTemplate.Read(document, parameters, options), c => validator.Validate(c.RegistrationDefinitions).Diagnostics));
        }

        var diagnostics = kind == DocumentKind.Offer
            ? Then(OfferDocument.Read(document), o => validator.Validate(o).Diagnostics)
            : Then(RegistrationResources.ReadDefinitions(document), d => validator.Validate([.. d.Select(static r => r.Definition)]).Diagnostics);
        if (parameters is not null)
        {
            diagnostics = diagnostics.Insert(0, Diagnostic.Error(
                DiagnosticCodes.ParametersNotApplicable,
                $"Parameters apply to an onboarding template only; this document is {(kind == DocumentKind.Offer ? "an offer document" : "a list of registration definitions")}, so they were not used.",
                ""));
        }

        return new(kind, diagnostics);
    }

    /// <summary>The reader's diagnostics, followed by the validator's when the reader produced a value.</summary>
    private static ImmutableArray<Diagnostic> Then<T>(DiagnosticResult<T> read, Func<T, ImmutableArray<Diagnostic>> validate) =>
        read.Value is { } value ? [.. read.Diagnostics, .. validate(value)] : read.Diagnostics;
}
