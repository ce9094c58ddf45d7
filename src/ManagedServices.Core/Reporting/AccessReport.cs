using System.Text.Json;
using ManagedServices.Access;
using ManagedServices.Lifecycle;
using ManagedServices.Offers;

namespace ManagedServices.Reporting;

/// <summary>
/// The customer's access report: what a set of delegations in force gives the managing tenants — the managing
/// tenants, the offers (registration definitions) with the scopes they are assigned at, every principal with its
/// display names, every authorization (role, permanent or eligible with its just-in-time policy), and which
/// principals can remove a delegation. Written as Markdown (tables and a Mermaid picture, for a pull-request comment),
/// Mermaid, Graphviz dot or JSON.
/// </summary>
/// <remarks>
/// <para>The report shows the authorizations as the definitions state them, including ones the access evaluator
/// ignores (a role that is not delegable or not in the catalog is named as such): it reports what is deployed.</para>
/// <para>Who can remove a delegation is asked of the access evaluator (<see cref="AccessEvaluator.WhoCan"/> on the
/// registration assignment's resource ID for <c>Microsoft.ManagedServices/registrationAssignments/delete</c>), so it
/// applies Lighthouse's rule in one place: only the Managed Services Registration Assignment Delete Role deletes an
/// assignment (rule book 2.3), permanently or after activation when eligible, through any delegation whose scope
/// covers the assignment. A User Access Administrator authorization whose <c>delegatedRoleDefinitionIds</c> include
/// that role is reported too (<see cref="RemovalPath.ThroughManagedIdentity"/>): it can assign the role to a managed
/// identity in the customer's tenant, which can then delete the assignment. This errs on the side of naming more
/// principals, never fewer. The customer can always remove a delegation.</para>
/// <para>Everything is ordered deterministically (the order of the delegations does not change the output).
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class AccessReport
{
    private AccessReport(
        ImmutableArray<TenantId> managingTenants, ImmutableArray<ReportOffer> offers, ImmutableArray<ReportPrincipal> principals,
        ImmutableArray<ReportGrant> grants, ImmutableArray<DelegationRemover> removers)
    {
        ManagingTenants = managingTenants;
        Offers = offers;
        Principals = principals;
        Grants = grants;
        Removers = removers;
    }

    /// <summary>The managing tenants, ordered.</summary>
    public ImmutableArray<TenantId> ManagingTenants { get; }

    /// <summary>The offers (distinct registration definitions), ordered by name, then ID.</summary>
    public ImmutableArray<ReportOffer> Offers { get; }

    /// <summary>The principals the authorizations name (including approvers), per managing tenant, ordered.</summary>
    public ImmutableArray<ReportPrincipal> Principals { get; }

    /// <summary>The authorizations of every offer: per offer, permanent ones first, then by role and principal.</summary>
    public ImmutableArray<ReportGrant> Grants { get; }

    /// <summary>Who can remove which delegation, ordered by scope, offer and principal.</summary>
    public ImmutableArray<DelegationRemover> Removers { get; }

    /// <summary>Builds the report of a set of delegations.</summary>
    /// <param name="snapshot">The delegations in force.</param>
    /// <param name="catalog">The roles, for their names and for the evaluator; <see cref="RoleCatalog.BuiltIn"/> when null.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static AccessReport Create(DelegationSnapshot snapshot, RoleCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        catalog ??= RoleCatalog.BuiltIn;
        var delegations = snapshot.Delegations.Where(static d => d.Definition?.Manifest is not null).ToList();

        // Offers: one per distinct registration definition (value equality), with every scope it is assigned at.
        var offers = delegations
            .GroupBy(static d => d.Definition)
            .Select(static g => new ReportOffer
            {
                Definition = g.Key,
                // Scopes compare case-insensitively: keep the ordinally first spelling, whatever the order of the input.
                Scopes = [.. g.Select(static d => d.Scope).OrderBy(static s => s.ToString(), StringComparer.Ordinal).Distinct().OrderBy(static s => s.ToString(), StringComparer.OrdinalIgnoreCase)],
                CustomerTenants = [.. g.Select(static d => d.CustomerTenantId).Distinct().Order()],
            })
            .OrderBy(static o => o.Definition.Name, StringComparer.Ordinal)
            .ThenBy(static o => o.Definition.Id)
            .ThenBy(static o => o.Definition.Manifest.ManagingTenantId)
            .ThenBy(static o => o.Definition.ToString(), StringComparer.Ordinal)
            .ToImmutableArray();

        var grants = ImmutableArray.CreateBuilder<ReportGrant>();
        foreach (var offer in offers)
        {
            var manifest = offer.Definition.Manifest;
            ReportGrant Grant(Principal principal, RoleDefinitionId role, JustInTimeAccessPolicy? policy, ImmutableArray<RoleDefinitionId> delegated) => new()
            {
                Offer = offer,
                Principal = principal,
                RoleDefinitionId = role,
                RoleName = RoleName(catalog, role),
                JustInTimeAccessPolicy = policy,
                DelegatedRoleDefinitionIds = delegated,
            };
            var permanent = manifest.Authorizations.Distinct().Select(a => Grant(a.Principal, a.RoleDefinitionId, null, a.DelegatedRoleDefinitionIds));
            var eligible = manifest.EligibleAuthorizations.Distinct().Select(e => Grant(e.Principal, e.RoleDefinitionId, e.JustInTimeAccessPolicy, e.DelegatedRoleDefinitionIds));
            grants.AddRange(permanent.Concat(eligible)
                .OrderBy(static g => g.IsEligible)
                .ThenBy(static g => g.RoleName ?? "\uFFFF" + g.RoleDefinitionId, StringComparer.Ordinal)
                .ThenBy(static g => g.RoleDefinitionId)
                .ThenBy(static g => g.Principal.DisplayName ?? "", StringComparer.Ordinal)
                .ThenBy(static g => g.Principal.Id)
                .ThenBy(static g => g.ToString(), StringComparer.Ordinal));
        }

        var principals = grants
            .SelectMany(static g => (g.JustInTimeAccessPolicy?.Approvers ?? []).Prepend(g.Principal)
                .Select(p => (Tenant: g.Offer.Definition.Manifest.ManagingTenantId, Principal: p)))
            .GroupBy(static x => (x.Tenant, x.Principal.Id))
            .Select(static g =>
            {
                var kinds = g.Select(static x => x.Principal.Kind).Where(static k => k != PrincipalKind.Unknown).Distinct().ToList();
                return new ReportPrincipal
                {
                    ManagingTenantId = g.Key.Tenant,
                    Id = g.Key.Id,
                    Kind = kinds.Count == 1 ? kinds[0] : PrincipalKind.Unknown,
                    DisplayNames = [.. g.Select(static x => x.Principal.DisplayName).OfType<string>().Where(static n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                };
            })
            .OrderBy(static p => p.ManagingTenantId)
            .ThenBy(static p => p.DisplayNames.IsEmpty ? "\uFFFF" : p.DisplayNames[0], StringComparer.Ordinal)
            .ThenBy(static p => p.Id)
            .ToImmutableArray();

        return new AccessReport(
            [.. offers.Select(static o => o.Definition.Manifest.ManagingTenantId).Distinct().Order()],
            offers, principals, grants.ToImmutable(), FindRemovers(snapshot, offers, catalog));
    }

    /// <summary>The report as Markdown: a summary, the Mermaid picture in a <c>```mermaid</c> block, and tables of the
    /// offers, the authorizations and who can remove each delegation (for a pull-request comment).</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown() => ReportWriters.Markdown(this);

    /// <summary>The picture as a Mermaid flowchart (starts with <c>flowchart</c>, no front matter): principals, grouped by
    /// managing tenant, point to their roles, grouped by offer, which point to the scopes the offer is assigned at;
    /// eligible authorizations are dashed edges.</summary>
    /// <returns>The Mermaid text.</returns>
    public string ToMermaid() => ReportWriters.Mermaid(this);

    /// <summary>The same picture as a Graphviz <c>digraph</c> (every ID and label quoted and escaped).</summary>
    /// <returns>The dot text.</returns>
    public string ToDot() => ReportWriters.Dot(this);

    /// <summary>The report as an indented JSON document.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => ManifestDiffFormat.Indented(WriteJson);

    /// <summary>Writes the report as one JSON object:
    /// <c>{ "managingTenants", "offers", "principals", "authorizations", "canRemoveDelegation" }</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ReportWriters.Json(this, writer);
    }

    private static string? RoleName(RoleCatalog catalog, RoleDefinitionId id) => catalog.TryGet(id, out var role) ? role.Name : null;

    /// <summary>
    /// Asks the evaluator, for each registration assignment, who may delete it (and which User Access Administrator
    /// authorizations may assign the Delete Role to a managed identity there).
    /// </summary>
    private static ImmutableArray<DelegationRemover> FindRemovers(DelegationSnapshot snapshot, ImmutableArray<ReportOffer> offers, RoleCatalog catalog)
    {
        var evaluator = AccessEvaluator.Create(snapshot, new AccessEvaluatorOptions { RoleCatalog = catalog });
        var offerOf = offers.ToDictionary(static o => o.Definition);
        var removers = new List<DelegationRemover>();
        foreach (var d in snapshot.Delegations.Where(static d => d.Definition?.Manifest is not null && d.Scope.IsDelegable)
                     .DistinctBy(static d => (d.Scope, d.AssignmentId, d.Definition)))
        {
            var offer = offerOf[d.Definition];
            var resource = $"{d.Scope}/providers/Microsoft.ManagedServices/registrationAssignments/{d.AssignmentId:D}";
            foreach (var holder in evaluator.WhoCan(LighthouseOperations.RegistrationAssignmentsDelete, resource))
            {
                removers.Add(new DelegationRemover
                {
                    Offer = offer,
                    Scope = d.Scope,
                    AssignmentId = d.AssignmentId,
                    Grant = holder.Grant,
                    Path = holder.IsEligible ? RemovalPath.AfterActivation : RemovalPath.Permanent,
                });
            }

            foreach (var holder in evaluator.WhoCan(CompiledRole.RoleAssignmentsWrite, resource))
            {
                if (holder.Grant.RoleDefinitionId == BuiltInRoleIds.UserAccessAdministrator && !holder.IsEligible &&
                    DelegatesDeleteRole(snapshot, holder.Grant))
                {
                    removers.Add(new DelegationRemover
                    {
                        Offer = offer,
                        Scope = d.Scope,
                        AssignmentId = d.AssignmentId,
                        Grant = holder.Grant,
                        Path = RemovalPath.ThroughManagedIdentity,
                    });
                }
            }
        }

        return [.. removers
            .Distinct()
            .OrderBy(static r => r.Scope.ToString(), StringComparer.OrdinalIgnoreCase)
            .ThenBy(static r => r.Scope.ToString(), StringComparer.Ordinal)
            .ThenBy(r => offers.IndexOf(r.Offer))
            .ThenBy(static r => r.AssignmentId)
            .ThenBy(static r => r.Path)
            .ThenBy(static r => r.Grant.PrincipalDisplayName ?? "", StringComparer.Ordinal)
            .ThenBy(static r => r.Grant.PrincipalId)
            .ThenBy(static r => r.Grant.PrincipalKind)
            .ThenBy(static r => r.Grant.RoleDefinitionId)
            .ThenBy(static r => r.Grant.Scope.ToString(), StringComparer.OrdinalIgnoreCase)
            .ThenBy(static r => r.Grant.Scope.ToString(), StringComparer.Ordinal)
            .ThenBy(static r => r.Grant.RegistrationDefinitionId)
            .ThenBy(static r => r.Grant.AssignmentId)];
    }

    /// <summary>True when the User Access Administrator authorization behind <paramref name="grant"/> may assign the
    /// Managed Services Registration Assignment Delete Role.</summary>
    private static bool DelegatesDeleteRole(DelegationSnapshot snapshot, AccessGrant grant) =>
        snapshot.Delegations.Any(d =>
            d.AssignmentId == grant.AssignmentId && d.Scope == grant.Scope && d.Definition?.Id == grant.RegistrationDefinitionId &&
            d.Definition.Manifest is { } m && m.ManagingTenantId == grant.ManagingTenantId &&
            m.Authorizations.Any(a => a.Principal.Id == grant.PrincipalId && a.RoleDefinitionId == grant.RoleDefinitionId &&
                a.DelegatedRoleDefinitionIds.Contains(BuiltInRoleIds.RegistrationAssignmentDelete)));
}
