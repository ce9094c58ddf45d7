using ManagedServices.Arm;
using ManagedServices.Rest;
using ManagedServices.Serialization;
using ManagedServices.Tests.Cli;
using ManagedServices.Tests.TestSupport;
using ManagedServices.Validation;

namespace ManagedServices.Tests.Serialization;

/// <summary>
/// <see cref="DocumentValidator.Validate"/> is the one step behind <c>validate</c>: for each kind of document it gives
/// exactly what that kind's reader and the validator give, on documents this library did not write (Microsoft's
/// sample templates with their parameters, the REST shapes of the audit examples) and on an offer document.
/// </summary>
public sealed class DocumentValidatorTests
{
    [TemplatesSharedFact]
    public void Validate_MicrosoftSampleTemplates_AsTheTemplateReaderAndTheValidator()
    {
        var templates = TemplatesSharedData.SampleTemplates();
        Assert.NotEmpty(templates);
        foreach (var file in templates)
        {
            var text = File.ReadAllText(file);
            var parametersFile = Directory.EnumerateFiles(Path.GetDirectoryName(file)!, "*parameters*.json").FirstOrDefault();
            var parameters = parametersFile is null ? null : File.ReadAllText(parametersFile);
            var read = OnboardingTemplate.Read(text, parameters);
            var expected = read.Value is { } content
                ? [.. read.Diagnostics, .. OfferValidator.Default.Validate(content.RegistrationDefinitions).Diagnostics]
                : read.Diagnostics;

            var result = DocumentValidator.Validate(text, parameters);

            Assert.Equal(DocumentKind.Template, result.Value);
            Assert.Equal(expected.ToArray(), result.Diagnostics.ToArray());
        }
    }

    [Fact]
    public void Validate_RestDefinitions_AsTheRestReaderAndTheValidator()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.AuditExamples, "definitions.json"));
        var read = RegistrationResources.ReadDefinitions(text);
        Assert.False(read.HasErrors);
        var expected = read.Diagnostics.AddRange(OfferValidator.Default.Validate([.. read.Value!.Select(static d => d.Definition)]).Diagnostics);

        var result = DocumentValidator.Validate(text);

        Assert.Equal(DocumentKind.RegistrationDefinitions, result.Value);
        Assert.Equal(expected.ToArray(), result.Diagnostics.ToArray());
        Assert.NotEmpty(result.Diagnostics); // the example holds an eligible Owner: the validator must say so
    }

    [Fact]
    public void Validate_OfferDocument_AsTheOfferReaderAndTheValidator()
    {
        var valid = OfferDocument.Write(CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Reader));
        var owner = OfferDocument.Write(CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Owner));

        var ok = DocumentValidator.Validate(valid);
        var bad = DocumentValidator.Validate(owner);

        Assert.Equal(DocumentKind.Offer, ok.Value);
        Assert.False(ok.HasErrors, string.Join("; ", ok.Diagnostics));
        Assert.Equal(DocumentKind.Offer, bad.Value);
        Assert.Contains(bad.Errors, static d => d.Code == DiagnosticCodes.OwnerRoleNotAllowed);
        Assert.Equal(OfferValidator.Default.Validate(OfferDocument.Read(owner).Value!).Diagnostics.ToArray(), bad.Diagnostics.ToArray());
    }

    [Fact]
    public void Validate_ParametersWithADocumentThatIsNoTemplate_IsAnErrorAndTheDocumentIsStillValidated()
    {
        var offer = OfferDocument.Write(CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Owner));
        var rest = File.ReadAllText(Path.Combine(RepoPaths.AuditExamples, "definitions.json"));

        var withOffer = DocumentValidator.Validate(offer, parameters: "{}");
        var withRest = DocumentValidator.Validate(rest, parameters: "{}");

        Assert.Equal(DiagnosticCodes.ParametersNotApplicable, withOffer.Diagnostics[0].Code);
        Assert.Equal(DiagnosticSeverity.Error, withOffer.Diagnostics[0].Severity);
        Assert.Contains(withOffer.Errors, static d => d.Code == DiagnosticCodes.OwnerRoleNotAllowed);
        Assert.Equal(DiagnosticCodes.ParametersNotApplicable, withRest.Diagnostics[0].Code);
        Assert.Equal(DocumentValidator.Validate(rest).Diagnostics.ToArray(), withRest.Diagnostics.RemoveAt(0).ToArray());
    }

    [Fact]
    public void Validate_KindAskedFor_ReadsWithThatReader()
    {
        var template = OnboardingTemplate.Write(
            OnboardingDefinition.FromPlan(CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Reader), CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Reader).Plans[0], marketplace: false),
            OnboardingTarget.ForSubscription()).Value!.Template;

        var asOffer = DocumentValidator.Validate(template, kind: DocumentKind.Offer);

        Assert.Equal(DocumentKind.Offer, asOffer.Value);
        Assert.True(asOffer.HasErrors);
        Assert.Equal(OfferDocument.Read(template).Diagnostics.ToArray(), asOffer.Diagnostics.ToArray());
        Assert.Equal(DocumentKind.Template, DocumentValidator.Validate(template).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[1, 2]")]
    public void Validate_Garbage_FailsClosed(string text)
    {
        var result = DocumentValidator.Validate(text);

        Assert.True(result.HasErrors);
    }
}
