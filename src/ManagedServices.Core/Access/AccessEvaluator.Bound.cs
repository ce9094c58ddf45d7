using System.Runtime.CompilerServices;
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
    /// cases it leaves to the full path (see <see cref="TryGetRoles"/>).
    /// </summary>
    private bool TryDecideBound(
        PrincipalId principal, PreparedActionHandle action, in BoundOutcomes outcomes, ScopeKind kind, int sub, int resourceGroup,
        bool covered, out AccessDecision decision)
    {
        if (!TryGetRoles(principal, action, in outcomes, kind, sub, resourceGroup, out var dataAction, out var placed, out var entries, out var mask))
        {
            decision = default;
            return false;
        }

        decision = DecideBound(
            entries, mask, outcomes.Permits & mask, outcomes.Excluded & mask, outcomes.Plane, action, dataAction, placed, resourceGroup, covered);
        return true;
    }

    /// <summary>
    /// What the bound path reads before deciding: whether the action counts as a data action, whether the scope is
    /// placed (a subscription or below, in a delegated subscription), and the principal's grants there (the list's
    /// entries and the roles granted at resource-group number <paramref name="resourceGroup"/>; none for a data action
    /// or an unplaced scope). False for the cases the bound path leaves to the full path: a list that is not
    /// <see cref="GrantList.Simple"/> (eligible, refused, User Access Administrator or more than 64 roles), or a role at
    /// the scope whose outcome is not in <paramref name="outcomes"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryGetRoles(
        PrincipalId principal, PreparedActionHandle action, in BoundOutcomes outcomes, ScopeKind kind, int sub, int resourceGroup,
        out bool dataAction, out bool placed, out GrantEntry[]? entries, out ulong mask)
    {
        dataAction = IsDataAction(outcomes.Plane, action.IsDataAction);
        placed = IsPlaced(kind, sub);
        ref readonly var list = ref dataAction || !placed ? ref GrantList.None : ref _foldedById.FindList(principal.Value, sub);
        entries = list.Entries;
        mask = list.Exists ? list.MaskAt(resourceGroup) : 0;
        return !list.Exists || (list.Simple && (mask & ~outcomes.Known) == 0);
    }

    /// <summary>
    /// The bound path's decision: a data action is not delegated; a scope outside every delegated subscription is not
    /// covered; otherwise the first grant of a role at the scope (<paramref name="mask"/>) that permits the action
    /// allows, else the best denial. <paramref name="permits"/> and <paramref name="excluded"/> are of the roles in
    /// <paramref name="mask"/> only. Both bound paths (handles, <see cref="PreparedRequest"/>) decide here.
    /// </summary>
    /// <remarks>
    /// Reads nothing of <paramref name="action"/> but, for a denial whose reason depends on the name, the name, so that
    /// a <see cref="PreparedRequest"/> reaches no handle object.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static AccessDecision DecideBound(
        GrantEntry[]? entries, ulong mask, ulong permits, ulong excluded, OperationPlane plane, PreparedActionHandle action,
        bool dataAction, bool placed, int resourceGroup, bool covered)
    {
        AccessDecision d;
        if (dataAction)
        {
            d = DataAction;
        }
        else if (!placed)
        {
            d = NotCovered;
        }
        else
        {
            var ctx = new Context(action, resourceGroup);
            var picked = mask == 0 ? -1 : PickGrant(entries!, mask, permits, excluded, ref ctx);
            d = picked >= 0 ? new AccessDecision(AccessReason.Allowed, entries![picked].Public) : Denied(in ctx, covered);
        }

        return d.ForPlane(plane);
    }

    /// <summary>
    /// Prepares a whole check for this evaluator: checks it once (which binds both handles to this evaluator and
    /// resolves the outcomes of the principal's roles at the scope for the action), then copies what the bound path
    /// reads into the returned value: where the principal's list in the subscription is, the outcomes of its roles
    /// there, and the scope's facts. <see cref="Check(in PreparedRequest)"/> then reads no handle object and looks no
    /// principal up. Never throws.
    /// </summary>
    /// <param name="principal">The calling user, group or service principal of the managing tenant.</param>
    /// <param name="action">The operation, from <see cref="PreparedAction.Read"/> or <see cref="PreparedAction.TryPrepare(string?, out PreparedAction)"/>.</param>
    /// <param name="scope">The target scope, from <see cref="PreparedScope.Read"/> or <see cref="PreparedScope.TryPrepare"/>.</param>
    /// <returns>
    /// The prepared request: bound to this evaluator when its bound path can decide it, else holding only the three
    /// inputs (checks then decide from the handles). Either way every evaluator's check gives its own decision.
    /// </returns>
    public PreparedRequest Prepare(PrincipalId principal, in PreparedAction action, in PreparedScope scope)
    {
        _ = Check(principal, in action, in scope);
        if (!TryGetBinding(in action, in scope, out var a, out var s, out var outcomes, out var sub, out var rg, out var covered) ||
            !TryGetRoles(principal, a, in outcomes, s.Kind, sub, rg, out var dataAction, out var placed, out var entries, out var mask))
        {
            return new PreparedRequest(principal, action, scope);
        }

        // Every role at the scope has a known outcome (TryGetRoles), and known outcomes never change.
        return new PreparedRequest(
            principal, action, scope, _bindingId, entries, mask, outcomes.Permits & mask, outcomes.Excluded & mask, outcomes.Plane,
            dataAction, placed, rg, covered);
    }

    /// <summary>
    /// Decides a prepared request: the same decision as
    /// <see cref="Check(PrincipalId, in PreparedAction, in PreparedScope)"/> for its principal, action and scope, from
    /// the facts it holds when this evaluator prepared it (see <see cref="Prepare"/>), else from its handles. Never
    /// throws; allocates nothing once the action has been seen. The <see langword="default"/> value is denied as
    /// <see cref="AccessReason.MalformedRequest"/>.
    /// </summary>
    /// <param name="request">The request, from <see cref="Prepare"/> (of this evaluator for the fast path).</param>
    /// <returns>The decision.</returns>
    public AccessDecision Check(in PreparedRequest request)
    {
        if (request.IsBoundTo(_bindingId))
        {
            return DecideBound(
                request.Entries, request.Mask, request.Permits, request.Excluded, request.Plane, request.ActionValue.Handle!,
                request.IsDataAction, request.IsPlaced, request.ResourceGroup, request.IsCovered);
        }

        return Check(request.PrincipalValue, in request.ActionValue, in request.ScopeValue);
    }
}
