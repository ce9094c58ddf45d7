using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>Direct onboarding: deploying the delegations of an onboarding template into the customer tenant.</summary>
public sealed partial class CustomerTenant
{
    /// <summary>
    /// Deploys the delegations an onboarding template creates (direct onboarding, outside Marketplace) into this tenant.
    /// Refused when there is none, when one delegates to this customer's own tenant, or when one assigns a definition at
    /// a scope that already has an assignment of it (the service allows one per scope and definition). To deploy an ARM
    /// template as read, use <c>OnboardingTemplateDeployment.Deploy</c> (namespace <c>ManagedServices.Arm</c>), which
    /// takes its delegations from the template and calls this.
    /// </summary>
    /// <param name="delegations">The delegations the deployment creates.</param>
    /// <returns>The new state, or this state with the reasons.</returns>
    public LifecycleResult<CustomerTenant> Deploy(ImmutableArray<Delegation> delegations)
    {
        if (delegations.IsDefaultOrEmpty)
        {
            return Refuse(DiagnosticCodes.DeploymentDelegatesNothing,
                "The template creates no delegation: no registration assignment references one of its registration definitions.", "delegations");
        }

        var diagnostics = new List<Diagnostic>();
        var taken = Delegations.Select(static d => (d.Scope, d.Definition.Id)).ToHashSet();
        for (var i = 0; i < delegations.Length; i++)
        {
            var d = delegations[i];
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
            : new(new CustomerTenant(TenantId, Purchases, Delegations.AddRange(delegations)), []);
    }
}
