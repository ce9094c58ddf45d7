using System.Text.Json;
using ManagedServices.Access;
using ManagedServices.Offers;

namespace ManagedServices.Reporting;

/// <summary>
/// The four renderings of an <see cref="AccessReport"/>. Every piece of input text goes through <see cref="ReportText"/>;
/// node IDs are generated (<c>P1</c>, <c>R1</c>, <c>S1</c>, ...), never taken from input. Refused authorizations
/// (<see cref="ReportGrant.RefusedBecause"/>) are marked in every format; a report without one is written exactly as
/// before they were marked.
/// </summary>
internal static class ReportWriters
{
    /// <summary>The longest label in a picture, in code points (Mermaid refuses diagrams over 50,000 characters).</summary>
    private const int LabelLength = 60;

    /// <summary>The nodes and edges of the picture, shared by Mermaid and dot.</summary>
    private sealed class Picture
    {
        public Picture(AccessReport report)
        {
            var principalIds = new Dictionary<(TenantId, PrincipalId), string>();
            foreach (var tenant in report.ManagingTenants)
            {
                var members = report.Principals.Where(p => p.ManagingTenantId == tenant && IsAuthorized(report, p)).ToList();
                var group = new Group("T" + (Tenants.Count + 1).ToString(CultureInfo.InvariantCulture), "Managing tenant " + tenant);
                foreach (var p in members)
                {
                    var id = "P" + (principalIds.Count + 1).ToString(CultureInfo.InvariantCulture);
                    principalIds[(tenant, p.Id)] = id;
                    var name = p.DisplayNames.IsEmpty ? "(no display name)" : p.DisplayNames[0];
                    group.Nodes.Add(new Node(id, name, $"{KindName(p.Kind)} {p.Id}"));
                }

                Tenants.Add(group);
            }

            var roleIds = new Dictionary<(int Offer, RoleDefinitionId Role), string>();
            var scopeIds = new Dictionary<ResourceScope, string>();
            for (var o = 0; o < report.Offers.Length; o++)
            {
                var offer = report.Offers[o];
                var group = new Group("O" + (o + 1).ToString(CultureInfo.InvariantCulture), "Offer " + offer.Definition.Name);
                var grants = report.Grants.Where(g => g.Offer == offer).ToList();
                foreach (var g in grants)
                {
                    if (!roleIds.TryGetValue((o, g.RoleDefinitionId), out var roleId))
                    {
                        roleId = "R" + (roleIds.Count + 1).ToString(CultureInfo.InvariantCulture);
                        roleIds[(o, g.RoleDefinitionId)] = roleId;
                        group.Nodes.Add(new Node(roleId, g.RoleName ?? "Role not in the catalog", g.RoleName is null ? g.RoleDefinitionId.ToString() : null));
                        // The role reaches the scopes only when one of its grants in the offer is effective.
                        var roleRefused = grants.Where(x => x.RoleDefinitionId == g.RoleDefinitionId).All(static x => x.RefusedBecause is not null)
                            ? RefusedText(g)
                            : null;
                        foreach (var scope in offer.Scopes)
                        {
                            if (!scopeIds.TryGetValue(scope, out var scopeId))
                            {
                                scopeId = "S" + (scopeIds.Count + 1).ToString(CultureInfo.InvariantCulture);
                                scopeIds[scope] = scopeId;
                                Scopes.Nodes.Add(new Node(scopeId, scope.ToString(), null));
                            }

                            RoleEdges.Add(new Edge(roleId, scopeId, null, roleRefused));
                        }
                    }

                    var edge = new Edge(
                        principalIds[(offer.Definition.Manifest.ManagingTenantId, g.Principal.Id)], roleId,
                        g.JustInTimeAccessPolicy is { } policy ? "eligible: " + PolicyText(policy) : null,
                        g.RefusedBecause is null ? null : RefusedText(g));
                    if (!PrincipalEdges.Contains(edge))
                    {
                        PrincipalEdges.Add(edge);
                    }
                }

                Offers.Add(group);
            }
        }

        public List<Group> Tenants { get; } = [];

        public List<Group> Offers { get; } = [];

        public Group Scopes { get; } = new("C1", "Customer scopes");

        public List<Edge> PrincipalEdges { get; } = [];

        public List<Edge> RoleEdges { get; } = [];

        public IEnumerable<Group> Groups => Tenants.Concat(Offers).Append(Scopes).Where(static g => g.Nodes.Count > 0);

        public IEnumerable<Edge> Edges => PrincipalEdges.Concat(RoleEdges);

        private static bool IsAuthorized(AccessReport report, ReportPrincipal p) =>
            report.Grants.Any(g => g.Principal.Id == p.Id && g.Offer.Definition.Manifest.ManagingTenantId == p.ManagingTenantId);
    }

    private sealed record Group(string Id, string Title)
    {
        public List<Node> Nodes { get; } = [];
    }

    /// <summary>A node: an untrusted title and an optional second line.</summary>
    private sealed record Node(string Id, string Title, string? Detail);

    /// <summary>
    /// An edge; dashed with its label when <paramref name="Eligible"/> is set (the eligible policy); dotted, grey and
    /// crossed with its label when <paramref name="Refused"/> is set (the refusal, which replaces the policy).
    /// </summary>
    private sealed record Edge(string From, string To, string? Eligible, string? Refused = null);

    public static string Mermaid(AccessReport report) => Draw(report, MermaidSyntax);

    public static string Dot(AccessReport report) => Draw(report, DotSyntax);

    /// <summary>How one picture language spells a group, a node, an edge; every label is escaped by <see cref="Escape"/>.</summary>
    private sealed record GraphSyntax(
        string Header,
        Func<string, string, string> OpenGroup,
        string CloseGroup,
        Func<string, string, string> Node,
        string LineBreak,
        Func<string, string, string?, string> Edge,
        Func<string, string, string, string> RefusedEdge,
        Func<IReadOnlyList<int>, string> RefusedStyle,
        string Footer,
        Func<string, int, string> Escape);

    private static readonly GraphSyntax MermaidSyntax = new(
        Header: "flowchart LR\n",
        OpenGroup: static (id, title) => $"  subgraph {id}[\"{title}\"]\n",
        CloseGroup: "  end\n",
        Node: static (id, label) => $"    {id}[\"{label}\"]\n",
        LineBreak: "<br/>",
        Edge: static (from, to, label) => label is null ? $"  {from} --> {to}\n" : $"  {from} -.->|\"{label}\"| {to}\n",
        RefusedEdge: static (from, to, label) => $"  {from} -.-x|\"{label}\"| {to}\n",
        RefusedStyle: static edges => $"  linkStyle {string.Join(",", edges.Select(static e => e.ToString(CultureInfo.InvariantCulture)))} stroke:grey,color:grey\n",
        Footer: "",
        Escape: ReportText.Mermaid);

    private static readonly GraphSyntax DotSyntax = new(
        Header: "digraph \"access\" {\n  rankdir=LR;\n  node [shape=box];\n",
        OpenGroup: static (id, title) => $"  subgraph \"cluster_{id}\" {{\n    label=\"{title}\";\n",
        CloseGroup: "  }\n",
        Node: static (id, label) => $"    \"{id}\" [label=\"{label}\"];\n",
        LineBreak: "\\n",
        Edge: static (from, to, label) => label is null ? $"  \"{from}\" -> \"{to}\";\n" : $"  \"{from}\" -> \"{to}\" [style=dashed, label=\"{label}\"];\n",
        RefusedEdge: static (from, to, label) => $"  \"{from}\" -> \"{to}\" [style=dotted, color=grey, fontcolor=grey, arrowhead=tee, label=\"{label}\"];\n",
        RefusedStyle: static _ => "",
        Footer: "}\n",
        Escape: ReportText.Dot);

    /// <summary>The one walk of the picture (groups with their nodes, then edges) that both languages share.</summary>
    private static string Draw(AccessReport report, GraphSyntax syntax)
    {
        var picture = new Picture(report);
        var sb = new StringBuilder(syntax.Header);
        foreach (var group in picture.Groups)
        {
            sb.Append(syntax.OpenGroup(group.Id, syntax.Escape(group.Title, LabelLength)));
            foreach (var node in group.Nodes)
            {
                var label = syntax.Escape(node.Title, LabelLength);
                if (node.Detail is { } detail)
                {
                    label += syntax.LineBreak + syntax.Escape(detail, LabelLength);
                }

                sb.Append(syntax.Node(node.Id, label));
            }

            sb.Append(syntax.CloseGroup);
        }

        var refused = new List<int>();
        var index = 0;
        foreach (var edge in picture.Edges)
        {
            if (edge.Refused is { } reason)
            {
                refused.Add(index);
                sb.Append(syntax.RefusedEdge(edge.From, edge.To, syntax.Escape(reason, LabelLength)));
            }
            else
            {
                sb.Append(syntax.Edge(edge.From, edge.To, edge.Eligible is { } eligible ? syntax.Escape(eligible, LabelLength) : null));
            }

            index++;
        }

        if (refused.Count > 0)
        {
            sb.Append(syntax.RefusedStyle(refused));
        }

        return sb.Append(syntax.Footer).ToString();
    }

    public static string Markdown(AccessReport report)
    {
        var sb = new StringBuilder();
        var eligible = report.Grants.Count(static g => g.IsEligible);
        sb.Append("# Delegated access report\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"{report.Offers.Length} offer(s) from {report.ManagingTenants.Length} managing tenant(s): ")
            .Append(CultureInfo.InvariantCulture, $"{report.Grants.Length} authorization(s) ({report.Grants.Length - eligible} permanent, {eligible} eligible) ")
            .Append(CultureInfo.InvariantCulture, $"for {report.Principals.Count(p => report.Grants.Any(g => g.Principal.Id == p.Id))} principal(s), ")
            .Append(CultureInfo.InvariantCulture, $"at {report.Offers.SelectMany(static o => o.Scopes).Distinct().Count()} scope(s).\n\n");
        var refused = report.Grants.Count(static g => g.RefusedBecause is not null);
        if (refused > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"**{refused} of these authorization(s) give no access**: Azure Lighthouse refuses them (marked **refused** below, with the reason).\n\n");
        }

        if (report.Offers.IsEmpty)
        {
            sb.Append("No delegations.\n");
            return sb.ToString();
        }

        sb.Append("Principals point to their roles (grouped by offer), roles to the scopes the offer is assigned at; dashed edges are eligible (just-in-time) authorizations.");
        sb.Append(refused > 0 ? " Grey dotted edges ending in a cross are refused: they give no access.\n\n" : "\n\n");
        sb.Append("```mermaid\n").Append(Mermaid(report)).Append("```\n\n");

        sb.Append("## Managing tenants\n\n");
        foreach (var tenant in report.ManagingTenants)
        {
            sb.Append("- `").Append(tenant).Append("`\n");
        }

        sb.Append("\n## Offers\n\n");
        sb.Append("| Offer | Registration definition | Managing tenant | Assigned at | Marketplace plan |\n");
        sb.Append("| --- | --- | --- | --- | --- |\n");
        foreach (var offer in report.Offers)
        {
            var d = offer.Definition;
            sb.Append("| ").Append(ReportText.MarkdownCode(d.Name));
            if (d.Description is { Length: > 0 } description)
            {
                sb.Append("<br>").Append(ReportText.MarkdownCode(description));
            }

            sb.Append(" | `").Append(d.Id.ToString("D")).Append("` | `").Append(d.Manifest.ManagingTenantId).Append("` | ")
                .Append(string.Join("<br>", offer.Scopes.Select(static s => ReportText.MarkdownCode(s.ToString()))))
                .Append(offer.IgnoredBecause is { } ignored ? "<br>**ignored**: " + ReportText.MarkdownCode(ignored) : "").Append(" | ")
                .Append(d.Plan is { } plan ? ReportText.MarkdownCode($"{plan.Publisher} / {plan.Product} / {plan.Name} version {plan.Version}") : "-")
                .Append(" |\n");
        }

        sb.Append("\n## Authorizations\n\n");
        sb.Append("| Offer | Principal | Kind | Principal ID | Role | Access | Just-in-time policy |\n");
        sb.Append("| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var g in report.Grants)
        {
            sb.Append("| ").Append(ReportText.MarkdownCode(g.Offer.Definition.Name))
                .Append(" | ").Append(ReportText.MarkdownCode(g.Principal.DisplayName ?? ""))
                .Append(" | ").Append(KindName(g.Principal.Kind))
                .Append(" | `").Append(g.Principal.Id).Append("` | ").Append(RoleCell(g.RoleName, g.RoleDefinitionId));
            if (!g.DelegatedRoleDefinitionIds.IsEmpty)
            {
                sb.Append("<br>may assign to managed identities: ").Append(string.Join(", ", g.DelegatedRoleDefinitionIds.Select(static r => $"`{r}`")));
            }

            sb.Append(" | ").Append(g.IsEligible ? "eligible" : "permanent");
            if (g.RefusedBecause is { } reason)
            {
                sb.Append("<br>**refused**: ").Append(RefusalWords(g)).Append(" (`").Append(reason).Append("`)");
            }

            sb.Append(" | ").Append(g.JustInTimeAccessPolicy is { } policy ? PolicyMarkdown(policy) : "-").Append(" |\n");
        }

        if (refused > 0)
        {
            sb.Append("\n**refused**: the authorization gives no access — the access evaluator never allows a request through it, as Azure Lighthouse does not (the reason is the evaluator's `AccessReason`).\n");
        }

        sb.Append("\n## Who can remove a delegation\n\n");
        sb.Append("The customer can always remove a delegation. A principal of the managing tenant can delete a registration assignment only through the Managed Services Registration Assignment Delete Role.\n\n");
        if (report.Removers.IsEmpty)
        {
            sb.Append("No principal of a managing tenant can remove these delegations: only the customer can.\n");
        }
        else
        {
            sb.Append("| Delegation | Scope | Principal | Principal ID | How | Through |\n");
            sb.Append("| --- | --- | --- | --- | --- | --- |\n");
            foreach (var r in report.Removers)
            {
                sb.Append("| ").Append(ReportText.MarkdownCode(r.Offer.Definition.Name)).Append(" | ").Append(ReportText.MarkdownCode(r.Scope.ToString()))
                    .Append(" | ").Append(ReportText.MarkdownCode(r.Grant.PrincipalDisplayName ?? ""))
                    .Append(" | `").Append(r.Grant.PrincipalId).Append("` | ").Append(HowText(r.Path))
                    .Append(" | ").Append(RoleCell(r.Grant.RoleName, r.Grant.RoleDefinitionId)).Append(" from ")
                    .Append(ReportText.MarkdownCode(r.Grant.RegistrationDefinitionName)).Append(" at ").Append(ReportText.MarkdownCode(r.Grant.Scope.ToString()))
                    .Append(" |\n");
            }
        }

        return sb.ToString();
    }

    public static void Json(AccessReport report, Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStringArray("managingTenants", report.ManagingTenants);
        w.WriteStartArray("offers");
        foreach (var offer in report.Offers)
        {
            var d = offer.Definition;
            w.WriteStartObject();
            w.WriteString("registrationDefinitionId", d.Id.ToString("D"));
            w.WriteString("name", ReportText.Clean(d.Name));
            if (d.Description is { } description)
            {
                w.WriteString("description", ReportText.Clean(description));
            }

            w.WriteString("managingTenantId", d.Manifest.ManagingTenantId.ToString());
            if (offer.IgnoredBecause is { } ignored)
            {
                w.WriteString("ignoredBecause", ignored);
            }

            if (d.Plan is { } plan)
            {
                w.WriteStartObject("plan");
                w.WriteString("publisher", ReportText.Clean(plan.Publisher));
                w.WriteString("product", ReportText.Clean(plan.Product));
                w.WriteString("name", ReportText.Clean(plan.Name));
                w.WriteString("version", ReportText.Clean(plan.Version));
                w.WriteEndObject();
            }

            Strings(w, "scopes", offer.Scopes.Select(static s => s.ToString()));
            Strings(w, "customerTenants", offer.CustomerTenants.Select(static t => t.ToString()));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("principals");
        foreach (var p in report.Principals)
        {
            w.WriteStartObject();
            w.WriteString("managingTenantId", p.ManagingTenantId.ToString());
            w.WriteString("principalId", p.Id.ToString());
            w.WriteString("kind", p.Kind.ToString());
            Strings(w, "displayNames", p.DisplayNames);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("authorizations");
        foreach (var g in report.Grants)
        {
            w.WriteStartObject();
            w.WriteString("registrationDefinitionId", g.Offer.Definition.Id.ToString("D"));
            w.WriteString("offer", ReportText.Clean(g.Offer.Definition.Name));
            PrincipalJson(w, g.Principal.Id, g.Principal.Kind, g.Principal.DisplayName);
            w.WriteString("roleDefinitionId", g.RoleDefinitionId.ToString());
            if (g.RoleName is { } roleName)
            {
                w.WriteString("roleName", ReportText.Clean(roleName));
            }

            w.WriteString("access", g.IsEligible ? "eligible" : "permanent");
            if (g.RefusedBecause is { } refused)
            {
                w.WriteString("refusedBecause", refused.ToString());
            }

            if (g.JustInTimeAccessPolicy is { } policy)
            {
                w.WriteStartObject("justInTimeAccessPolicy");
                w.WriteString("multiFactorAuthProvider", ReportText.Clean(policy.MultiFactorAuthProvider.ToString()));
                w.WriteString("maximumActivationDuration", IsoDuration.Format(policy.MaximumActivationDuration));
                w.WriteStartArray("managedByTenantApprovers");
                foreach (var a in policy.Approvers)
                {
                    w.WriteStartObject();
                    PrincipalJson(w, a.Id, a.Kind, a.DisplayName);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            if (!g.DelegatedRoleDefinitionIds.IsEmpty)
            {
                Strings(w, "delegatedRoleDefinitionIds", g.DelegatedRoleDefinitionIds.Select(static r => r.ToString()));
            }

            Strings(w, "scopes", g.Offer.Scopes.Select(static s => s.ToString()));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("canRemoveDelegation");
        foreach (var r in report.Removers)
        {
            w.WriteStartObject();
            w.WriteString("scope", ReportText.Clean(r.Scope.ToString()));
            w.WriteString("assignmentId", r.AssignmentId.ToString("D"));
            w.WriteString("registrationDefinitionId", r.Offer.Definition.Id.ToString("D"));
            w.WriteString("offer", ReportText.Clean(r.Offer.Definition.Name));
            PrincipalJson(w, r.Grant.PrincipalId, r.Grant.PrincipalKind, r.Grant.PrincipalDisplayName);
            w.WriteString("how", r.Path switch
            {
                RemovalPath.Permanent => "permanent",
                RemovalPath.AfterActivation => "afterActivation",
                _ => "throughManagedIdentity",
            });
            w.WriteString("roleDefinitionId", r.Grant.RoleDefinitionId.ToString());
            if (r.Grant.RoleName is { } roleName)
            {
                w.WriteString("roleName", ReportText.Clean(roleName));
            }

            w.WriteString("grantScope", ReportText.Clean(r.Grant.Scope.ToString()));
            w.WriteString("grantRegistrationDefinitionId", r.Grant.RegistrationDefinitionId.ToString("D"));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The eligible policy in words (for edge labels): MFA, the maximum duration, the approvers.</summary>
    public static string PolicyText(JustInTimeAccessPolicy policy) =>
        $"{MfaText(policy.MultiFactorAuthProvider)}, at most {IsoDuration.Format(policy.MaximumActivationDuration)}, " +
        (policy.Approvers.IsEmpty ? "no approval" : $"{policy.Approvers.Length.ToString(CultureInfo.InvariantCulture)} approver(s)");

    private static string PolicyMarkdown(JustInTimeAccessPolicy policy)
    {
        var sb = new StringBuilder();
        sb.Append(policy.MultiFactorAuthProvider.IsKnown
            ? MfaText(policy.MultiFactorAuthProvider)
            : "MFA provider " + ReportText.MarkdownCode(policy.MultiFactorAuthProvider.ToString()));
        sb.Append(", at most ").Append(IsoDuration.Format(policy.MaximumActivationDuration)).Append(", ");
        if (policy.Approvers.IsEmpty)
        {
            sb.Append("no approval");
        }
        else
        {
            sb.Append("approvers: ").Append(string.Join(", ", policy.Approvers.Select(static a =>
                a.DisplayName is { Length: > 0 } name ? $"{ReportText.MarkdownCode(name)} (`{a.Id}`)" : $"`{a.Id}`")));
        }

        return sb.ToString();
    }

    /// <summary>A refused authorization's edge label: <c>refused: </c> and why, in words.</summary>
    private static string RefusedText(ReportGrant g) => "refused: " + RefusalWords(g);

    /// <summary>Why an authorization is refused, in words (the offer's reason when the evaluator ignores its delegations).</summary>
    private static string RefusalWords(ReportGrant g) => g.RefusedBecause switch
    {
        AccessReason.NoDelegationCoversScope => g.Offer.IgnoredBecause ?? "the delegation is ignored",
        AccessReason.RoleNotDelegable => "role not delegable",
        AccessReason.CustomRoleNotDelegable => "custom role, not delegable",
        AccessReason.RoleNotInCatalog => "role not in the catalog",
        AccessReason.PrincipalNotAuthorized => "the empty principal ID names no one",
        var other => other?.ToString() ?? "",
    };

    private static string MfaText(MultiFactorAuthProvider mfa) =>
        mfa.RequiresMfa ? "MFA" : mfa == MultiFactorAuthProvider.None ? "no MFA" : "unknown MFA provider";

    private static string RoleCell(string? roleName, RoleDefinitionId id) =>
        roleName is null ? $"role not in the catalog `{id}`" : ReportText.MarkdownCode(roleName);

    private static string HowText(RemovalPath path) => path switch
    {
        RemovalPath.Permanent => "permanently",
        RemovalPath.AfterActivation => "after activating the eligible role",
        _ => "by assigning the Delete Role to a managed identity",
    };

    private static string KindName(PrincipalKind kind) => kind switch
    {
        PrincipalKind.User => "user",
        PrincipalKind.Group => "group",
        PrincipalKind.ServicePrincipal => "service principal",
        _ => "principal",
    };

    private static void PrincipalJson(Utf8JsonWriter w, PrincipalId id, PrincipalKind kind, string? displayName)
    {
        w.WriteString("principalId", id.ToString());
        w.WriteString("kind", kind.ToString());
        if (displayName is not null)
        {
            w.WriteString("displayName", ReportText.Clean(displayName));
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values) =>
        w.WriteStringArray(name, values.Select(ReportText.Clean));
}
