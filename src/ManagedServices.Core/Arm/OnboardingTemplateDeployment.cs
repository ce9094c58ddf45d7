using ManagedServices.Lifecycle;

namespace ManagedServices.Arm;

/// <summary>Direct onboarding: deploying an ARM onboarding template, as read, into the customer tenant.</summary>
public static class OnboardingTemplateDeployment
{
    /// <summary>
    /// Deploys an onboarding template (direct onboarding, outside Marketplace) into the subscription it was read for:
    /// adds the delegations it creates, exactly those of <see cref="OnboardingTemplate.Delegations"/> (each definition
    /// only where a registration assignment puts it), through <see cref="CustomerTenant.Deploy(System.Collections.Immutable.ImmutableArray{ManagedServices.Offers.Delegation})"/>.
    /// Refused when the template was read without its subscription, creates no delegation, delegates to this customer's
    /// own tenant, or assigns a definition at a scope that already has an assignment of it.
    /// </summary>
    /// <param name="tenant">The customer tenant.</param>
    /// <param name="content">The template as read by <see cref="OnboardingTemplate.Read"/>, with
    /// <see cref="OnboardingReadOptions.SubscriptionId"/>; do not deploy a read that has errors.</param>
    /// <returns>The new state, or the tenant unchanged with the reasons.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tenant"/> or <paramref name="content"/> is null.</exception>
    public static LifecycleResult<CustomerTenant> Deploy(this CustomerTenant tenant, OnboardingTemplateContent content)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(content);
        if (content.SubscriptionId is null)
        {
            return new(tenant, [Diagnostic.Error(DiagnosticCodes.DeploymentSubscriptionUnknown,
                "The template was read without the subscription it is deployed to; read it with OnboardingReadOptions.SubscriptionId.", "content")]);
        }

        return tenant.Deploy(OnboardingTemplate.Delegations(content, tenant.TenantId));
    }
}
