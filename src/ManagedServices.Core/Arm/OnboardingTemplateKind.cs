namespace ManagedServices.Arm;

/// <summary>What kind of template was read.</summary>
public enum OnboardingTemplateKind
{
    /// <summary>A direct onboarding template (subscription deployment with registration definitions and assignments).</summary>
    Onboarding = 0,

    /// <summary>An Azure Policy management-group template: a <c>deployIfNotExists</c> policy that deploys the delegation
    /// into each subscription of the management group. The definition is read from its policy parameters.</summary>
    ManagementGroupPolicy = 1,
}
