using ManagedServices.Offers;
using ManagedServices.Operations;

namespace ManagedServices.Access;

public sealed partial class AccessEvaluator
{
    /// <summary>
    /// Who can perform <paramref name="action"/> on <paramref name="scope"/>: every principal and group an
    /// authorization names whose role permits the action at a covering delegation, plus the known members of such
    /// groups (when <see cref="AccessEvaluatorOptions.Groups"/> is an <see cref="InMemoryGroupMembership"/>).
    /// Eligible grants are included and marked. Holders that a deny assignment covering the scope denies the action to
    /// (by themselves or through their configured groups) are left out. Empty for a malformed action or scope, and for
    /// a data action (<paramref name="isDataAction"/>, or an operation Azure's operation list has only as a data
    /// action), which Lighthouse never delegates. Allocates.
    /// </summary>
    /// <param name="action">The management operation.</param>
    /// <param name="scope">The scope.</param>
    /// <param name="isDataAction">True when <paramref name="action"/> is asked about as a data action (as <see cref="AccessRequest.IsDataAction"/>).</param>
    /// <returns>The holders, in snapshot order (each authorization principal followed by its group's members).</returns>
    public ImmutableArray<AccessHolder> WhoCan(string action, string scope, bool isDataAction = false)
    {
        if (action is null || scope is null || !RequestText.IsValidAction(action) || !RequestText.TryScanScope(scope, out var parts) ||
            parts.Kind < ScopeKind.Subscription || IsDataAction(_operations.GetPlane(action), isDataAction))
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<AccessHolder>();
        foreach (var d in _delegations)
        {
            if (!d.Covers(in parts))
            {
                continue;
            }

            foreach (var g in d.Grants)
            {
                if (GrantEffect.RefusedBecause(g) is not null)
                {
                    continue; // never lets a request through (refused role, empty principal GUID)
                }

                string? condition = null;
                if (g.Role.Mode == RoleMode.UserAccessAdministrator)
                {
                    var uaa = CompiledRole.EvaluateUserAccessAdministrator(action);
                    if (uaa == RoleOutcome.NotInRole || (uaa == RoleOutcome.Excluded && g.DelegatedRoles.Length == 0))
                    {
                        continue;
                    }

                    if (uaa == RoleOutcome.Excluded)
                    {
                        condition = "only for managed identities, assigning " + string.Join(", ", g.DelegatedRoles);
                    }
                }
                else if (g.Role.Evaluate(action) != RoleOutcome.Permits)
                {
                    continue;
                }

                AddHolders(result, g, condition);
            }
        }

        if (_denies.Length != 0)
        {
            // A holder the evaluator would deny (by itself or through its configured groups) is left out.
            result.RemoveAll(h => DenyingAssignment(new AccessRequest(h.PrincipalId, action, scope)) is not null);
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The deny assignments that apply to the principal (configured groups only) somewhere at or below
    /// <paramref name="scope"/>; <paramref name="all"/> is set when one of them denies every management operation at
    /// the whole of the scope.
    /// </summary>
    private List<CompiledDeny>? DeniesWithin(PrincipalId principal, string scope, bool atScopeOnly, out bool all)
    {
        all = false;
        List<CompiledDeny>? found = null;
        var groups = _groups?.GetGroups(principal) ?? default;
        foreach (var d in _denies)
        {
            if (d.Actions.IsEmpty || d.NotActions.MatchesEverything || !d.Overlaps(scope) || !d.AppliesTo(principal, groups, default))
            {
                continue;
            }

            all |= d.DeniesEveryAction && d.Covers(scope) && (atScopeOnly || d.Mode != DenyScopeMode.Exact);
            (found ??= []).Add(d);
        }

        return found;
    }

    /// <summary>
    /// What <paramref name="principalId"/> can do on <paramref name="scope"/>: the grants that apply there (directly
    /// or through its groups) and, for each of <paramref name="actions"/>, the decision of
    /// <see cref="Check(in AccessRequest)"/>. No grants are listed when a deny assignment that applies to the principal
    /// denies every management operation at the scope.
    /// </summary>
    /// <param name="principalId">The principal.</param>
    /// <param name="scope">The scope.</param>
    /// <param name="actions">Actions to decide; none when null.</param>
    /// <param name="isDataAction">True when <paramref name="actions"/> are asked about as data actions (as <see cref="AccessRequest.IsDataAction"/>).</param>
    /// <param name="groupIds">Groups of the principal besides the configured memberships (as <see cref="AccessRequest.GroupIds"/>); null for none.</param>
    /// <returns>The access.</returns>
    public PrincipalAccess WhatCan(PrincipalId principalId, string scope, IEnumerable<string>? actions = null, bool isDataAction = false, IEnumerable<PrincipalId>? groupIds = null)
    {
        ImmutableArray<PrincipalId> groups = [.. groupIds ?? []];
        var decisions = (actions ?? []).Select(a => new ActionAccess
        {
            Action = a,
            Decision = Check(new AccessRequest(principalId, a, scope) { IsDataAction = isDataAction, GroupIds = groups }),
        }).ToImmutableArray();
        var grants = ImmutableArray.CreateBuilder<AccessGrant>();
        if (scope is not null && RequestText.TryScanScope(scope, out var parts) && parts.Kind >= ScopeKind.Subscription)
        {
            var principals = Principals(new AccessRequest(principalId, "", scope) { GroupIds = groups });
            var denied = false;
            if (_denies.Length != 0)
            {
                DeniesWithin(principalId, scope, atScopeOnly: true, out denied);
            }

            foreach (var d in denied ? [] : _delegations)
            {
                if (!d.Covers(in parts))
                {
                    continue;
                }

                foreach (var g in d.Grants)
                {
                    if (GrantEffect.RefusedBecause(g) is null && principals.ContainsKey(g.Public.PrincipalId))
                    {
                        grants.Add(g.Public);
                    }
                }
            }
        }

        return new PrincipalAccess(principalId, scope ?? "", grants.ToImmutable(), decisions);
    }

    /// <summary>
    /// What a grant this evaluator returned (from <see cref="WhatCan"/>, <see cref="WhoCan"/>,
    /// <see cref="GetCustomerAccessReport"/> or a decision) means: the eligible authorization's just-in-time policy, the
    /// roles User Access Administrator may assign, and, when <paramref name="includeOperations"/> is true, the
    /// management operations of Azure's operation list its role permits through Lighthouse (see
    /// <see cref="GrantDetails.Operations"/>), filtered by <paramref name="search"/>. Allocates; with operations it
    /// evaluates the role against every listed operation.
    /// </summary>
    /// <param name="grant">The grant.</param>
    /// <param name="includeOperations">True to list the operations the role permits.</param>
    /// <param name="search">Only operations whose name contains this text (ignoring case); null for all.</param>
    /// <returns>The details, or null when <paramref name="grant"/> is not a grant of this evaluator's delegations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grant"/> is null.</exception>
    public GrantDetails? Describe(AccessGrant grant, bool includeOperations = false, string? search = null)
    {
        ArgumentNullException.ThrowIfNull(grant);
        CompiledGrant? found = null;
        foreach (var d in _delegations)
        {
            foreach (var g in d.Grants)
            {
                if (ReferenceEquals(g.Public, grant) || (found is null && g.Public == grant))
                {
                    found = g;
                }
            }
        }

        if (found is null)
        {
            return null;
        }

        JustInTimeAccessPolicy? policy = null;
        if (found.IsEligible)
        {
            // The policy of the eligible authorization this grant was compiled from (a missing one compiled as the default).
            policy = found.Delegation.Source.Definition.Manifest.EligibleAuthorizations
                .FirstOrDefault(e => e?.Principal is { } p && p.Id == grant.PrincipalId && e.RoleDefinitionId == grant.RoleDefinitionId)?.JustInTimeAccessPolicy
                ?? JustInTimeAccessPolicy.Default;
        }

        var operations = ImmutableArray.CreateBuilder<string>();
        if (includeOperations && found.Fixed == AccessReason.Allowed)
        {
            foreach (var (name, plane) in _operations.Entries)
            {
                if (plane == OperationPlane.Data || !RequestText.IsValidAction(name) ||
                    (search is not null && !name.Contains(search, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var outcome = found.Role.Mode == RoleMode.UserAccessAdministrator
                    ? CompiledRole.EvaluateUserAccessAdministrator(name)
                    : found.Role.Evaluate(name);
                if (outcome == RoleOutcome.Permits)
                {
                    operations.Add(name);
                }
            }
        }

        return new GrantDetails(found.Public, policy, [.. found.DelegatedRoles], operations.ToImmutable());
    }

    /// <summary>
    /// The "who has access to my tenant" report for a customer: every managing-tenant principal with access, by
    /// delegated scope, role and offer (authorization principals, and known members of authorized groups). Grants of
    /// roles that never allow anything and ignored delegations are left out; eligible grants are included and marked.
    /// A holder that a deny assignment strips of every management operation on the whole delegated scope is left out;
    /// one that deny assignments restrict within it carries a note in <see cref="AccessHolder.Condition"/>.
    /// </summary>
    /// <param name="customerTenantId">The customer tenant.</param>
    /// <returns>The holders, ordered by scope, role name, offer and principal.</returns>
    public ImmutableArray<AccessHolder> GetCustomerAccessReport(TenantId customerTenantId)
    {
        var result = ImmutableArray.CreateBuilder<AccessHolder>();
        foreach (var d in _delegations)
        {
            if (d.IgnoredBecause is not null || d.Source.CustomerTenantId != customerTenantId)
            {
                continue;
            }

            foreach (var g in d.Grants)
            {
                if (GrantEffect.RefusedBecause(g) is null)
                {
                    AddHolders(result, g, g.Role.Mode == RoleMode.UserAccessAdministrator
                        ? "User Access Administrator: role assignments for managed identities (" + string.Join(", ", g.DelegatedRoles) + "), role assignment read, Microsoft.Support/*"
                        : null);
                }
            }
        }

        if (_denies.Length != 0)
        {
            ApplyDenies(result);
        }

        return
        [
            .. result
                .OrderBy(static h => h.Grant.Scope.ToString(), StringComparer.OrdinalIgnoreCase)
                .ThenBy(static h => h.Grant.RoleName ?? h.Grant.RoleDefinitionId.ToString(), StringComparer.Ordinal)
                .ThenBy(static h => h.Grant.RegistrationDefinitionName, StringComparer.Ordinal)
                .ThenBy(static h => h.ViaGroupId ?? h.PrincipalId)
                .ThenBy(static h => h.ViaGroupId is null ? 0 : 1)
                .ThenBy(static h => h.PrincipalId),
        ];
    }

    /// <summary>
    /// Leaves out holders a deny assignment strips of every management operation on the whole delegated scope, and
    /// notes on the others the deny assignments that remove some operations within it.
    /// </summary>
    private void ApplyDenies(ImmutableArray<AccessHolder>.Builder holders)
    {
        for (var i = holders.Count - 1; i >= 0; i--)
        {
            var h = holders[i];
            var denies = DeniesWithin(h.PrincipalId, h.Grant.Scope.ToString(), atScopeOnly: false, out var all);
            if (all)
            {
                holders.RemoveAt(i);
            }
            else if (denies is not null)
            {
                var note = "restricted by deny assignment " + string.Join(", ", denies.Select(static d =>
                    (d.Source.Name is null ? "" : d.Source.Name + " ") + d.Source.Id + " at " + d.Source.Scope));
                holders[i] = h with { Condition = h.Condition is null ? note : h.Condition + "; " + note };
            }
        }
    }

    private void AddHolders(ImmutableArray<AccessHolder>.Builder result, CompiledGrant g, string? condition)
    {
        var grant = g.Public;
        result.Add(new AccessHolder
        {
            PrincipalId = grant.PrincipalId,
            PrincipalKind = grant.PrincipalKind,
            DisplayName = grant.PrincipalDisplayName,
            Grant = grant,
            Condition = condition,
        });
        if (_groups is InMemoryGroupMembership memberships)
        {
            foreach (var member in memberships.GetMembers(grant.PrincipalId))
            {
                result.Add(new AccessHolder { PrincipalId = member, ViaGroupId = grant.PrincipalId, Grant = grant, Condition = condition });
            }
        }
    }
}
