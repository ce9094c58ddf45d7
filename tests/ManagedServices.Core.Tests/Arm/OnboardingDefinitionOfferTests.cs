using ManagedServices.Arm;
using ManagedServices.Offers;
using ManagedServices.Tests.Cli;

namespace ManagedServices.Tests.Arm;

/// <summary>Between an offer's plan and an onboarding definition: <see cref="OnboardingDefinition.FromPlan"/> and <see cref="OnboardingDefinition.ToOffer"/>.</summary>
public sealed class OnboardingDefinitionOfferTests
{
    private static readonly Offer Offer = CliFixture.CreateOffer("1.2.3", BuiltInRoleIds.Contributor);

    [Fact]
    public void FromPlan_Direct_HasNoPlanReference_Marketplace_NamesThePlan()
    {
        var plan = Offer.Plans[0];

        var direct = OnboardingDefinition.FromPlan(Offer, plan, marketplace: false);
        var marketplace = OnboardingDefinition.FromPlan(Offer, plan, marketplace: true);

        Assert.Equal((Offer.DisplayName, Offer.Description, plan.Manifest), (direct.Name, direct.Description, direct.Manifest));
        Assert.Null(direct.Plan);
        Assert.Equal(new MarketplacePlanReference { Publisher = Offer.PublisherId, Product = Offer.Id, Name = plan.Id, Version = "1.2.3" }, marketplace.Plan);
    }

    [Fact]
    public void ToOffer_OfAMarketplaceDefinition_GivesBackTheOfferIdPublisherPlanAndManifest()
    {
        var plan = Offer.Plans[0];

        var offer = OnboardingDefinition.FromPlan(Offer, plan, marketplace: true).ToOffer().GetValueOrThrow();

        Assert.Equal((Offer.Id, Offer.PublisherId, Offer.DisplayName), (offer.Id, offer.PublisherId, offer.DisplayName));
        var only = Assert.Single(offer.Plans);
        Assert.Equal(plan.Id, only.Id);
        Assert.Equal(plan.Manifest, only.Manifest);
    }

    [Fact]
    public void ToOffer_WithoutAPlanReference_DerivesTheIds_AndTheArgumentsWin()
    {
        var definition = OnboardingDefinition.FromPlan(Offer, Offer.Plans[0], marketplace: false) with { Name = "Contoso's  Managed -- Services!" };

        var derived = definition.ToOffer().GetValueOrThrow();
        var given = definition.ToOffer("my-offer", "my-publisher").GetValueOrThrow();

        Assert.Equal(("contoso-s-managed-services", "unknown-publisher", "default"), (derived.Id, derived.PublisherId, derived.Plans[0].Id));
        Assert.Equal(("my-offer", "my-publisher"), (given.Id, given.PublisherId));
    }

    [Fact]
    public void FromRegistrationDefinition_AndBack_KeepsEveryMember()
    {
        var definition = OnboardingDefinition.FromPlan(Offer, Offer.Plans[0], marketplace: true) with { Description = "Described." };
        var id = Guid.Parse("6c1f2b8e-4d0a-4b7e-9a51-0f3c2d1e5a77");

        var registration = definition.ToRegistrationDefinition(id);
        var back = OnboardingDefinition.FromRegistrationDefinition(registration);

        Assert.Equal(new RegistrationDefinition { Id = id, Name = definition.Name, Description = "Described.", Manifest = definition.Manifest, Plan = definition.Plan }, registration);
        Assert.Equal(definition, back);
    }

    [Fact]
    public void RegistrationDefinition_IsAnOnboardingDefinitionWithAResourceName()
    {
        // The two conversions copy member by member: a member added to one type and not the other fails here first.
        static string[] Names(Type t) => [.. t.GetProperties().Where(p => p.Name != "EqualityContract").Select(p => p.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(Names(typeof(OnboardingDefinition)).Append("Id").Order(StringComparer.Ordinal), Names(typeof(RegistrationDefinition)));
    }

    [Theory]
    [InlineData("Contoso Managed Services", "contoso-managed-services")]
    [InlineData("  --Ünïcode Ω offer--  ", "n-code-offer")]
    [InlineData("!!!", "offer")]
    [InlineData("", "offer")]
    [InlineData("a234567890 b234567890 c234567890 d234567890 e2345 fgh", "a234567890-b234567890-c234567890-d234567890-e2345")]
    [InlineData("a234567890 b234567890 c234567890 d234567890 e234567", "a234567890-b234567890-c234567890-d234567890-e23456")]
    public void DeriveOfferId_LowerCaseLettersDigitsAndSingleHyphens_AtMost50(string name, string expected)
    {
        var id = OnboardingDefinition.DeriveOfferId(name);

        Assert.Equal(expected, id);
        Assert.True(id.Length <= 50);
    }
}
