namespace ManagedServices.Access;

public sealed partial class AccessEvaluator
{
    /// <summary>
    /// Decides a request like <see cref="Check(in AccessRequest)"/> and returns the full trace: every authorization of
    /// every delegation in the request's subscription and why it did or did not apply. Allocates; not for hot paths.
    /// Never throws on bad data.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The explanation.</returns>
    public AccessExplanation Explain(in AccessRequest request)
    {
        var decision = Check(in request);
        var text = request.ToString();
        var malformed = MalformedBecause(in request);
        if (malformed is not null)
        {
            return new AccessExplanation { Decision = decision, Request = text, MalformedBecause = malformed };
        }

        var principal = request.PrincipalId;
        var via = Principals(in request);
        RequestText.TryScanScope(request.Scope, out var parts);
        var candidates = ImmutableArray.CreateBuilder<AccessCandidate>();
        if (parts.Kind >= ScopeKind.Subscription && !IsDataAction(_operations.GetPlane(request.Action), request.IsDataAction))
        {
            foreach (var d in _delegations)
            {
                if (!parts.Subscription.Equals(d.SubscriptionText, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (var g in d.Grants)
                {
                    candidates.Add(Candidate(g, in request, in parts, via));
                }
            }
        }

        return new AccessExplanation
        {
            Decision = decision,
            Request = text,
            Principals = [principal, .. via.Keys.Where(k => k != principal).Order()],
            Candidates = candidates.ToImmutable(),
            DenyAssignments = DenyCandidates(in request),
        };
    }

    private ImmutableArray<AccessDenyCandidate> DenyCandidates(in AccessRequest request)
    {
        var result = ImmutableArray.CreateBuilder<AccessDenyCandidate>();
        foreach (var d in _denies)
        {
            if (d.Covers(request.Scope))
            {
                result.Add(DenyCandidate(d, in request));
            }
        }

        return result.ToImmutable();
    }

    private AccessDenyCandidate DenyCandidate(CompiledDeny d, in AccessRequest request)
    {
        var widened = d.Problems.IsEmpty ? "" : " (fails closed: " + string.Join("; ", d.Problems) + ")";
        var kind = request.IsDataAction ? "DataActions minus NotDataActions" : "Actions minus NotActions";
        if (!d.Denies(request.Action, request.IsDataAction))
        {
            return new AccessDenyCandidate(d.Source, false, null, $"its {kind} do not include {request.Action}" + widened);
        }

        var principal = request.PrincipalId;
        var groups = _groups?.GetGroups(principal) ?? default;
        if (!d.Names(principal, groups, request.GroupIds, out var named))
        {
            return new AccessDenyCandidate(d.Source, false, null, $"it denies {request.Action} but names neither the principal nor one of its groups" + widened);
        }

        if (d.Excludes(principal, groups, request.GroupIds, out var excluded))
        {
            var who = excluded == principal ? "the principal" : $"the principal's group {excluded}";
            return new AccessDenyCandidate(d.Source, false, excluded, $"it denies {request.Action} but excludes {who}" + widened);
        }

        var target = named is null ? "everyone" : named == principal ? "the principal" : $"the principal's group {named}";
        return new AccessDenyCandidate(d.Source, true, named, $"it denies {request.Action} to {target}" + widened);
    }

    private static string? MalformedBecause(in AccessRequest request)
    {
        if (request.PrincipalIdText is { } p && !PrincipalId.TryParse(p, out _))
        {
            return "the principal ID is not a GUID (36 characters with hyphens)";
        }

        if (request.Action is null || !RequestText.IsValidAction(request.Action))
        {
            return "the action must be 1 to 1024 printable ASCII characters without '*' or whitespace";
        }

        if (!ResourceScope.TryParse(request.Scope, out _, out var error))
        {
            return "the scope is not valid: " + error;
        }

        return null;
    }

    /// <summary>The principal and its groups, each mapped to the group it came through (or itself).</summary>
    private Dictionary<PrincipalId, PrincipalId?> Principals(in AccessRequest request)
    {
        var principal = request.PrincipalId;
        var result = new Dictionary<PrincipalId, PrincipalId?> { [principal] = null };
        if (_groups is not null)
        {
            foreach (var g in _groups.GetGroups(principal))
            {
                result.TryAdd(g, g);
            }
        }

        if (!request.GroupIds.IsDefaultOrEmpty)
        {
            foreach (var g in request.GroupIds)
            {
                result.TryAdd(g, g);
            }
        }

        return result;
    }

    private AccessCandidate Candidate(CompiledGrant g, in AccessRequest request, in ScopeParts parts, Dictionary<PrincipalId, PrincipalId?> principals)
    {
        var grant = g.Public;
        if (g.Delegation.IgnoredBecause is { } ignored)
        {
            return new AccessCandidate { Grant = grant, Outcome = AccessReason.NoDelegationCoversScope, Detail = "the delegation is ignored: " + ignored };
        }

        if (!g.Delegation.Covers(in parts))
        {
            return new AccessCandidate
            {
                Grant = grant,
                Outcome = AccessReason.NoDelegationCoversScope,
                Detail = $"the delegated scope {grant.Scope} does not cover {request.Scope}",
            };
        }

        if (!principals.TryGetValue(grant.PrincipalId, out var group))
        {
            return new AccessCandidate
            {
                Grant = grant,
                CoversScope = true,
                Outcome = AccessReason.PrincipalNotAuthorized,
                Detail = $"the authorization names {grant.PrincipalId}, which is neither the principal nor one of its groups",
            };
        }

        var candidate = new AccessCandidate { Grant = grant, CoversScope = true, MatchesPrincipal = true, ViaGroupId = group, Outcome = AccessReason.Allowed, Detail = "" };
        var through = group is { } viaGroup ? $" (through group {viaGroup})" : "";
        if (request.PrincipalTenantId is { } tenant && tenant.Value != g.ManagingTenant)
        {
            return candidate with { Outcome = AccessReason.TenantMismatch, Detail = $"the principal's tenant {tenant} is not the managing tenant {grant.ManagingTenantId}" };
        }

        switch (g.Fixed)
        {
            case AccessReason.RoleNotInCatalog:
                return candidate with { Outcome = g.Fixed, Detail = $"the role {grant.RoleDefinitionId} is not in the role catalog, so it grants nothing" };
            case AccessReason.CustomRoleNotDelegable:
                return candidate with { Outcome = g.Fixed, Detail = $"{grant.RoleName} ({grant.RoleDefinitionId}) is a custom role; Lighthouse supports built-in roles only, so it grants nothing" };
            case AccessReason.RoleNotDelegable:
                return candidate with
                {
                    Outcome = g.Fixed,
                    Detail = g.Role.Mode == RoleMode.UserAccessAdministrator
                        ? "User Access Administrator cannot be an eligible authorization, so it grants nothing"
                        : $"{grant.RoleName} cannot be delegated (Owner or restricted Microsoft.Authorization actions), so it grants nothing",
                };
        }

        if (g.Role.Mode == RoleMode.UserAccessAdministrator)
        {
            var uaa = CompiledRole.EvaluateUserAccessAdministrator(request.Action);
            if (uaa == RoleOutcome.NotInRole)
            {
                return candidate with
                {
                    Outcome = AccessReason.ActionNotInRole,
                    Detail = "under Lighthouse, User Access Administrator grants only role assignment read, write and delete (for managed identities and delegated roles) and Microsoft.Support/*",
                };
            }

            if (uaa == RoleOutcome.Excluded && !QualifiesForUserAccessAdministrator(g, in request))
            {
                return candidate with
                {
                    Outcome = AccessReason.UserAccessAdministratorRestricted,
                    Detail = $"role assignment write and delete need a managed identity as target and one of the delegated roles ({string.Join(", ", g.DelegatedRoles)})",
                };
            }

            return candidate with { Detail = "User Access Administrator permits this under Lighthouse" + through };
        }

        var outcome = g.Role.Explain(request.Action, out var matched, out var excludedBy, out var condition);
        candidate = candidate with { MatchedAction = matched, ExcludedBy = excludedBy };
        if (outcome == RoleOutcome.Conditioned)
        {
            return candidate with
            {
                Outcome = AccessReason.ConditionNotEvaluated,
                Detail = $"Action '{matched}' matches only in a permission block with an ABAC condition, which cannot be evaluated offline, so the block grants nothing (condition: {condition})",
            };
        }

        if (outcome == RoleOutcome.NotInRole)
        {
            return candidate with { Outcome = AccessReason.ActionNotInRole, Detail = $"no Action of {grant.RoleName} matches {request.Action}" };
        }

        if (outcome == RoleOutcome.Excluded)
        {
            var reason = g.Role.ExcludedReason(request.Action);
            return candidate with
            {
                Outcome = reason,
                Detail = reason == AccessReason.ManagedServicesOperationNotDelegable
                    ? LighthouseOperations.Detail(request.Action, matched)
                    : $"Action '{matched}' matches, but NotAction '{excludedBy}' of the same block removes it",
            };
        }

        if (g.IsEligible)
        {
            var status = ActivationStatus(g, in request);
            if (status != AccessReason.Allowed)
            {
                return candidate with { Outcome = status, Detail = $"Action '{matched}' matches, but the eligible role is not usable now: {status}" };
            }

            return candidate with { Detail = $"Action '{matched}' matches and the eligible role is active" + through };
        }

        return candidate with { Detail = $"Action '{matched}' matches" + through };
    }
}
