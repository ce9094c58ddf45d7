using ManagedServices.Arm;
using ManagedServices.Lifecycle;
using ManagedServices.Offers;
using ManagedServices.Operations;
using ManagedServices.Serialization;

namespace ManagedServices.Reporting;

/// <summary>
/// A diff between two versions of a delegation manifest (<see cref="ManifestDiff"/>) or of the delegations two
/// deployments create (<see cref="DelegationDiff"/>), with, for each role a widening change gives a principal, a few
/// example operations the role newly grants. Written as Markdown for a pull-request comment
/// (<see cref="ToMarkdown"/>).
/// </summary>
/// <remarks>
/// <para>"Newly grants" means: management operations of Azure's embedded operation list (<see cref="OperationCatalog.Azure"/>)
/// that the role lets the principal perform through Lighthouse (the access evaluator's rules: Actions minus NotActions,
/// no data actions, Lighthouse's own operations taken away, roles that are not delegable grant nothing) and that no role
/// the principal held before did — before, in the older manifest, or, for delegations, in every older delegation whose
/// scope covers the changed one. For a new permanent role the principal's older permanent roles count; for a new
/// eligible role its older permanent and eligible roles. Group membership is not known and not counted. Operations
/// that change something (<c>write</c>, <c>delete</c>, <c>action</c>) are shown first.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class DiffReport
{
    /// <summary>How many example operations are kept per role.</summary>
    private const int ExampleCount = 5;

    private DiffReport(ManifestDiff? manifest, DelegationDiff? delegations, ImmutableArray<NewlyGrantedOperations> newlyGranted)
    {
        Manifest = manifest;
        Delegations = delegations;
        NewlyGranted = newlyGranted;
    }

    /// <summary>The manifest diff, when two manifests were compared; otherwise null.</summary>
    public ManifestDiff? Manifest { get; }

    /// <summary>The delegation diff, when two sets of delegations were compared; otherwise null.</summary>
    public DelegationDiff? Delegations { get; }

    /// <summary>For each role a widening change gives a principal (at a scope, for delegations): what it newly grants.</summary>
    public ImmutableArray<NewlyGrantedOperations> NewlyGranted { get; }

    /// <summary>True when the newer version widens access.</summary>
    public bool WidensAccess => Manifest?.WidensAccess ?? Delegations!.WidensAccess;

    /// <summary>Compares two manifests.</summary>
    /// <param name="older">The manifest in force.</param>
    /// <param name="newer">The proposed manifest.</param>
    /// <param name="catalog">The roles; <see cref="RoleCatalog.BuiltIn"/> when null.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="older"/> or <paramref name="newer"/> is null.</exception>
    public static DiffReport Compare(DelegationManifest older, DelegationManifest newer, RoleCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        catalog ??= RoleCatalog.BuiltIn;
        var diff = ManifestDiff.Compare(older, newer, catalog);
        var roles = new RoleOperations(catalog, OperationCatalog.Azure);
        var found = new List<NewlyGrantedOperations>();
        AddFlags(found, roles, diff, null, newer, [older]);
        return new DiffReport(diff, null, Order(found));
    }

    /// <summary>Compares the delegations two deployments create.</summary>
    /// <param name="older">The delegations in force.</param>
    /// <param name="newer">The proposed delegations.</param>
    /// <param name="catalog">The roles; <see cref="RoleCatalog.BuiltIn"/> when null.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="older"/> or <paramref name="newer"/> is null.</exception>
    public static DiffReport Compare(IEnumerable<Delegation> older, IEnumerable<Delegation> newer, RoleCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        catalog ??= RoleCatalog.BuiltIn;
        var olderList = older.ToList();
        var diff = DelegationDiff.Compare(olderList, newer, catalog);
        var roles = new RoleOperations(catalog, OperationCatalog.Azure);
        var found = new List<NewlyGrantedOperations>();
        foreach (var change in diff.Changes.Where(static c => c.Direction == AccessChangeDirection.Widening))
        {
            var covering = olderList.Where(o => o.Scope.Contains(change.Scope)).Select(static o => o.Definition.Manifest).ToList();
            if (change.Kind == ManifestChangeKind.Added)
            {
                var manifest = change.New!.Manifest;
                var grants = manifest.Authorizations.Select(static a => (a.Principal, a.RoleDefinitionId, Eligible: false))
                    .Concat(manifest.EligibleAuthorizations.Select(static e => (e.Principal, e.RoleDefinitionId, Eligible: true)));
                foreach (var (principal, role, eligible) in grants)
                {
                    Add(found, roles, change.Scope, principal.Id, principal.DisplayName, role, eligible, covering);
                }
            }
            else if (change.Manifest is { } manifestDiff)
            {
                AddFlags(found, roles, manifestDiff, change.Scope, change.New!.Manifest, covering);
            }
        }

        return new DiffReport(null, diff, Order(found));
    }

    /// <summary>
    /// Compares two versions of a manifest in whichever documents they came from: two onboarding templates by the
    /// delegations each creates (definitions placed by their assignments, <see cref="DelegationDiff"/>); any other
    /// pair by manifest (<see cref="ManifestDiff"/>), a template then giving its single definition's manifest.
    /// </summary>
    /// <param name="older">The version in force.</param>
    /// <param name="newer">The proposed version.</param>
    /// <param name="catalog">The roles; <see cref="RoleCatalog.BuiltIn"/> when null.</param>
    /// <returns>
    /// The report; or no value and <see cref="DiagnosticCodes.ConversionWouldDropDefinitions"/> when a template
    /// compared with a manifest creates several different definitions (comparing its first alone could hide a widening).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="older"/> or <paramref name="newer"/> is null.</exception>
    public static DiagnosticResult<DiffReport> Compare(ManifestSource older, ManifestSource newer, RoleCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        if (older.Template is { } olderTemplate && newer.Template is { } newerTemplate)
        {
            return new(Compare(OnboardingTemplate.Delegations(olderTemplate, default), OnboardingTemplate.Delegations(newerTemplate, default), catalog), []);
        }

        var olderManifest = older.SingleManifest();
        var newerManifest = newer.SingleManifest();
        return olderManifest.Value is { } o && newerManifest.Value is { } n && !olderManifest.HasErrors && !newerManifest.HasErrors
            ? new(Compare(o, n, catalog), [.. olderManifest.Diagnostics, .. newerManifest.Diagnostics])
            : new(null, [.. olderManifest.Diagnostics, .. newerManifest.Diagnostics]);
    }

    /// <summary>The diff as text: the manifest diff's or the delegation diff's (<see cref="ManifestDiff.ToText"/>, <see cref="DelegationDiff.ToText"/>).</summary>
    /// <returns>The text.</returns>
    public string ToText() => Manifest?.ToText() ?? Delegations!.ToText();

    /// <summary>The diff as indented JSON: the manifest diff's or the delegation diff's (<see cref="ManifestDiff.ToJson"/>, <see cref="DelegationDiff.ToJson"/>).</summary>
    /// <returns>The JSON text, without a final newline.</returns>
    public string ToJson() => Manifest?.ToJson() ?? Delegations!.ToJson();

    /// <summary>
    /// The report as Markdown: whether access widens, the widening flags (severity, rule, message), the narrowing ones,
    /// the delegation changes when delegations were compared, and what each widened role newly grants, with examples.
    /// </summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("# Access changes\n\n");
        sb.Append(WidensAccess ? "**This change widens the managing tenant's access.**\n\n" : "This change does not widen the managing tenant's access.\n\n");
        if (Delegations is { } delegations)
        {
            if (delegations.IsEmpty)
            {
                sb.Append("No delegation changes.\n");
                return sb.ToString();
            }

            sb.Append("## Delegations\n\n| Change | Direction | Scope | Registration definition |\n| --- | --- | --- | --- |\n");
            foreach (var c in delegations.Changes)
            {
                var definition = c.Kind == ManifestChangeKind.Changed && c.Old!.Id != c.New!.Id
                    ? $"`{c.Old.Id}` → `{c.New.Id}`"
                    : $"`{(c.New ?? c.Old)!.Id}`";
                sb.Append("| ").Append(ManifestDiffFormat.Name(c.Kind)).Append(" | ").Append(ManifestDiffFormat.Name(c.Direction))
                    .Append(" | ").Append(ReportText.MarkdownCode(c.Scope.ToString())).Append(" | ").Append(definition);
                if (c.CoveringScope is { } covering)
                {
                    sb.Append("<br>covered by the delegation at ").Append(ReportText.MarkdownCode(covering.ToString()));
                }

                sb.Append(" |\n");
            }

            sb.Append('\n');
            Flags(sb, delegations.Changes.Where(static c => c.Manifest is not null && c.CoveringScope is null).SelectMany(static c => c.Manifest!.AccessChanges.Select(f => (Scope: (ResourceScope?)c.Scope, Flag: f))));
        }
        else
        {
            var manifest = Manifest!;
            sb.Append(CultureInfo.InvariantCulture, $"Manifest version `{manifest.OldVersion}` → `{manifest.NewVersion}`.\n\n");
            if (manifest.IsEmpty)
            {
                sb.Append("No changes.\n");
                return sb.ToString();
            }

            Flags(sb, manifest.AccessChanges.Select(static f => (Scope: (ResourceScope?)null, Flag: f)));
        }

        if (!NewlyGranted.IsEmpty)
        {
            var scoped = Delegations is not null;
            sb.Append("## What the widened roles newly grant\n\n");
            sb.Append("Management operations from Azure's operation list that each role lets the principal perform and that no role it held before did (changes first).\n\n");
            sb.Append(scoped ? "| Scope | Principal | Role | Access | Newly granted | Examples |\n| --- | --- | --- | --- | --- | --- |\n"
                             : "| Principal | Role | Access | Newly granted | Examples |\n| --- | --- | --- | --- | --- |\n");
            foreach (var n in NewlyGranted)
            {
                sb.Append("| ");
                if (scoped)
                {
                    sb.Append(ReportText.MarkdownCode(n.Scope?.ToString() ?? "")).Append(" | ");
                }

                sb.Append(n.PrincipalDisplayName is { Length: > 0 } name ? ReportText.MarkdownCode(name) + $" (`{n.PrincipalId}`)" : $"`{n.PrincipalId}`")
                    .Append(" | ").Append(n.RoleName is { } role ? ReportText.MarkdownCode(role) : $"`{n.RoleDefinitionId}`")
                    .Append(" | ").Append(n.IsEligible ? "eligible" : "permanent")
                    .Append(" | ").Append(n.Count.ToString("N0", CultureInfo.InvariantCulture)).Append(" operation(s) | ")
                    .Append(n.Examples.IsEmpty ? "-" : string.Join("<br>", n.Examples.Select(ReportText.MarkdownCode)))
                    .Append(" |\n");
            }
        }

        return sb.ToString();
    }

    private static void Flags(StringBuilder sb, IEnumerable<(ResourceScope? Scope, AccessChange Flag)> flags)
    {
        var list = flags.ToList();
        var scoped = list.Any(static f => f.Scope is not null);
        foreach (var direction in new[] { AccessChangeDirection.Widening, AccessChangeDirection.Narrowing })
        {
            var these = list.Where(f => f.Flag.Direction == direction).ToList();
            if (these.Count == 0)
            {
                continue;
            }

            sb.Append(direction == AccessChangeDirection.Widening ? "## Widening\n\n" : "## Narrowing\n\n");
            sb.Append(scoped ? "| Scope | Severity | Rule | Change |\n| --- | --- | --- | --- |\n" : "| Severity | Rule | Change |\n| --- | --- | --- |\n");
            foreach (var (scope, flag) in these)
            {
                sb.Append("| ");
                if (scoped)
                {
                    sb.Append(ReportText.MarkdownCode(scope?.ToString() ?? "")).Append(" | ");
                }

                sb.Append(ManifestDiffFormat.Name(flag.Severity)).Append(" | ").Append(ManifestDiffFormat.Name(flag.Rule))
                    .Append(" | ").Append(ReportText.MarkdownCode(flag.Message)).Append(" |\n");
            }

            sb.Append('\n');
        }
    }

    /// <summary>The roles the widening flags of <paramref name="diff"/> give, against the roles held in <paramref name="before"/>.</summary>
    private static void AddFlags(List<NewlyGrantedOperations> found, RoleOperations roles, ManifestDiff diff, ResourceScope? scope, DelegationManifest newer, IReadOnlyList<DelegationManifest> before)
    {
        foreach (var flag in diff.Widenings)
        {
            if (flag.Rule is AccessChangeRule.Role or AccessChangeRule.RolePermissions or AccessChangeRule.AccessType &&
                flag.PrincipalId is { } p && flag.RoleDefinitionId is { } r)
            {
                var name = newer.Authorizations.Select(static a => a.Principal).Concat(newer.EligibleAuthorizations.Select(static e => e.Principal))
                    .FirstOrDefault(x => x.Id == p && x.DisplayName is not null)?.DisplayName;
                Add(found, roles, scope, p, name, r, flag.IsEligible, before);
            }
        }
    }

    private static void Add(
        List<NewlyGrantedOperations> found, RoleOperations roles, ResourceScope? scope, PrincipalId principal, string? displayName,
        RoleDefinitionId role, bool eligible, IReadOnlyList<DelegationManifest> before)
    {
        if (found.Any(f => f.Scope == scope && f.PrincipalId == principal && f.RoleDefinitionId == role && f.IsEligible == eligible))
        {
            return;
        }

        var held = before.SelectMany(m => m.Authorizations.Where(a => a.Principal.Id == principal).Select(static a => (a.RoleDefinitionId, false))
            .Concat(eligible ? m.EligibleAuthorizations.Where(e => e.Principal.Id == principal).Select(static e => (e.RoleDefinitionId, true)) : []));
        var (count, examples) = roles.NewlyGranted(role, eligible, held, ExampleCount);
        found.Add(new NewlyGrantedOperations
        {
            Scope = scope,
            PrincipalId = principal,
            PrincipalDisplayName = displayName,
            RoleDefinitionId = role,
            RoleName = roles.RoleName(role),
            IsEligible = eligible,
            Count = count,
            Examples = [.. examples],
        });
    }

    private static ImmutableArray<NewlyGrantedOperations> Order(List<NewlyGrantedOperations> found) =>
    [
        .. found
            .OrderBy(static f => f.Scope?.ToString() ?? "", StringComparer.OrdinalIgnoreCase)
            .ThenBy(static f => f.PrincipalId)
            .ThenBy(static f => f.IsEligible)
            .ThenBy(static f => f.RoleDefinitionId),
    ];
}
