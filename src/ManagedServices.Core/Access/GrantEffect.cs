namespace ManagedServices.Access;

/// <summary>
/// Whether an authorization, as the access evaluator compiled it, can ever let a request through. The evaluator's
/// reverse queries (<see cref="AccessEvaluator.WhoCan"/>, <see cref="AccessEvaluator.WhatCan"/>,
/// <see cref="AccessEvaluator.GetCustomerAccessReport"/>) list only grants this rule calls effective, and the access
/// report marks its grants by it (and counts only effective grants as a way to remove a delegation), so neither shows
/// as access what <see cref="AccessEvaluator.Check(in AccessRequest)"/> refuses.
/// </summary>
/// <remarks>
/// This states no rule of its own: it reads what the evaluator decided when it compiled the grant — the delegation's
/// <see cref="CompiledDelegation.IgnoredBecause"/> (its constructor), the grant's
/// <see cref="CompiledGrant.Fixed"/> denial (<c>RoleFor</c> and the grant's constructor), and the empty principal GUID,
/// which the evaluator never indexes.
/// </remarks>
internal static class GrantEffect
{
    /// <summary>
    /// Why no request is ever allowed through <paramref name="grant"/>, or null when some request can be:
    /// <see cref="AccessReason.NoDelegationCoversScope"/> when its delegation is ignored (no covering delegation is what
    /// the evaluator answers at its scope); the grant's fixed denial (<see cref="AccessReason.RoleNotInCatalog"/>,
    /// <see cref="AccessReason.CustomRoleNotDelegable"/>, <see cref="AccessReason.RoleNotDelegable"/> — Owner, a role
    /// with restricted actions, an eligible User Access Administrator); <see cref="AccessReason.PrincipalNotAuthorized"/>
    /// when it names the empty GUID.
    /// </summary>
    /// <param name="grant">A grant of an evaluator's <see cref="AccessEvaluator.CompiledDelegations"/>.</param>
    /// <returns>The reason, or null for an effective grant.</returns>
    internal static AccessReason? RefusedBecause(CompiledGrant grant) =>
        grant.Delegation.IgnoredBecause is not null ? AccessReason.NoDelegationCoversScope
        : grant.Fixed != AccessReason.Allowed ? grant.Fixed
        : NamesNoPrincipal(grant) ? AccessReason.PrincipalNotAuthorized
        : null;

    /// <summary>
    /// True when <paramref name="grant"/> names the empty GUID, which names no principal: the evaluator never indexes
    /// such a grant (fail closed), and reverse queries and the report treat it as refused.
    /// </summary>
    /// <param name="grant">A compiled grant.</param>
    /// <returns>True for the empty GUID.</returns>
    internal static bool NamesNoPrincipal(CompiledGrant grant) => grant.Principal == default;
}
