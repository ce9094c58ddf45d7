namespace ManagedServices.Arm;

/// <summary>What an onboarding template delegates.</summary>
public enum OnboardingTargetKind
{
    /// <summary>The whole subscription the template is deployed to.</summary>
    Subscription = 0,

    /// <summary>One resource group of that subscription (parameter <c>rgName</c>).</summary>
    ResourceGroup = 1,

    /// <summary>Several resource groups of that subscription (parameter <c>resourceGroups</c>, a copy loop).</summary>
    ResourceGroups = 2,
}
