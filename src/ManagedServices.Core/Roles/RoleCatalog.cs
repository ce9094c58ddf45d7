using System.Text.Json;

namespace ManagedServices;

/// <summary>
/// An immutable set of role definitions, looked up by ID or by name (case-insensitive).
/// <see cref="BuiltIn"/> is the catalog of Azure built-in roles embedded in this package; custom catalogs can be
/// made with <see cref="Create"/>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class RoleCatalog
{
    private static readonly Lazy<RoleCatalog> BuiltInCatalog = new(LoadBuiltIn, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ImmutableArray<RoleDefinition> _roles;
    private readonly FrozenDictionary<RoleDefinitionId, RoleDefinition> _byId;
    private readonly FrozenDictionary<string, RoleDefinition> _byName;
    private readonly FrozenDictionary<RoleDefinitionId, RoleDelegability> _delegability;

    private RoleCatalog(ImmutableArray<RoleDefinition> roles, DateOnly? snapshotDate = null)
    {
        _roles = roles;
        SnapshotDate = snapshotDate;
        _byId = roles.ToFrozenDictionary(static r => r.Id);
        _byName = roles
            .GroupBy(static r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(static g => g.Key, static g => g.First(), StringComparer.OrdinalIgnoreCase);
        _delegability = roles.ToFrozenDictionary(static r => r.Id, RoleDelegability.Evaluate);
    }

    /// <summary>
    /// The Azure built-in roles (928 roles, snapshot of 2026-08-22), generated from the published role definitions
    /// and embedded in the package. Loaded on first use.
    /// </summary>
    public static RoleCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>
    /// The date of the published role definitions the catalog was generated from (<see cref="BuiltIn"/>: the snapshot
    /// embedded in the package); <see langword="null"/> for catalogs made with <see cref="Create"/> or <see cref="Read"/>.
    /// Roles Azure added after this date are not in <see cref="BuiltIn"/>: read them with <see cref="Read"/> and combine
    /// the catalogs with <see cref="WithNewer"/>.
    /// </summary>
    public DateOnly? SnapshotDate { get; }

    /// <summary>The number of roles.</summary>
    public int Count => _roles.Length;

    /// <summary>The roles, in the order given (the built-in catalog is ordered by ID).</summary>
    public ImmutableArray<RoleDefinition> Roles => _roles;

    /// <summary>Creates a catalog from role definitions.</summary>
    /// <param name="roles">The roles; IDs must be unique.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentException">Two roles share an ID.</exception>
    public static RoleCatalog Create(IEnumerable<RoleDefinition> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var list = roles.ToImmutableArray();
        var duplicate = list.GroupBy(static r => r.Id).FirstOrDefault(static g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The role ID {duplicate.Key} appears more than once.", nameof(roles));
        }

        return new RoleCatalog(list);
    }

    /// <summary>
    /// Reads role definitions as Azure lists them: the output of <c>az role definition list</c> (a JSON array; each
    /// role's GUID is its <c>name</c>) or the REST API's <c>{"value": [...]}</c> list.
    /// </summary>
    /// <param name="json">The JSON text (at most 4 MiB).</param>
    /// <returns>
    /// The catalog of the roles read, with a diagnostic for every entry left out. Only entries whose <c>roleType</c>
    /// is <c>BuiltInRole</c> are built-in; <c>CustomRole</c> entries (and entries without a type) are custom roles, which
    /// are never delegable. Every permission block must list <c>actions</c>, <c>notActions</c>, <c>dataActions</c> and
    /// <c>notDataActions</c>: a missing list could hide what makes a role not delegable, so such an entry is left out.
    /// A GUID listed twice is left out (<see cref="DiagnosticCodes.RoleListDuplicateRole"/>).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static DiagnosticResult<RoleCatalog> Read(string json) => RoleDefinitionList.Read(json);

    /// <summary>
    /// A catalog with the roles of this catalog and of <paramref name="newer"/>; where both hold a role ID, the
    /// definition of <paramref name="newer"/> is used (for example <c>RoleCatalog.BuiltIn.WithNewer(read)</c> with roles
    /// Azure published after the embedded snapshot). The result keeps this catalog's <see cref="SnapshotDate"/>.
    /// </summary>
    /// <param name="newer">The newer roles.</param>
    /// <returns>The combined catalog, ordered by ID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="newer"/> is null.</exception>
    public RoleCatalog WithNewer(RoleCatalog newer)
    {
        ArgumentNullException.ThrowIfNull(newer);
        var byId = _roles.ToDictionary(static r => r.Id);
        foreach (var role in newer._roles)
        {
            byId[role.Id] = role;
        }

        return new RoleCatalog([.. byId.Values.OrderBy(static r => r.Id)], SnapshotDate);
    }

    /// <summary>Finds a role by ID.</summary>
    /// <param name="id">The role definition ID.</param>
    /// <param name="role">The role, when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGet(RoleDefinitionId id, [NotNullWhen(true)] out RoleDefinition? role) => _byId.TryGetValue(id, out role);

    /// <summary>Finds a role by name, case-insensitively (ordinal).</summary>
    /// <param name="name">The role name, for example <c>contributor</c>.</param>
    /// <param name="role">The role, when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGetByName(string name, [NotNullWhen(true)] out RoleDefinition? role)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out role);
    }

    /// <summary>Whether and why a role of this catalog can be used in a Lighthouse authorization.</summary>
    /// <param name="id">The role definition ID.</param>
    /// <returns>The classification, or <see langword="null"/> when the role is not in the catalog.</returns>
    public RoleDelegability? GetDelegability(RoleDefinitionId id) => _delegability.GetValueOrDefault(id);

    private static RoleCatalog LoadBuiltIn()
    {
        using var stream = typeof(RoleCatalog).Assembly.GetManifestResourceStream("ManagedServices.Roles.BuiltInRoles.json")
            ?? throw new InvalidOperationException("The embedded built-in role catalog is missing from the assembly.");
        using var doc = JsonDocument.Parse(stream);
        var snapshot = DateOnly.ParseExact(doc.RootElement.GetProperty("snapshotDate").GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var roles = ImmutableArray.CreateBuilder<RoleDefinition>();
        foreach (var r in doc.RootElement.GetProperty("roles").EnumerateArray())
        {
            var permissions = ImmutableArray.CreateBuilder<RolePermissionBlock>();
            foreach (var p in r.GetProperty("permissions").EnumerateArray())
            {
                permissions.Add(new RolePermissionBlock
                {
                    Actions = Strings(p, "actions"),
                    NotActions = Strings(p, "notActions"),
                    DataActions = Strings(p, "dataActions"),
                    NotDataActions = Strings(p, "notDataActions"),
                    Condition = p.TryGetProperty("condition", out var c) ? c.GetString() : null,
                    ConditionVersion = p.TryGetProperty("conditionVersion", out var cv) ? cv.GetString() : null,
                });
            }

            roles.Add(new RoleDefinition
            {
                Id = RoleDefinitionId.Parse(r.GetProperty("id").GetString()!),
                Name = r.GetProperty("roleName").GetString()!,
                Description = r.GetProperty("description").GetString() ?? "",
                Permissions = permissions.ToImmutable(),
            });
        }

        return new RoleCatalog(roles.ToImmutable(), snapshot);

        static ImmutableArray<string> Strings(JsonElement e, string name) =>
            [.. e.GetProperty(name).EnumerateArray().Select(static a => a.GetString()!)];
    }
}
