using ManagedServices.Arm;
using ManagedServices.Rest;
using ManagedServices.Tests.Cli;

namespace ManagedServices.Tests.Rest;

/// <summary><see cref="RegistrationDefinitionResource.InSubscription"/>: the resource a deployment creates, with the resource ID Azure gives it.</summary>
public sealed class RegistrationDefinitionResourceTests
{
    [Fact]
    public void InSubscription_GivesAzuresResourceId_AndReadsBackFromTheRestShape()
    {
        var offer = CliFixture.CreateOffer("1.0.0", BuiltInRoleIds.Reader);
        var definition = OnboardingTemplate.Deployed(OnboardingDefinition.FromPlan(offer, offer.Plans[0], marketplace: false), OnboardingTarget.ForSubscription(), null)
            .GetValueOrThrow().RegistrationDefinitions[0];
        var subscription = SubscriptionId.Parse("6a1f8c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");

        var resource = RegistrationDefinitionResource.InSubscription(definition, subscription);
        var read = RegistrationResources.ReadDefinitions(RegistrationResources.WriteDefinitions([resource])).GetValueOrThrow();

        Assert.Equal($"/subscriptions/6a1f8c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b/providers/Microsoft.ManagedServices/registrationDefinitions/{definition.Id:D}", resource.ResourceId);
        Assert.Equal(resource, Assert.Single(read));
        Assert.True(ResourceScope.TryParse(resource.ResourceId, out _));
        Assert.Null(RegistrationDefinitionResource.InSubscription(definition, null).ResourceId);
        Assert.Throws<ArgumentNullException>(() => RegistrationDefinitionResource.InSubscription(null!, subscription));
    }
}
