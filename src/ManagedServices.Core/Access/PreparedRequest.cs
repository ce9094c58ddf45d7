using ManagedServices.Operations;

namespace ManagedServices.Access;

/// <summary>
/// A whole check prepared once by one evaluator (<see cref="AccessEvaluator.Prepare"/>): the principal, the prepared
/// action and scope, and what that evaluator found for them, held in the value itself, so that
/// <see cref="AccessEvaluator.Check(in PreparedRequest)"/> with the same evaluator reads no handle object. For callers
/// that ask the same checks again and again against one evaluator: middleware with a fixed set of routes, batch runs,
/// dashboards.
/// </summary>
/// <remarks>
/// <para><b>What it holds.</b> Besides the three inputs: the scope's level and numbers in the preparing evaluator,
/// whether one of its delegations covers the scope, and the outcomes of the principal's roles at that scope for the
/// action (which permit it, which exclude it). These are facts of the evaluator, which is immutable, never decisions:
/// the check still finds the principal's grants and chooses the grant that decides, by the same code as
/// <see cref="AccessEvaluator.Check(PrincipalId, in PreparedAction, in PreparedScope)"/>.</para>
/// <para><b>Across evaluator swaps.</b> A prepared request stays valid with every evaluator and always gets that
/// evaluator's decision: the facts carry the identity of the evaluator that found them, and a check with any other
/// evaluator ignores them and decides from the handles (as <see cref="AccessEvaluator.Check(PrincipalId, in PreparedAction, in PreparedScope)"/>,
/// no slower than that). After a swap, prepare again with the new evaluator to get the fast path back. A request the
/// evaluator could not bind (deny assignments, group memberships it does not fold, eligible or refused grants, a User
/// Access Administrator grant, more than 64 roles) is also checked from its handles, with the same decision.</para>
/// <para>The <see langword="default"/> value is not prepared: every check with it is denied as
/// <see cref="AccessReason.MalformedRequest"/>, like a check with default handles. Immutable and thread-safe.</para>
/// </remarks>
public readonly struct PreparedRequest
{
    // The evaluator's facts (see AccessEvaluator.Prepare): meaningful only when Evaluator is the checking evaluator's
    // binding identity, which is never 0, so the default value is bound to none. Kept small (72 bytes), since callers
    // hold many of them and a check reads one whole.
    internal readonly PrincipalId PrincipalValue;
    internal readonly PreparedAction ActionValue;
    internal readonly PreparedScope ScopeValue;

    /// <summary>The entries of the principal's grants in the subscription, or null for none.</summary>
    internal readonly GrantEntry[]? Entries;

    /// <summary>The principal's roles at the scope, and of those, the ones that permit the action and the ones that exclude it.</summary>
    internal readonly ulong Mask;
    internal readonly ulong Permits;
    internal readonly ulong Excluded;
    internal readonly uint Evaluator;
    internal readonly short ResourceGroup;
    private readonly byte _plane;
    private readonly Facts _facts;

    /// <summary>A request that no evaluator has bound: checks decide it from its handles.</summary>
    internal PreparedRequest(PrincipalId principal, PreparedAction action, PreparedScope scope)
    {
        PrincipalValue = principal;
        ActionValue = action;
        ScopeValue = scope;
    }

    /// <summary>A request bound to the evaluator of binding identity <paramref name="evaluator"/> (never 0).</summary>
    internal PreparedRequest(
        PrincipalId principal, PreparedAction action, PreparedScope scope, uint evaluator, GrantEntry[]? entries, ulong mask,
        ulong permits, ulong excluded, OperationPlane plane, bool dataAction, bool placed, int resourceGroup, bool covered)
        : this(principal, action, scope)
    {
        Evaluator = evaluator;
        Entries = entries;
        Mask = mask;
        Permits = permits;
        Excluded = excluded;
        _plane = (byte)plane;
        ResourceGroup = checked((short)resourceGroup);
        _facts = (dataAction ? Facts.DataAction : 0) | (placed ? Facts.Placed : 0) | (covered ? Facts.Covered : 0);
    }

    [Flags]
    private enum Facts : byte
    {
        /// <summary>The action counts as a data action (Lighthouse delegates none).</summary>
        DataAction = 1,

        /// <summary>The scope is a subscription or below it, in a subscription the evaluator has delegations in.</summary>
        Placed = 2,

        /// <summary>A delegation of the evaluator covers the scope.</summary>
        Covered = 4,
    }

    /// <summary>Where Azure's operation list puts the action.</summary>
    internal OperationPlane Plane => (OperationPlane)_plane;

    internal bool IsDataAction => (_facts & Facts.DataAction) != 0;

    internal bool IsPlaced => (_facts & Facts.Placed) != 0;

    internal bool IsCovered => (_facts & Facts.Covered) != 0;

    /// <summary>The calling user, group or service principal.</summary>
    public PrincipalId Principal => PrincipalValue;

    /// <summary>The operation.</summary>
    public PreparedAction Action => ActionValue;

    /// <summary>The target scope.</summary>
    public PreparedScope Scope => ScopeValue;

    /// <summary>True when both the action and the scope are prepared; false for <see langword="default"/>.</summary>
    public bool IsPrepared => ActionValue.IsPrepared && ScopeValue.IsPrepared;

    /// <summary>True when an evaluator bound the request (for tests: which checks take the fast path).</summary>
    internal bool IsBound => Evaluator != 0;

    /// <summary>Whether checks with the evaluator of binding identity <paramref name="evaluator"/> may use the facts.</summary>
    internal bool IsBoundTo(uint evaluator) => Evaluator == evaluator && evaluator != 0;

    /// <summary>The request, for logs: principal, action and scope.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{PrincipalValue} {ActionValue} {ScopeValue}";
}
