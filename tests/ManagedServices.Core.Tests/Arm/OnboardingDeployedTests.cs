using ManagedServices.Arm;
using Xunit;

namespace ManagedServices.Tests.Arm;

/// <summary><see cref="OnboardingTemplate.Deployed"/> and <see cref="OnboardingTemplate.StandInCustomerTenant"/>: the
/// derivations the CLI used to make itself.</summary>
public class OnboardingDeployedTests
{
    private static readonly SubscriptionId Sub = SubscriptionId.Parse("ed40e6c1-4292-4dd6-88f1-89e0da98d68b");

    [Fact]
    public void Deployed_NamesDefinitionsAsTheWrittenTemplateEvaluatesThem()
    {
        var definition = TemplateSamples.Definition();
        var target = OnboardingTarget.ForSubscription();
        var files = OnboardingTemplate.Write(definition, target).Value!;
        var expected = OnboardingTemplate.Read(files.Template, files.Parameters, new OnboardingReadOptions { SubscriptionId = Sub }).Value!;

        var deployed = OnboardingTemplate.Deployed(definition, target, Sub);

        Assert.False(deployed.HasErrors);
        Assert.Equal(expected.RegistrationDefinitions.Select(static d => d.Name), deployed.Value!.RegistrationDefinitions.Select(static d => d.Name));
        Assert.NotEmpty(deployed.Value.RegistrationDefinitions);
    }

    [Fact]
    public void StandInCustomerTenant_IsStableNonEmptyAndPerSubscription()
    {
        var other = SubscriptionId.Parse("d8ad3a03-7d6f-4c1c-9ef9-96af50fbc39f");

        Assert.Equal(OnboardingTemplate.StandInCustomerTenant(Sub), OnboardingTemplate.StandInCustomerTenant(Sub));
        Assert.NotEqual(default, OnboardingTemplate.StandInCustomerTenant(Sub));
        Assert.NotEqual(OnboardingTemplate.StandInCustomerTenant(Sub), OnboardingTemplate.StandInCustomerTenant(other));
    }
}
