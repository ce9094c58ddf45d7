using ManagedServices.Offers;
using ManagedServices.Templates;

namespace ManagedServices.Lifecycle;

/// <summary>Direct onboarding: deploying an ARM onboarding template into the customer tenant.</summary>
public sealed partial class CustomerTenant
{
    /// <summary>
    /// Deploys an onboarding template (direct onboarding, outside Marketplace) into the subscription it was read for:
    /// adds the delegations it creates, exactly those of <see cref="OnboardingTemplate.Delegations"/> (each definition
    /// only where a registration assignment puts it). Refused when the template was read without its subscription,
    /// creates no delegation, delegates to this customer's own tenant, or assigns a definition at a scope that already
    /// has an assignment of it (the service allows one per scope and definition).
    /// </summary>
    /// <param name="content">The template as read by <see cref="OnboardingTemplate.Read"/>, with
    /// <see cref="OnboardingReadOptions.SubscriptionId"/>; do not deploy a read that has errors.</param>
    /// <returns>The new state, or this state with the reasons.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    public LifecycleResult<CustomerTenant> Deploy(OnboardingTemplateContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.SubscriptionId is null)
        {
            return Refuse(DiagnosticCodes.DeploymentSubscriptionUnknown,
                "The template was read without the subscription it is deployed to; read it with OnboardingReadOptions.SubscriptionId.", "content");
        }

        var added = OnboardingTemplate.Delegations(content, TenantId);
        if (added.IsEmpty)
        {
            return Refuse(DiagnosticCodes.DeploymentDelegatesNothing,
                "The template creates no delegation: no registration assignment references one of its registration definitions.", "content");
        }

        var diagnostics = new List<Diagnostic>();
        var taken = Delegations.Select(static d => (d.Scope, d.Definition.Id)).ToHashSet();
        for (var i = 0; i < added.Length; i++)
        {
            var d = added[i];
            if (d.Definition.Manifest.ManagingTenantId == TenantId)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ManagingTenantIsCustomerTenant,
                    $"The registration definition {d.Definition.Id} delegates to tenant {TenantId}, the customer's own tenant.", Index("delegations", i)));
            }
            else if (!taken.Add((d.Scope, d.Definition.Id)))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MultipleRegistrationAssignments,
                    $"Another registration assignment of definition {d.Definition.Id} is present at scope '{d.Scope}'. The service refuses it: \"Multiple registration assignments are not allowed.\"",
                    Index("delegations", i)));
            }
        }

        return diagnostics.Count > 0
            ? new(this, [.. diagnostics])
            : new(new CustomerTenant(TenantId, Purchases, Delegations.AddRange(added)), []);
    }
}
