using ManagedServices.Access;
using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <content>The bridge to the access evaluator: snapshots and removal by a provider principal.</content>
public sealed partial class CustomerTenant
{
    /// <summary>The operation a provider principal needs on a delegated scope to remove the delegation.</summary>
    public const string RegistrationAssignmentDeleteAction = LighthouseOperations.RegistrationAssignmentsDelete;

    /// <summary>The delegations in force, as the input snapshot of the access evaluator.</summary>
    /// <returns>The snapshot.</returns>
    public DelegationSnapshot ToSnapshot() => DelegationSnapshot.Create(Delegations);

    /// <summary>Builds an access evaluator over the delegations in force.</summary>
    /// <param name="options">Role catalog, group memberships, clock and activations; defaults when null.</param>
    /// <returns>The evaluator.</returns>
    public AccessEvaluator CreateEvaluator(AccessEvaluatorOptions? options = null) => AccessEvaluator.Create(ToSnapshot(), options);

    /// <summary>
    /// Removes a delegation as a managing-tenant principal. Allowed only when the access evaluator, over the delegations
    /// in force, allows <see cref="RegistrationAssignmentDeleteAction"/> on the delegation's scope for that principal,
    /// which under Lighthouse only an authorization holding the Managed Services Registration Assignment Delete Role
    /// does (Contributor's <c>*</c> does not reach it: <see cref="AccessReason.ManagedServicesOperationNotDelegable"/>);
    /// otherwise refused with the evaluator's reason. As in Azure RBAC, the permission may come from any delegation
    /// covering the scope.
    /// </summary>
    /// <param name="delegation">One of <see cref="Delegations"/>.</param>
    /// <param name="principalId">The provider principal (user, group or service principal of the managing tenant).</param>
    /// <param name="principalTenantId">The principal's tenant; <see langword="null"/> assumes the delegation's managing tenant.</param>
    /// <param name="groupIds">Groups the principal belongs to (optional).</param>
    /// <param name="options">Evaluator options (role catalog, memberships, activations); defaults when null.</param>
    /// <returns>The new state, or this state with the reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="delegation"/> is null.</exception>
    public LifecycleResult<CustomerTenant> RemoveAsProvider(
        Delegation delegation,
        PrincipalId principalId,
        TenantId? principalTenantId = null,
        ImmutableArray<PrincipalId> groupIds = default,
        AccessEvaluatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        if (!Delegations.Contains(delegation))
        {
            return NotFound(delegation);
        }

        var request = new AccessRequest(principalId, RegistrationAssignmentDeleteAction, delegation.Scope.ToString())
        {
            PrincipalTenantId = principalTenantId ?? delegation.Definition.Manifest.ManagingTenantId,
            GroupIds = groupIds.OrEmpty(),
        };
        var decision = CreateEvaluator(options).Check(request);
        if (!decision.IsAllowed)
        {
            return Refuse(
                DiagnosticCodes.RemovalNotAuthorized,
                $"Principal {principalId} may not remove the delegation of offer '{MessageText.Clip(delegation.Definition.Name)}' at scope '{delegation.Scope}': the access evaluator denies {RegistrationAssignmentDeleteAction} ({decision.Reason}). Only the customer can remove it, unless a delegation covering the scope authorizes the principal with the Managed Services Registration Assignment Delete Role (no other role reaches this operation under Lighthouse).",
                "principalId");
        }

        return Remove(delegation);
    }
}
