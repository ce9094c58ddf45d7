using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>The engine behind <see cref="ManifestDiff.Compare(DelegationManifest, DelegationManifest, RoleCatalog?)"/>.</summary>
internal sealed class ManifestComparer
{
    private readonly DelegationManifest _old;
    private readonly DelegationManifest _new;
    private readonly RoleCatalog _catalog;
    private readonly Dictionary<Key, Authorization> _oldPermanent;
    private readonly Dictionary<Key, Authorization> _newPermanent;
    private readonly Dictionary<Key, EligibleAuthorization> _oldEligible;
    private readonly Dictionary<Key, EligibleAuthorization> _newEligible;
    private readonly Dictionary<PrincipalId, Principal> _principals = [];
    private readonly List<AccessChange> _flags = [];
    private readonly Dictionary<(RoleDefinitionId Inner, RoleDefinitionId Outer), bool> _covered = [];

    public ManifestComparer(DelegationManifest oldManifest, DelegationManifest newManifest, RoleCatalog catalog)
    {
        _old = oldManifest;
        _new = newManifest;
        _catalog = catalog;
        _oldPermanent = Index(oldManifest.Authorizations, static a => new Key(a.Principal.Id, a.RoleDefinitionId));
        _newPermanent = Index(newManifest.Authorizations, static a => new Key(a.Principal.Id, a.RoleDefinitionId));
        _oldEligible = Index(oldManifest.EligibleAuthorizations, static a => new Key(a.Principal.Id, a.RoleDefinitionId));
        _newEligible = Index(newManifest.EligibleAuthorizations, static a => new Key(a.Principal.Id, a.RoleDefinitionId));
        foreach (var p in newManifest.Authorizations.Select(static a => a.Principal)
                     .Concat(newManifest.EligibleAuthorizations.Select(static a => a.Principal))
                     .Concat(oldManifest.Authorizations.Select(static a => a.Principal))
                     .Concat(oldManifest.EligibleAuthorizations.Select(static a => a.Principal))
                     .Concat(newManifest.EligibleAuthorizations.Concat(oldManifest.EligibleAuthorizations).SelectMany(static a => a.JustInTimeAccessPolicy.Approvers)))
        {
            _principals.TryAdd(p.Id, p);
        }
    }

    public ManifestDiff Run()
    {
        FlagManagingTenant();
        FlagPrincipals();
        foreach (var key in _oldPermanent.Keys.Concat(_newPermanent.Keys).Concat(_oldEligible.Keys).Concat(_newEligible.Keys).Distinct())
        {
            FlagKey(key);
        }

        FlagReplacements(_oldPermanent.Keys, _newPermanent.Keys, eligible: false);
        FlagReplacements(_oldEligible.Keys, _newEligible.Keys, eligible: true);

        return new ManifestDiff(
            _old.Version,
            _new.Version,
            _old.ManagingTenantId,
            _new.ManagingTenantId,
            Authorizations: [.. Changes(_oldPermanent, _newPermanent).Select(c => new AuthorizationChange(
                c.Kind, c.Key.Principal, c.Key.Role, RoleName(c.Key.Role), c.Old, c.New))],
            EligibleAuthorizations: [.. Changes(_oldEligible, _newEligible).Select(c => new EligibleAuthorizationChange(
                c.Kind, c.Key.Principal, c.Key.Role, RoleName(c.Key.Role), c.Old, c.New))],
            AccessChanges: [.. _flags
                .OrderBy(static f => f.Direction)
                .ThenByDescending(static f => f.Severity)
                .ThenBy(static f => f.Rule)
                .ThenBy(static f => f.PrincipalId ?? default)
                .ThenBy(static f => f.RoleDefinitionId ?? default)
                .ThenBy(static f => f.IsEligible)
                .ThenBy(static f => f.RelatedRoleDefinitionId ?? default)
                .ThenBy(static f => f.RelatedPrincipalId ?? default)]);
    }

    private static Dictionary<Key, T> Index<T>(ImmutableArray<T> items, Func<T, Key> key)
    {
        var map = new Dictionary<Key, T>();
        foreach (var item in items)
        {
            map.TryAdd(key(item), item);
        }

        return map;
    }

    private static IEnumerable<(ManifestChangeKind Kind, Key Key, T? Old, T? New)> Changes<T>(Dictionary<Key, T> older, Dictionary<Key, T> newer)
        where T : class
    {
        foreach (var key in older.Keys.Concat(newer.Keys).Distinct().OrderBy(static k => k.Principal).ThenBy(static k => k.Role))
        {
            var o = older.GetValueOrDefault(key);
            var n = newer.GetValueOrDefault(key);
            if (o is null)
            {
                yield return (ManifestChangeKind.Added, key, null, n);
            }
            else if (n is null)
            {
                yield return (ManifestChangeKind.Removed, key, o, null);
            }
            else if (!o.Equals(n))
            {
                yield return (ManifestChangeKind.Changed, key, o, n);
            }
        }
    }

    private void FlagManagingTenant()
    {
        if (_old.ManagingTenantId != _new.ManagingTenantId)
        {
            Add(AccessChangeRule.ManagingTenant, AccessChangeDirection.Widening, AccessChangeSeverity.Critical, null, null,
                $"the managing tenant changes from {_old.ManagingTenantId} to {_new.ManagingTenantId}: every authorization now grants access to another tenant");
        }
    }

    private void FlagPrincipals()
    {
        var older = _oldPermanent.Keys.Concat(_oldEligible.Keys).Select(static k => k.Principal).ToHashSet();
        var newer = _newPermanent.Keys.Concat(_newEligible.Keys).Select(static k => k.Principal).ToHashSet();
        foreach (var p in newer.Where(p => !older.Contains(p)))
        {
            Add(AccessChangeRule.Principal, AccessChangeDirection.Widening, AccessChangeSeverity.High, p, null,
                $"new principal {PrincipalLabel(p)} gets access");
        }

        foreach (var p in older.Where(p => !newer.Contains(p)))
        {
            Add(AccessChangeRule.Principal, AccessChangeDirection.Narrowing, AccessChangeSeverity.Info, p, null,
                $"principal {PrincipalLabel(p)} loses all access");
        }
    }

    private void FlagKey(Key key)
    {
        var (p, r) = (key.Principal, key.Role);
        var permOld = _oldPermanent.TryGetValue(key, out var oldAuth);
        var permNew = _newPermanent.TryGetValue(key, out var newAuth);
        var eligOld = _oldEligible.TryGetValue(key, out var oldElig);
        var eligNew = _newEligible.TryGetValue(key, out var newElig);
        var who = PrincipalLabel(p);
        var role = RoleLabel(r);

        if (permNew && !permOld && !eligOld && !GrantsNothingNew(r, RolesOf(_oldPermanent, p)))
        {
            var covered = RolesOf(_oldPermanent, p).Any(outer => Covered(r, outer));
            Add(AccessChangeRule.Role, AccessChangeDirection.Widening, covered ? AccessChangeSeverity.Low : AccessChangeSeverity.High, p, r,
                covered ? $"{who} gets permanent role {role}, already covered by a role it held" : $"{who} gets permanent role {role}");
        }

        if (permOld && !permNew && !eligNew && !GrantsNothingNew(r, RolesOf(_newPermanent, p)))
        {
            Add(AccessChangeRule.Role, AccessChangeDirection.Narrowing, AccessChangeSeverity.Info, p, r, $"{who} loses permanent role {role}");
        }

        if (eligOld && !permOld && permNew)
        {
            Add(AccessChangeRule.AccessType, AccessChangeDirection.Widening, AccessChangeSeverity.High, p, r,
                $"{who}: eligible role {role} turns permanent (no activation, MFA or approval any more)");
        }

        if (permOld && !permNew && eligNew)
        {
            Add(AccessChangeRule.AccessType, AccessChangeDirection.Narrowing, AccessChangeSeverity.Info, p, r,
                $"{who}: permanent role {role} turns eligible (activation required)");
        }

        if (eligNew && !eligOld && !permOld)
        {
            var covered = RolesOf(_oldPermanent, p).Concat(RolesOf(_oldEligible, p)).Any(outer => Covered(r, outer));
            Add(AccessChangeRule.Role, AccessChangeDirection.Widening, covered ? AccessChangeSeverity.Low : AccessChangeSeverity.Medium, p, r,
                covered ? $"{who} becomes eligible for role {role}, already covered by a role it held" : $"{who} becomes eligible for role {role}",
                eligible: true);
        }

        if (eligOld && !eligNew && !permNew)
        {
            Add(AccessChangeRule.Role, AccessChangeDirection.Narrowing, AccessChangeSeverity.Info, p, r, $"{who} is no longer eligible for role {role}", eligible: true);
        }

        if (oldElig is not null && newElig is not null)
        {
            FlagPolicy(p, r, oldElig.JustInTimeAccessPolicy, newElig.JustInTimeAccessPolicy);
        }

        var delegatedOld = oldAuth?.DelegatedRoleDefinitionIds ?? [];
        var delegatedNew = newAuth?.DelegatedRoleDefinitionIds ?? [];
        foreach (var d in delegatedNew.Distinct().Where(d => !delegatedOld.Contains(d)))
        {
            Add(AccessChangeRule.DelegatedRole, AccessChangeDirection.Widening, AccessChangeSeverity.High, p, r,
                $"{who} ({role}) may now assign role {RoleLabel(d)} to managed identities", related: d);
        }

        foreach (var d in delegatedOld.Distinct().Where(d => !delegatedNew.Contains(d)))
        {
            Add(AccessChangeRule.DelegatedRole, AccessChangeDirection.Narrowing, AccessChangeSeverity.Info, p, r,
                $"{who} ({role}) may no longer assign role {RoleLabel(d)} to managed identities", related: d);
        }
    }

    private void FlagPolicy(PrincipalId p, RoleDefinitionId r, JustInTimeAccessPolicy older, JustInTimeAccessPolicy newer)
    {
        var who = PrincipalLabel(p);
        var role = RoleLabel(r);
        if (older.MultiFactorAuthProvider.RequiresMfa && !newer.MultiFactorAuthProvider.RequiresMfa)
        {
            Add(AccessChangeRule.MultiFactorAuth, AccessChangeDirection.Widening, AccessChangeSeverity.Medium, p, r,
                $"{who}: activating {role} no longer requires MFA", eligible: true);
        }
        else if (!older.MultiFactorAuthProvider.RequiresMfa && newer.MultiFactorAuthProvider.RequiresMfa)
        {
            Add(AccessChangeRule.MultiFactorAuth, AccessChangeDirection.Narrowing, AccessChangeSeverity.Info, p, r,
                $"{who}: activating {role} now requires MFA", eligible: true);
        }

        var oldDuration = IsoDuration.Format(older.MaximumActivationDuration);
        var newDuration = IsoDuration.Format(newer.MaximumActivationDuration);
        if (newer.MaximumActivationDuration > older.MaximumActivationDuration)
        {
            Add(AccessChangeRule.MaximumActivationDuration, AccessChangeDirection.Widening, AccessChangeSeverity.Low, p, r,
                $"{who}: maximum activation of {role} grows from {oldDuration} to {newDuration}", eligible: true);
        }
        else if (newer.MaximumActivationDuration < older.MaximumActivationDuration)
        {
            Add(AccessChangeRule.MaximumActivationDuration, AccessChangeDirection.Narrowing, AccessChangeSeverity.Info, p, r,
                $"{who}: maximum activation of {role} shrinks from {oldDuration} to {newDuration}", eligible: true);
        }

        var oldApprovers = older.Approvers.Select(static a => a.Id).ToHashSet();
        var newApprovers = newer.Approvers.Select(static a => a.Id).ToHashSet();
        foreach (var a in oldApprovers.Where(a => !newApprovers.Contains(a)).Order())
        {
            var none = newApprovers.Count == 0;
            Add(AccessChangeRule.Approver, AccessChangeDirection.Widening, none ? AccessChangeSeverity.High : AccessChangeSeverity.Low, p, r,
                none ? $"{who}: approver {PrincipalLabel(a)} removed; activating {role} no longer needs approval"
                     : $"{who}: approver {PrincipalLabel(a)} removed for {role}",
                eligible: true, approver: a);
        }

        foreach (var a in newApprovers.Where(a => !oldApprovers.Contains(a)).Order())
        {
            Add(AccessChangeRule.Approver, AccessChangeDirection.Narrowing, AccessChangeSeverity.Info, p, r,
                $"{who}: approver {PrincipalLabel(a)} added for {role}", eligible: true, approver: a);
        }
    }

    private void FlagReplacements(IEnumerable<Key> olderKeys, IEnumerable<Key> newerKeys, bool eligible)
    {
        var older = olderKeys.ToLookup(static k => k.Principal, static k => k.Role);
        var newer = newerKeys.ToLookup(static k => k.Principal, static k => k.Role);
        var kind = eligible ? "eligible" : "permanent";
        foreach (var group in newer)
        {
            var p = group.Key;
            var before = older[p].ToHashSet();
            var after = group.ToHashSet();
            var removed = before.Where(r => !after.Contains(r)).ToList();
            var added = after.Where(r => !before.Contains(r)).ToList();
            foreach (var x in removed)
            {
                foreach (var y in added)
                {
                    // Permanent roles: a role another delegable role on the same side covers changes no access (symmetric).
                    if (!Covered(y, x) && !(!eligible && GrantsNothingNew(y, before)))
                    {
                        Add(AccessChangeRule.RolePermissions, AccessChangeDirection.Widening, eligible ? AccessChangeSeverity.Medium : AccessChangeSeverity.High, p, y,
                            $"{PrincipalLabel(p)}: {kind} role {RoleLabel(y)} replaces {RoleLabel(x)} and grants operations {RoleLabel(x)} does not",
                            eligible, related: x);
                    }

                    if (!Covered(x, y) && !(!eligible && GrantsNothingNew(x, after)))
                    {
                        Add(AccessChangeRule.RolePermissions, AccessChangeDirection.Narrowing, AccessChangeSeverity.Info, p, y,
                            $"{PrincipalLabel(p)}: {kind} role {RoleLabel(y)} replaces {RoleLabel(x)} and lacks operations {RoleLabel(x)} grants",
                            eligible, related: x);
                    }
                }
            }
        }
    }

    /// <summary>
    /// True when a permanent role gained (or lost) changes no access: a delegable role the principal holds on the other
    /// side provably covers it (<see cref="RoleCoverage"/>), and the role is not one Lighthouse treats specially (the
    /// Registration Assignment Delete Role deletes registration assignments, which Lighthouse takes away from every other
    /// role; User Access Administrator). Symmetric: a gain not flagged in <c>Compare(a, b)</c> is a loss not flagged in
    /// <c>Compare(b, a)</c>.
    /// </summary>
    private bool GrantsNothingNew(RoleDefinitionId role, IEnumerable<RoleDefinitionId> held) =>
        role != BuiltInRoleIds.RegistrationAssignmentDelete && role != BuiltInRoleIds.UserAccessAdministrator &&
        held.Any(outer => outer != role && _catalog.GetDelegability(outer) is { IsDelegable: true } && Covered(role, outer));

    private static IEnumerable<RoleDefinitionId> RolesOf<T>(Dictionary<Key, T> map, PrincipalId p) =>
        map.Keys.Where(k => k.Principal == p).Select(static k => k.Role);

    private void Add(
        AccessChangeRule rule, AccessChangeDirection direction, AccessChangeSeverity severity, PrincipalId? principal, RoleDefinitionId? role,
        string message, bool eligible = false, RoleDefinitionId? related = null, PrincipalId? approver = null) =>
        _flags.Add(new AccessChange(rule, direction, severity, principal, role, eligible, related, approver, message));

    private bool Covered(RoleDefinitionId inner, RoleDefinitionId outer)
    {
        if (!_covered.TryGetValue((inner, outer), out var covered))
        {
            covered = RoleCoverage.IsCovered(inner, outer, _catalog);
            _covered[(inner, outer)] = covered;
        }

        return covered;
    }

    private string? RoleName(RoleDefinitionId id) => _catalog.TryGet(id, out var role) ? role.Name : null;

    private string RoleLabel(RoleDefinitionId id) => RoleName(id) is { } name ? $"'{name}'" : id.ToString();

    private string PrincipalLabel(PrincipalId id) =>
        _principals.TryGetValue(id, out var p) && !string.IsNullOrEmpty(p.DisplayName) ? $"'{p.DisplayName}' ({id})" : id.ToString();

    private readonly record struct Key(PrincipalId Principal, RoleDefinitionId Role);
}
