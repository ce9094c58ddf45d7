using ManagedServices.Operations;

namespace ManagedServices.Access;

/// <summary>The bound path of prepared checks (see <see cref="TryDecideBound"/>).</summary>
public sealed partial class AccessEvaluator
{
    /// <summary>
    /// Decides a prepared check whose handles are both bound to this evaluator, without building a request: the same
    /// steps as <see cref="Decide(PrincipalGrants?, string, ActionCache.Entry?, in ScopeFacts, in AccessRequest, out OperationPlane)"/>
    /// for a request that has no optional parts, from the facts the action handle holds for this evaluator
    /// (<see cref="PreparedActionHandle.TryGetOutcomes"/>) instead of the memo entry. False (and no decision) for the
    /// cases it leaves to the full path: a principal whose grants in the subscription are not a
    /// <see cref="GrantList.Simple"/> list (eligible, refused, User Access Administrator or more than 64 roles), or a
    /// role at the scope whose outcome the handle's copy does not hold yet.
    /// </summary>
    private bool TryDecideBound(
        PrincipalId principal, PreparedActionHandle action, in BoundOutcomes outcomes, ScopeKind kind, int sub, int resourceGroup,
        bool covered, out AccessDecision decision)
    {
        var plane = outcomes.Plane;
        AccessDecision d;
        if (IsDataAction(plane, action.IsDataAction))
        {
            d = DataAction;
        }
        else if (kind < ScopeKind.Subscription || sub < 0)
        {
            d = NotCovered;
        }
        else
        {
            var ctx = new Context(action.Name, resourceGroup, null);
            AccessGrant? allowed = null;
            ref readonly var list = ref _foldedById.FindList(principal.Value, sub);
            if (list.Exists)
            {
                var mask = list.MaskAt(resourceGroup);
                if (!list.Simple || (mask & ~outcomes.Known) != 0)
                {
                    // Not a simple list, or an outcome this copy does not know yet: the full path decides (and
                    // refreshes the copy).
                    decision = default;
                    return false;
                }

                var picked = mask == 0 ? -1 : PickGrant(in list, mask, outcomes.Permits & mask, outcomes.Excluded & mask, ref ctx);
                allowed = picked < 0 ? null : list.Entries[picked].Public;
            }

            d = allowed is not null ? new AccessDecision(AccessReason.Allowed, allowed) : Denied(in ctx, covered);
        }

        decision = plane == OperationPlane.Unknown ? d.WithUnknownOperation() : d;
        return true;
    }
}
