using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Arm;
using ManagedServices.Serialization;
using ManagedServices.Tests.Cli;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Serialization;

/// <summary>
/// <see cref="DocumentFile.DetectKind"/> picks the reader for a document from its top-level shape; tested on documents
/// this library did not write (Microsoft's samples, the REST shapes Azure returns) and on its own writers' output.
/// </summary>
public sealed class DocumentKindTests
{
    [TemplatesSharedFact]
    public void DetectKind_MicrosoftSampleTemplates_AreTemplates()
    {
        var templates = TemplatesSharedData.SampleTemplates();

        Assert.NotEmpty(templates);
        Assert.All(templates, static f => Assert.True(DocumentFile.DetectKind(File.ReadAllText(f)) == DocumentKind.Template, f));
    }

    [Theory]
    [InlineData("definitions.json")]
    [InlineData("assignments.json")]
    [InlineData("assignments-az.json")]
    [InlineData("assignments-unexpanded.json")]
    public void DetectKind_RestShapes_AreRegistrationResources(string file) =>
        Assert.Equal(DocumentKind.RegistrationDefinitions, DocumentFile.DetectKind(File.ReadAllText(Path.Combine(RepoPaths.AuditExamples, file))));

    [Fact]
    public void DetectKind_TheLibrarysOwnWriters_AreRecognised()
    {
        var offer = CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Reader);
        var definition = OnboardingDefinition.FromPlan(offer, offer.Plans[0], marketplace: false);

        Assert.Equal(DocumentKind.Offer, DocumentFile.DetectKind(OfferDocument.Write(offer)));
        Assert.Equal(DocumentKind.Template, DocumentFile.DetectKind(OnboardingTemplate.Write(definition, OnboardingTarget.ForSubscription()).Value!.Template));
    }

    [Theory]
    [InlineData("", DocumentKind.Unknown)]
    [InlineData("not json", DocumentKind.Unknown)]
    [InlineData("42", DocumentKind.Unknown)]
    [InlineData("\"text\"", DocumentKind.Unknown)]
    [InlineData("{}", DocumentKind.Unknown)]
    [InlineData("{\"plans\": []}", DocumentKind.Unknown)]
    [InlineData("{\"schemaVersion\": 1}", DocumentKind.Unknown)]
    [InlineData("{\"schemaVersion\": 1, \"plans\": []}", DocumentKind.Offer)]
    [InlineData("{\"schemaVersion\": 1, \"plans\": [], \"resources\": []}", DocumentKind.Offer)]
    [InlineData("{\"resources\": []}", DocumentKind.Template)]
    [InlineData("// a comment\n{\"$schema\": \"x\",}", DocumentKind.Template)]
    [InlineData("[]", DocumentKind.RegistrationDefinitions)]
    [InlineData("{\"value\": []}", DocumentKind.RegistrationDefinitions)]
    [InlineData("{\"value\": {}}", DocumentKind.Unknown)]
    [InlineData("{\"type\": \"Microsoft.ManagedServices/registrationDefinitions\"}", DocumentKind.RegistrationDefinitions)]
    [InlineData("{\"type\": \"microsoft.managedservices/registrationAssignments\"}", DocumentKind.RegistrationDefinitions)]
    [InlineData("{\"type\": \"Microsoft.Authorization/roleAssignments\"}", DocumentKind.Unknown)]
    [InlineData("{\"type\": 7}", DocumentKind.Unknown)]
    [InlineData("{\"type\": \"\\ud800\"}", DocumentKind.Unknown)]
    [InlineData("{\"Resources\": []}", DocumentKind.Unknown)]
    public void DetectKind_TopLevelShape(string json, DocumentKind expected) => Assert.Equal(expected, DocumentFile.DetectKind(json));

    /// <summary>Any text, however hostile, gives a kind and never an exception.</summary>
    [Property(MaxTest = 1000)]
    public Property DetectKind_AnyText_NeverThrows() => Prop.ForAll(
        Gen.Elements("{", "}", "[", "]", ",", ":", "\"", "\\ud800", "\ud800", "\"type\"", "\"value\"", "\"plans\"", "\"schemaVersion\"", "\"resources\"", "1", "null", "/*", "*/", "//", "\n")
            .ArrayOf().Select(static p => string.Concat(p.Take(30))).ToArbitrary(),
        static text => Enum.IsDefined(DocumentFile.DetectKind(text)));
}
