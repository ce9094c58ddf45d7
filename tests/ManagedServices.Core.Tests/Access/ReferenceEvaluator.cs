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

        if (request.IsDataAction)
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

                best = reason > best ? reason : best;
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

        var isUaa = roleId == BuiltInRoleIds.UserAccessAdministrator;
        if (roleId == BuiltInRoleIds.Owner || (isUaa && policy is not null) ||
            (!isUaa && RestrictedOperations.Any(role.PermitsAction)) ||
            (!isUaa && role.Permissions.Any(p => p.Actions.Any(a => RoleDelegability.RestrictedActionPatterns.Contains(a.Trim(), StringComparer.OrdinalIgnoreCase)))))
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
                    request.TargetRoleDefinitionId is { } t && t != BuiltInRoleIds.Owner && t != BuiltInRoleIds.UserAccessAdministrator &&
                    delegated.Contains(t);
                return ok ? AccessReason.Allowed : AccessReason.UserAccessAdministratorRestricted;
            }

            return AccessReason.ActionNotInRole;
        }

        var permits = role.Permissions.Any(p => MatchesAny(action, p.Actions) && !MatchesAny(action, p.NotActions));
        if (!permits)
        {
            return role.Permissions.Any(p => MatchesAny(action, p.Actions)) ? AccessReason.ExcludedByNotActions : AccessReason.ActionNotInRole;
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

            best = reason > best ? reason : best;
        }

        return best;
    }

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
