using System.Text.Json;
using FsCheck.Xunit;
using ManagedServices.Offers;
using ManagedServices.Serialization;
using ManagedServices.Tests.Arm;

namespace ManagedServices.Tests.Serialization;

public class OfferDocumentTests
{
    private static Offer Sample() => new()
    {
        Id = "contoso-managed",
        DisplayName = "Contoso Managed Infrastructure",
        PublisherId = "contoso",
        Description = "Monitoring and patching",
        Plans =
        [
            new Plan
            {
                Id = "gold",
                Name = "Gold",
                Visibility = PlanVisibility.Private,
                Audience = [SubscriptionId.Parse("ed40e6c1-4292-4dd6-88f1-89e0da98d68b")],
                Manifest = TemplateSamples.Manifest() with { Version = new ManifestVersion(1, 2, 3) },
            },
        ],
    };

    [Property(Arbitrary = [typeof(TemplatesArbitraries)], MaxTest = 100)]
    public void WriteThenRead_AnyOffer_IsLossless(Offer offer)
    {
        var text = OfferDocument.Write(offer);
        var result = OfferDocument.Read(text);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(offer, result.Value);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(text, OfferDocument.Write(result.Value));
    }

    [Fact]
    public void Write_StartsWithSchemaVersion_AndKeepsKindsAndNames()
    {
        var text = OfferDocument.Write(Sample());
        Assert.StartsWith("{\n  \"schemaVersion\": \"1.0\",\n", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Contains("\"visibility\": \"Private\"", text, StringComparison.Ordinal);
        Assert.Contains("\"maximumActivationDuration\": \"PT1H30M\"", text, StringComparison.Ordinal);
        Assert.Contains("\"version\": \"1.2.3\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", DiagnosticCodes.RequiredValueMissing)]
    [InlineData("{\"schemaVersion\": \"2.0\"}", DiagnosticCodes.DocumentSchemaVersionUnsupported)]
    [InlineData("{\"schemaVersion\": 1}", DiagnosticCodes.JsonUnexpectedType)]
    [InlineData("{\"schemaVersion\": \"1.0\", \"schemaVersion\": \"1.0\"}", DiagnosticCodes.JsonDuplicateProperty)]
    [InlineData("not json", DiagnosticCodes.JsonMalformed)]
    public void Read_Invalid_IsDiagnostic(string json, string code)
    {
        var result = OfferDocument.Read(json);
        Assert.Null(result.Value);
        Assert.Contains(result.Diagnostics, d => d.Code == code);
    }

    [Fact]
    public void Read_BadValues_ReportPathsAndLines()
    {
        var text = OfferDocument.Write(Sample())
            .Replace("\"kind\": \"Unknown\"", "\"kind\": \"Robot\"", StringComparison.Ordinal)
            .Replace("\"visibility\": \"Private\"", "\"visibility\": \"Secret\"", StringComparison.Ordinal)
            .Replace("ed40e6c1-4292-4dd6-88f1-89e0da98d68b", "not-a-guid", StringComparison.Ordinal);
        var result = OfferDocument.Read(text);
        Assert.Null(result.Value);
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.JsonUnexpectedType && d.Path == "$.plans[0].visibility" && d.Line == 11);
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.InvalidGuid && d.Path == "$.plans[0].audience[0]");
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.JsonUnexpectedType && d.Path.EndsWith(".principal.kind", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_UnknownMember_IsWarningAndIgnored()
    {
        var text = OfferDocument.Write(Sample()).Replace("\"id\": \"contoso-managed\",", "\"id\": \"contoso-managed\", \"colour\": \"blue\",", StringComparison.Ordinal);
        var result = OfferDocument.Read(text);
        Assert.False(result.HasErrors);
        Assert.Equal(Sample(), result.Value);
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.JsonUnknownMember);
    }

    [Fact]
    public void ConfigureForManagedServices_WritesIsoDurationsAndGuids()
    {
        var options = new JsonSerializerOptions().ConfigureForManagedServices();
        Assert.Equal("\"PT8H\"", JsonSerializer.Serialize(TimeSpan.FromHours(8), options));
        Assert.Equal(TimeSpan.FromMinutes(30), JsonSerializer.Deserialize<TimeSpan>("\"PT30M\"", options));
        Assert.Equal("\"fbcdd0f3-dc82-4cee-bcde-7301d24e9bf6\"", JsonSerializer.Serialize(TemplateSamples.Tenant, options));
        Assert.Equal(TemplateSamples.Reader, JsonSerializer.Deserialize<RoleDefinitionId>("\"acdd72a7-3385-48ef-bd42-f606fba81ae7\"", options));
        Assert.Equal("\"1.2.3\"", JsonSerializer.Serialize(new ManifestVersion(1, 2, 3), options));
        Assert.Equal("\"Group\"", JsonSerializer.Serialize(PrincipalKind.Group, options));
        Assert.Equal("\"Azure\"", JsonSerializer.Serialize(MultiFactorAuthProvider.Azure, options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TenantId>("\"nope\"", options));
    }

    [Fact]
    public void ConfigureForManagedServices_RoundTripsAPolicyRecord()
    {
        var options = new JsonSerializerOptions().ConfigureForManagedServices();
        var policy = TemplateSamples.Manifest().EligibleAuthorizations[0].JustInTimeAccessPolicy;
        var json = JsonSerializer.Serialize(policy, options);
        Assert.Contains("\"MaximumActivationDuration\":\"PT1H30M\"", json, StringComparison.Ordinal);
        Assert.Equal(policy, JsonSerializer.Deserialize<JustInTimeAccessPolicy>(json, options));
    }
}
