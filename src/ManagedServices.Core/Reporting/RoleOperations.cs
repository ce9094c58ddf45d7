using ManagedServices.Access;
using ManagedServices.Operations;

namespace ManagedServices.Reporting;

/// <summary>
/// The management operations of Azure's operation list that a role lets a managing-tenant principal perform through a
/// delegation, decided by the access evaluator's own rules (<see cref="AccessEvaluator.RoleFor"/> and
/// <see cref="CompiledRole"/>: Actions minus NotActions, blocks with a condition grant nothing, Lighthouse takes away the
/// registration operations, Owner, custom and unknown roles grant nothing, User Access Administrator only its
/// Lighthouse part, eligible User Access Administrator nothing). Operations Azure lists only as data actions are left
/// out: Lighthouse delegates no data action. Cached per role.
/// </summary>
internal sealed class RoleOperations(RoleCatalog catalog, OperationCatalog operations)
{
    private readonly Dictionary<RoleDefinitionId, CompiledRole> _roles = [];
    private readonly Dictionary<RoleDefinitionId, HashSet<string>> _permitted = [];
    private List<string>? _management;

    /// <summary>The operations the role permits (case-insensitive set); empty for an eligible User Access Administrator.</summary>
    public IReadOnlySet<string> Permitted(RoleDefinitionId id, bool eligible)
    {
        var role = AccessEvaluator.RoleFor(_roles, catalog, id);
        if (eligible && role.Mode == RoleMode.UserAccessAdministrator)
        {
            return new HashSet<string>();
        }

        if (_permitted.TryGetValue(id, out var set))
        {
            return set;
        }

        _management ??= [.. operations.Entries.Where(static e => (e.Plane & OperationPlane.Management) != 0).Select(static e => e.Name)];
        set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var op in _management)
        {
            var outcome = role.Mode switch
            {
                RoleMode.Normal => role.Evaluate(op),
                RoleMode.UserAccessAdministrator => CompiledRole.EvaluateUserAccessAdministrator(op),
                _ => RoleOutcome.NotInRole,
            };
            if (outcome == RoleOutcome.Permits)
            {
                set.Add(op);
            }
        }

        _permitted[id] = set;
        return set;
    }

    /// <summary>The role's name in the catalog; null when the catalog does not have it.</summary>
    public string? RoleName(RoleDefinitionId id) => catalog.TryGet(id, out var role) ? role.Name : null;

    /// <summary>
    /// What <paramref name="role"/> permits that none of <paramref name="before"/> did: the count and up to
    /// <paramref name="count"/> examples, operations that change something (<c>write</c>, <c>delete</c>,
    /// <c>action</c>) first, then by name.
    /// </summary>
    public (int Count, IReadOnlyList<string> Examples) NewlyGranted(RoleDefinitionId role, bool eligible, IEnumerable<(RoleDefinitionId Role, bool Eligible)> before, int count)
    {
        var held = before.Select(b => Permitted(b.Role, b.Eligible)).ToList();
        var added = Permitted(role, eligible).Where(op => !held.Any(h => h.Contains(op))).ToList();
        var examples = added
            .OrderBy(static op => Changes(op) ? 0 : 1)
            .ThenBy(static op => op, StringComparer.OrdinalIgnoreCase)
            .ThenBy(static op => op, StringComparer.Ordinal)
            .Take(count)
            .ToList();
        return (added.Count, examples);

        static bool Changes(string op) =>
            op.EndsWith("/write", StringComparison.OrdinalIgnoreCase) || op.EndsWith("/delete", StringComparison.OrdinalIgnoreCase) ||
            op.EndsWith("/action", StringComparison.OrdinalIgnoreCase);
    }
}
