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
/// <para>The report shows the authorizations as the definitions state them, including ones that give no access, and
/// marks those: <see cref="ReportGrant.RefusedBecause"/> is the access evaluator's own decision on the grant it compiled
/// (a role that is not delegable, custom or not in the catalog, an eligible User Access Administrator, a delegation the
/// evaluator ignores), so the report never shows as access what <see cref="AccessEvaluator.Check(in AccessRequest)"/>
/// refuses. Every writer marks refused authorizations.</para>
/// <para>Who can remove a delegation is asked of the access evaluator (<see cref="AccessEvaluator.WhoCan"/> on the
/// registration assignment's resource ID for <c>Microsoft.ManagedServices/registrationAssignments/delete</c>), so it
/// applies Lighthouse's rule in one place: only the Managed Services Registration Assignment Delete Role deletes an
/// assignment (rule book 2.3), permanently or after activation when eligible, through any delegation whose scope
/// covers the assignment. A User Access Administrator authorization whose <c>delegatedRoleDefinitionIds</c> include
/// that role is reported too (<see cref="RemovalPath.ThroughManagedIdentity"/>): it can assign the role to a managed
/// identity in the customer's tenant, which can then delete the assignment (when the evaluator lets it assign that
/// role). Refused authorizations never count. The customer can always remove a delegation.</para>
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

        // The evaluator compiles every delegation in snapshot order: whether it is ignored, and each grant's refusal,
        // are its decisions (GrantEffect), never the report's.
        var evaluator = AccessEvaluator.Create(snapshot, new AccessEvaluatorOptions { RoleCatalog = catalog });
        var delegations = evaluator.CompiledDelegations.Where(static d => d.Source.Definition?.Manifest is not null).ToList();

        // Offers: one per distinct registration definition (value equality), with every scope it is assigned at; the
        // delegations the evaluator ignores form offers of their own, so that every grant of an offer applies at each of its scopes.
        var offers = delegations
            .GroupBy(static d => (d.Source.Definition, d.IgnoredBecause))
            .Select(static g => new ReportOffer
            {
                Definition = g.Key.Definition,
                // Scopes compare case-insensitively: keep the ordinally first spelling, whatever the order of the input.
                Scopes = [.. g.Select(static d => d.Source.Scope).OrderBy(static s => s.ToString(), StringComparer.Ordinal).Distinct().OrderBy(static s => s.ToString(), StringComparer.OrdinalIgnoreCase)],
                CustomerTenants = [.. g.Select(static d => d.Source.CustomerTenantId).Distinct().Order()],
                IgnoredBecause = g.Key.IgnoredBecause,
            })
            .OrderBy(static o => o.Definition.Name, StringComparer.Ordinal)
            .ThenBy(static o => o.Definition.Id)
            .ThenBy(static o => o.Definition.Manifest.ManagingTenantId)
            .ThenBy(static o => o.Definition.ToString(), StringComparer.Ordinal)
            .ThenBy(static o => o.IgnoredBecause is not null)
            .ThenBy(static o => o.IgnoredBecause, StringComparer.Ordinal)
            .ToImmutableArray();

        // What the evaluator compiled for each authorization of each offer: its refusal, or null when it is effective.
        var refusals = new Dictionary<(RegistrationDefinition, string?, PrincipalId, RoleDefinitionId, bool), AccessReason?>();
        foreach (var d in delegations)
        {
            foreach (var g in d.Grants)
            {
                refusals.TryAdd((d.Source.Definition, d.IgnoredBecause, g.Public.PrincipalId, g.Public.RoleDefinitionId, g.IsEligible), GrantEffect.RefusedBecause(g));
            }
        }

        var grants = ImmutableArray.CreateBuilder<ReportGrant>();
        foreach (var offer in offers)
        {
            var manifest = offer.Definition.Manifest;
            ReportGrant Grant(Principal principal, RoleDefinitionId role, JustInTimeAccessPolicy? policy, ImmutableArray<RoleDefinitionId> delegated) => new(
                offer, principal, role, RoleName(catalog, role), policy, delegated,
                // An authorization the evaluator did not compile grants nothing (fails closed).
                refusals.TryGetValue((offer.Definition, offer.IgnoredBecause, principal.Id, role, policy is not null), out var refused)
                    ? refused
                    : AccessReason.NoDelegationCoversScope);
            var permanent = manifest.Authorizations.Distinct().Select(a => Grant(a.Principal, a.RoleDefinitionId, null, a.DelegatedRoleDefinitionIds));
            // A missing policy does not make an eligible authorization permanent (as the evaluator compiles it).
            var eligible = manifest.EligibleAuthorizations.Distinct().Select(e => Grant(e.Principal, e.RoleDefinitionId, e.JustInTimeAccessPolicy ?? JustInTimeAccessPolicy.Default, e.DelegatedRoleDefinitionIds));
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
            offers, principals, grants.ToImmutable(), FindRemovers(evaluator, offers));
    }

    /// <summary>The report as Markdown: a summary, the Mermaid picture in a <c>```mermaid</c> block, and tables of the
    /// offers, the authorizations and who can remove each delegation (for a pull-request comment).</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown() => ReportWriters.Markdown(this);

    /// <summary>The picture as a Mermaid flowchart (starts with <c>flowchart</c>, no front matter): principals, grouped by
    /// managing tenant, point to their roles, grouped by offer, which point to the scopes the offer is assigned at;
    /// eligible authorizations are dashed edges; refused ones (<see cref="ReportGrant.RefusedBecause"/>) are dotted edges
    /// ending in a cross, labelled <c>refused: </c> and why, greyed by a last <c>linkStyle</c> line.</summary>
    /// <returns>The Mermaid text.</returns>
    public string ToMermaid() => ReportWriters.Mermaid(this);

    /// <summary>The same picture as a Graphviz <c>digraph</c> (every ID and label quoted and escaped; refused
    /// authorizations are grey dotted edges).</summary>
    /// <returns>The dot text.</returns>
    public string ToDot() => ReportWriters.Dot(this);

    /// <summary>The report as an indented JSON document.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => ManifestDiffFormat.Indented(WriteJson);

    /// <summary>Writes the report as one JSON object:
    /// <c>{ "managingTenants", "offers", "principals", "authorizations", "canRemoveDelegation" }</c>; a refused
    /// authorization has <c>"refusedBecause"</c> (the <see cref="AccessReason"/> name), an ignored offer
    /// <c>"ignoredBecause"</c>.</summary>
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
    /// authorizations may assign the Delete Role to a managed identity there). Only effective grants count
    /// (<see cref="GrantEffect"/>), and the roles User Access Administrator may assign are the evaluator's.
    /// </summary>
    private static ImmutableArray<DelegationRemover> FindRemovers(AccessEvaluator evaluator, ImmutableArray<ReportOffer> offers)
    {
        var offerOf = offers.ToDictionary(static o => (o.Definition, o.IgnoredBecause));
        var compiled = new Dictionary<AccessGrant, CompiledGrant>(ReferenceEqualityComparer.Instance);
        foreach (var g in evaluator.CompiledDelegations.SelectMany(static d => d.Grants))
        {
            compiled.Add(g.Public, g);
        }

        var removers = new List<DelegationRemover>();
        foreach (var d in evaluator.CompiledDelegations.Where(static d => d.Source.Definition?.Manifest is not null && d.Source.Scope.IsDelegable)
                     .DistinctBy(static d => (d.Source.Scope, d.Source.AssignmentId, d.Source.Definition, d.IgnoredBecause)))
        {
            var offer = offerOf[(d.Source.Definition, d.IgnoredBecause)];
            var resource = $"{d.Source.Scope}/providers/Microsoft.ManagedServices/registrationAssignments/{d.Source.AssignmentId:D}";
            foreach (var holder in evaluator.WhoCan(LighthouseOperations.RegistrationAssignmentsDelete, resource))
            {
                if (compiled.TryGetValue(holder.Grant, out var g) && GrantEffect.RefusedBecause(g) is null)
                {
                    removers.Add(new DelegationRemover(
                        offer, d.Source.Scope, d.Source.AssignmentId, holder.Grant,
                        holder.IsEligible ? RemovalPath.AfterActivation : RemovalPath.Permanent));
                }
            }

            foreach (var holder in evaluator.WhoCan(CompiledRole.RoleAssignmentsWrite, resource))
            {
                // The evaluator lets User Access Administrator assign only the roles it compiled (CanAssign).
                if (compiled.TryGetValue(holder.Grant, out var g) && GrantEffect.RefusedBecause(g) is null &&
                    g.Role.Mode == RoleMode.UserAccessAdministrator && !g.IsEligible && g.CanAssign(BuiltInRoleIds.RegistrationAssignmentDelete))
                {
                    removers.Add(new DelegationRemover(
                        offer, d.Source.Scope, d.Source.AssignmentId, holder.Grant, RemovalPath.ThroughManagedIdentity));
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
}
