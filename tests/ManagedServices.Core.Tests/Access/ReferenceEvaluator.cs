using System.Collections.Immutable;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Access;

/// <summary>
/// A deliberately simple evaluator, written straight from docs/evaluation.md with no index, cache or precomputation,
/// that the compiled <see cref="AccessEvaluator"/> must agree with.
/// </summary>
public sealed class ReferenceEvaluator(DelegationSnapshot snapshot, AccessEvaluatorOptions options)
{
    private static readonly string[] RestrictedOperations =
    [
        "Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete",
        "Microsoft.Authorization/roleDefinitions/write", "Microsoft.Authorization/roleDefinitions/delete",
        "Microsoft.Authorization/classicAdministrators/write", "Microsoft.Authorization/classicAdministrators/delete",
        "Microsoft.Authorization/locks/write", "Microsoft.Authorization/locks/delete",
        "Microsoft.Authorization/denyAssignments/write", "Microsoft.Authorization/denyAssignments/delete",
    ];

    /// <summary>
    /// The workload README and the seed (rule book 2.3): a managing-tenant principal never writes registration
    /// assignments nor writes or deletes registration definitions, and deletes registration assignments only through
    /// the Managed Services Registration Assignment Delete Role.
    /// </summary>
    private static readonly string[] NeverThroughADelegation =
    [
        "Microsoft.ManagedServices/registrationAssignments/write",
        "Microsoft.ManagedServices/registrationDefinitions/write",
        "Microsoft.ManagedServices/registrationDefinitions/delete",
    ];

    private const string AssignmentDelete = "Microsoft.ManagedServices/registrationAssignments/delete";

    /// <summary>docs/evaluation.md, "Reasons": the denials from the earliest failing step to the one closest to an Allow.</summary>
    private static readonly AccessReason[] Steps =
    [
        AccessReason.Allowed, AccessReason.MalformedRequest, AccessReason.DataActionNotDelegated, AccessReason.NoDelegationCoversScope,
        AccessReason.PrincipalNotAuthorized, AccessReason.TenantMismatch, AccessReason.RoleNotInCatalog, AccessReason.CustomRoleNotDelegable,
        AccessReason.RoleNotDelegable, AccessReason.ActionNotInRole, AccessReason.ExcludedByNotActions,
        AccessReason.ManagedServicesOperationNotDelegable, AccessReason.ConditionNotEvaluated,
        AccessReason.UserAccessAdministratorRestricted, AccessReason.EligibleNotActivated, AccessReason.ActivationExpired,
        AccessReason.ApprovalRequired, AccessReason.MfaRequired, AccessReason.DeniedByDenyAssignment,
    ];

    /// <summary>The step of a reason: a denial that ranks higher got closer to an Allow.</summary>
    public static int Rank(AccessReason reason) => Array.IndexOf(Steps, reason);

    private static AccessReason Later(AccessReason a, AccessReason b) => Rank(a) >= Rank(b) ? a : b;

    /// <summary>
    /// The generators' operations that Azure's published operation list (../shared/data/azure-operations.txt,
    /// 2026-08-22) has only as data actions, copied from that file. Lighthouse delegates no data action and <c>*</c>
    /// never grants one (rule book 2.1 rule 4, 6.2, 6.5), so these are denied whatever the request says.
    /// </summary>
    internal static readonly string[] DataOnlyOperations =
        ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"];

    public AccessReason Decide(AccessRequest request)
    {
        PrincipalId principal;
        if (request.PrincipalIdText is not null)
        {
            if (!PrincipalId.TryParse(request.PrincipalIdText, out principal))
            {
                return AccessReason.MalformedRequest;
            }
        }
        else
        {
            principal = request.PrincipalId;
        }

        if (!ReferenceGrammar.IsOperationName(request.Action))
        {
            return AccessReason.MalformedRequest;
        }

        if (!ResourceScope.TryParse(request.Scope, out var target))
        {
            return AccessReason.MalformedRequest;
        }

        if (request.IsDataAction || DataOnlyOperations.Contains(request.Action, StringComparer.OrdinalIgnoreCase))
        {
            return AccessReason.DataActionNotDelegated;
        }

        var principals = new HashSet<PrincipalId> { principal };
        if (options.Groups is not null)
        {
            principals.UnionWith(options.Groups.GetGroups(principal));
        }

        if (!request.GroupIds.IsDefault)
        {
            principals.UnionWith(request.GroupIds);
        }

        var covering = snapshot.Delegations
            .Where(d => d.Scope.IsDelegable && d.CustomerTenantId != d.Definition.Manifest.ManagingTenantId && d.Scope.Contains(target))
            .ToList();
        if (covering.Count == 0)
        {
            return AccessReason.NoDelegationCoversScope;
        }

        var best = AccessReason.Allowed;
        foreach (var d in covering)
        {
            var candidates = d.Definition.Manifest.Authorizations
                .Select(a => (a.Principal.Id, a.RoleDefinitionId, Policy: (JustInTimeAccessPolicy?)null, a.DelegatedRoleDefinitionIds))
                .Concat(d.Definition.Manifest.EligibleAuthorizations
                    .Select(e => (e.Principal.Id, e.RoleDefinitionId, Policy: (JustInTimeAccessPolicy?)e.JustInTimeAccessPolicy, e.DelegatedRoleDefinitionIds)));
            foreach (var (id, role, policy, delegated) in candidates)
            {
                if (!principals.Contains(id))
                {
                    continue;
                }

                var reason = Grant(d, role, policy, delegated, request, principal);
                if (reason == AccessReason.Allowed)
                {
                    return options.DenyAssignments.Any(x => Denies(x, target, request.Action, principals))
                        ? AccessReason.DeniedByDenyAssignment
                        : AccessReason.Allowed;
                }

                best = Later(reason, best);
            }
        }

        return best == AccessReason.Allowed ? AccessReason.PrincipalNotAuthorized : best;
    }

    private AccessReason Grant(
        Delegation d, RoleDefinitionId roleId, JustInTimeAccessPolicy? policy, ImmutableArray<RoleDefinitionId> delegated,
        AccessRequest request, PrincipalId principal)
    {
        if (request.PrincipalTenantId is { } tenant && tenant != d.Definition.Manifest.ManagingTenantId)
        {
            return AccessReason.TenantMismatch;
        }

        if (!options.RoleCatalog.TryGet(roleId, out var role))
        {
            return AccessReason.RoleNotInCatalog;
        }

        // Rule book 2.1 rule 1: built-in roles only.
        if (!role.IsBuiltIn)
        {
            return AccessReason.CustomRoleNotDelegable;
        }

        var isUaa = roleId == BuiltInRoleIds.UserAccessAdministrator;
        if (roleId == BuiltInRoleIds.Owner || (isUaa && policy is not null) || (!isUaa && HasRestrictedAction(role)))
        {
            return AccessReason.RoleNotDelegable;
        }

        var action = request.Action;
        if (isUaa)
        {
            if (string.Equals(action, "Microsoft.Authorization/roleAssignments/read", StringComparison.OrdinalIgnoreCase) ||
                action.StartsWith("Microsoft.Support/", StringComparison.OrdinalIgnoreCase))
            {
                return AccessReason.Allowed;
            }

            if (string.Equals(action, "Microsoft.Authorization/roleAssignments/write", StringComparison.OrdinalIgnoreCase) ||
                string.Equals(action, "Microsoft.Authorization/roleAssignments/delete", StringComparison.OrdinalIgnoreCase))
            {
                var ok = request.TargetIsManagedIdentity &&
                    (request.TargetPrincipalKind is null || request.TargetPrincipalKind == PrincipalKind.ServicePrincipal) &&
                    request.TargetRoleDefinitionId is { } t && delegated.Contains(t) && Assignable(t);
                return ok ? AccessReason.Allowed : AccessReason.UserAccessAdministratorRestricted;
            }

            return AccessReason.ActionNotInRole;
        }

        var inActions = role.Permissions.Any(p => MatchesAny(action, p.Actions));
        var takenAway = NeverThroughADelegation.Contains(action, StringComparer.OrdinalIgnoreCase) ||
            (string.Equals(action, AssignmentDelete, StringComparison.OrdinalIgnoreCase) && roleId != BuiltInRoleIds.RegistrationAssignmentDelete);
        if (inActions && takenAway)
        {
            return AccessReason.ManagedServicesOperationNotDelegable;
        }

        // A block with an ABAC condition cannot be evaluated offline: it grants nothing (docs/evaluation.md).
        var grantingBlocks = role.Permissions.Where(p => MatchesAny(action, p.Actions) && !MatchesAny(action, p.NotActions)).ToList();
        if (!grantingBlocks.Any(p => p.Condition is null))
        {
            return grantingBlocks.Count > 0 ? AccessReason.ConditionNotEvaluated
                : inActions ? AccessReason.ExcludedByNotActions : AccessReason.ActionNotInRole;
        }

        if (policy is null)
        {
            return AccessReason.Allowed;
        }

        if (!request.ActivatedRoleDefinitionIds.IsDefault && request.ActivatedRoleDefinitionIds.Contains(roleId))
        {
            return AccessReason.Allowed;
        }

        var now = options.TimeProvider.GetUtcNow();
        var best = AccessReason.EligibleNotActivated;
        foreach (var a in options.Activations.Where(a => a.PrincipalId == principal && a.RoleDefinitionId == roleId &&
                     (a.RegistrationDefinitionId is null || a.RegistrationDefinitionId == d.Definition.Id) && a.Start <= now))
        {
            var reason = now >= a.End || now >= a.Start + policy.MaximumActivationDuration ? AccessReason.ActivationExpired
                : policy.MultiFactorAuthProvider != MultiFactorAuthProvider.None && !a.MultiFactorAuthenticated ? AccessReason.MfaRequired
                : policy.RequiresApproval && !a.Approved ? AccessReason.ApprovalRequired
                : AccessReason.Allowed;
            if (reason == AccessReason.Allowed)
            {
                return reason;
            }

            best = Later(reason, best);
        }

        return best;
    }

    /// <summary>Rule book 2.1 rules 2 and 5: a restricted action listed literally, or granted by some block.</summary>
    private static bool HasRestrictedAction(RoleDefinition role) =>
        RestrictedOperations.Any(role.PermitsAction) ||
        role.Permissions.Any(p => p.Actions.Any(a => RoleDelegability.RestrictedActionPatterns.Contains(a.Trim(), StringComparer.OrdinalIgnoreCase)));

    /// <summary>
    /// Rule book 2.2: User Access Administrator assigns only "Lighthouse-supported built-in role[s] except UAA and
    /// Owner": in the catalog, built-in, without data actions or restricted actions.
    /// </summary>
    private bool Assignable(RoleDefinitionId id) =>
        id != BuiltInRoleIds.Owner && id != BuiltInRoleIds.UserAccessAdministrator &&
        options.RoleCatalog.TryGet(id, out var role) && role.IsBuiltIn &&
        !role.Permissions.Any(p => !p.DataActions.IsEmpty || !p.NotDataActions.IsEmpty) && !HasRestrictedAction(role);

    /// <summary>
    /// docs/evaluation.md, "Deny assignments": scope (unset, tenant root and management groups cover everything unless
    /// exact), Actions minus NotActions with unreadable patterns failing closed, principals with groups and everyone.
    /// </summary>
    private static bool Denies(DenyAssignment deny, ResourceScope target, string action, HashSet<PrincipalId> principals)
    {
        var covers = deny.Scope.Kind == ScopeKind.None ||
            (deny.DoNotApplyToChildScopes ? deny.Scope == target
                : deny.Scope.Kind is ScopeKind.TenantRoot or ScopeKind.ManagementGroup || deny.Scope.Contains(target));
        static bool Readable(string p) => p is not null && p.Trim().Length > 0 && p.Trim().All(c => c >= '!' && c <= '~');
        var denied = deny.Actions.Any(p => !Readable(p)) || MatchesAny(action, deny.Actions);
        var removed = MatchesAny(action, [.. deny.NotActions.Where(Readable)]);
        var named = deny.Principals.IsEmpty || deny.Principals.Contains(default) || deny.Principals.Any(principals.Contains);
        var excluded = deny.ExcludePrincipals.Any(p => p != default && principals.Contains(p));
        return covers && denied && !removed && named && !excluded;
    }

    private static bool MatchesAny(string action, ImmutableArray<string> patterns) =>
        patterns.Any(p => p.Trim().Length > 0 && Glob(action, p.Trim()));

    /// <summary>Backtracking glob: '*' matches any run (including '/'), everything else case-insensitively.</summary>
    private static bool Glob(string s, string p)
    {
        int si = 0, pi = 0, star = -1, mark = 0;
        while (si < s.Length)
        {
            if (pi < p.Length && p[pi] == '*')
            {
                star = pi++;
                mark = si;
            }
            else if (pi < p.Length && char.ToUpperInvariant(p[pi]) == char.ToUpperInvariant(s[si]))
            {
                pi++;
                si++;
            }
            else if (star >= 0)
            {
                pi = star + 1;
                si = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (pi < p.Length && p[pi] == '*')
        {
            pi++;
        }

        return pi == p.Length;
    }
}
