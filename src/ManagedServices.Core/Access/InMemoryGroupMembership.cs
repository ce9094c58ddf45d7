namespace ManagedServices.Access;

/// <summary>
/// An immutable in-memory snapshot of group memberships. The groups given for a principal are taken as its
/// transitive memberships (as in a token); nested groups are not expanded again.
/// </summary>
/// <remarks>Thread-safe. The access evaluator precomputes the grants of every principal of this snapshot.</remarks>
public sealed class InMemoryGroupMembership : IGroupMembershipProvider
{
    private readonly FrozenDictionary<PrincipalId, ImmutableArray<PrincipalId>> _groups;
    private readonly FrozenDictionary<PrincipalId, ImmutableArray<PrincipalId>> _members;

    private InMemoryGroupMembership(FrozenDictionary<PrincipalId, ImmutableArray<PrincipalId>> groups)
    {
        _groups = groups;
        _members = groups
            .SelectMany(static kv => kv.Value.Select(g => (Group: g, Member: kv.Key)))
            .GroupBy(static x => x.Group)
            .ToFrozenDictionary(static g => g.Key, static g => g.Select(static x => x.Member).Distinct().Order().ToImmutableArray());
    }

    /// <summary>A snapshot without memberships.</summary>
    public static InMemoryGroupMembership Empty { get; } = new(FrozenDictionary<PrincipalId, ImmutableArray<PrincipalId>>.Empty);

    /// <summary>The principals that have at least one group.</summary>
    public IEnumerable<PrincipalId> Principals => _groups.Keys;

    /// <summary>Creates a snapshot from a map of principal to its (transitive) groups.</summary>
    /// <param name="memberships">For each principal, the groups it belongs to. Duplicates and the principal itself are dropped.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="memberships"/> or one of its group lists is null.</exception>
    public static InMemoryGroupMembership Create(IEnumerable<KeyValuePair<PrincipalId, IEnumerable<PrincipalId>>> memberships)
    {
        ArgumentNullException.ThrowIfNull(memberships);
        var map = new Dictionary<PrincipalId, HashSet<PrincipalId>>();
        foreach (var (principal, groups) in memberships)
        {
            ArgumentNullException.ThrowIfNull(groups, nameof(memberships));
            if (!map.TryGetValue(principal, out var set))
            {
                map[principal] = set = [];
            }

            foreach (var g in groups)
            {
                if (g != principal)
                {
                    set.Add(g);
                }
            }
        }

        return new InMemoryGroupMembership(map
            .Where(static kv => kv.Value.Count > 0)
            .ToFrozenDictionary(static kv => kv.Key, static kv => kv.Value.Order().ToImmutableArray()));
    }

    /// <inheritdoc/>
    public ImmutableArray<PrincipalId> GetGroups(PrincipalId principalId) =>
        _groups.TryGetValue(principalId, out var groups) ? groups : [];

    /// <summary>The principals that list <paramref name="groupId"/> among their groups.</summary>
    /// <param name="groupId">The group.</param>
    /// <returns>The members, sorted; empty when none are known.</returns>
    public ImmutableArray<PrincipalId> GetMembers(PrincipalId groupId) =>
        _members.TryGetValue(groupId, out var members) ? members : [];
}
