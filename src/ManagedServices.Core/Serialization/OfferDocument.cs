using System.Text.Json;
using ManagedServices.Arm;
using ManagedServices.Json;
using ManagedServices.Offers;

namespace ManagedServices.Serialization;

/// <summary>
/// The canonical JSON document of a whole <see cref="Offer"/> (every plan, visibility, audience, manifest versions,
/// principals with kinds and display names), for source control and diffs. Lossless: reading what was written gives
/// an equal offer, and writing is deterministic (stable member order, 2-space indentation, <c>\n</c>, final newline).
/// </summary>
/// <remarks>The document starts with <c>"schemaVersion": "1.0"</c>. Readers accept every 1.x version and ignore
/// (with a warning) members they do not know; another major version is refused.</remarks>
public static class OfferDocument
{
    /// <summary>The schema version this library writes.</summary>
    public const string SchemaVersion = "1.0";

    private static readonly string[] OfferMembers = ["schemaVersion", "id", "displayName", "publisherId", "description", "plans"];
    private static readonly string[] PlanMembers = ["id", "name", "description", "visibility", "audience", "isStopSold", "manifest"];
    private static readonly string[] ManifestMembers = ["version", "managingTenantId", "authorizations", "eligibleAuthorizations"];
    private static readonly string[] AuthorizationMembers = ["principal", "roleDefinitionId", "delegatedRoleDefinitionIds"];
    private static readonly string[] EligibleMembers = ["principal", "roleDefinitionId", "justInTimeAccessPolicy", "delegatedRoleDefinitionIds"];
    private static readonly string[] PolicyMembers = ["multiFactorAuthProvider", "maximumActivationDuration", "approvers"];
    private static readonly string[] PrincipalMembers = ["id", "kind", "displayName"];

    /// <summary>Writes the document.</summary>
    /// <param name="offer">The offer.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="offer"/> is null.</exception>
    public static string Write(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("schemaVersion", SchemaVersion);
            w.WriteString("id", offer.Id);
            w.WriteString("displayName", offer.DisplayName);
            w.WriteString("publisherId", offer.PublisherId);
            if (offer.Description is { } description)
            {
                w.WriteString("description", description);
            }

            w.WriteStartArray("plans");
            foreach (var plan in offer.Plans)
            {
                WritePlan(w, plan);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>Reads a document. Never throws on bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The offer, or diagnostics with JSON paths and line numbers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static DiagnosticResult<Offer> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var root = JsonTree.Parse(json, "$", diagnostics);
        if (root is null)
        {
            return new(null, diagnostics.ToImmutable());
        }

        var reader = new DocumentReader(diagnostics);
        var offer = reader.ReadOffer(root);
        return new(diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error) ? null : offer, diagnostics.ToImmutable());
    }

    private static void WritePlan(Utf8JsonWriter w, Plan plan)
    {
        w.WriteStartObject();
        w.WriteString("id", plan.Id);
        w.WriteString("name", plan.Name);
        if (plan.Description is { } description)
        {
            w.WriteString("description", description);
        }

        w.WriteString("visibility", plan.Visibility.ToString());
        w.WriteStringArray("audience", plan.Audience);
        w.WriteBoolean("isStopSold", plan.IsStopSold);
        var manifest = plan.Manifest;
        w.WriteStartObject("manifest");
        w.WriteString("version", manifest.Version.ToString());
        w.WriteString("managingTenantId", manifest.ManagingTenantId.ToString());
        w.WriteStartArray("authorizations");
        foreach (var a in manifest.Authorizations)
        {
            w.WriteStartObject();
            WritePrincipal(w, "principal", a.Principal);
            w.WriteString("roleDefinitionId", a.RoleDefinitionId.ToString());
            WriteRoles(w, a.DelegatedRoleDefinitionIds);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("eligibleAuthorizations");
        foreach (var e in manifest.EligibleAuthorizations)
        {
            w.WriteStartObject();
            WritePrincipal(w, "principal", e.Principal);
            w.WriteString("roleDefinitionId", e.RoleDefinitionId.ToString());
            var policy = e.JustInTimeAccessPolicy;
            w.WriteStartObject("justInTimeAccessPolicy");
            w.WriteString("multiFactorAuthProvider", policy.MultiFactorAuthProvider.ToString());
            w.WriteString("maximumActivationDuration", IsoDuration.Format(policy.MaximumActivationDuration));
            w.WriteStartArray("approvers");
            foreach (var approver in policy.Approvers)
            {
                WritePrincipal(w, null, approver);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            WriteRoles(w, e.DelegatedRoleDefinitionIds);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePrincipal(Utf8JsonWriter w, string? name, Principal principal)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteString("id", principal.Id.ToString());
        w.WriteString("kind", principal.Kind.ToString());
        if (principal.DisplayName is { } displayName)
        {
            w.WriteString("displayName", displayName);
        }

        w.WriteEndObject();
    }

    private static void WriteRoles(Utf8JsonWriter w, ImmutableArray<RoleDefinitionId> roles) =>
        w.WriteStringArray("delegatedRoleDefinitionIds", roles);

    private sealed class DocumentReader(ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        private readonly ManifestReader _json = new(diagnostics);

        public Offer? ReadOffer(JNode root)
        {
            if (!_json.Expect(root, JKind.Object, "offer document"))
            {
                return null;
            }

            var schema = root.Get("schemaVersion");
            if (schema is null)
            {
                Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, "The document has no schemaVersion.", "$.schemaVersion"), root);
                return null;
            }

            if (!_json.Expect(schema, JKind.String, "schemaVersion"))
            {
                return null;
            }

            if (!schema.Text!.StartsWith("1.", StringComparison.Ordinal) || schema.Text.Length < 3)
            {
                Add(Diagnostic.Error(DiagnosticCodes.DocumentSchemaVersionUnsupported,
                    $"The schemaVersion '{MessageText.Clip(schema.Text)}' is not supported; this library reads 1.x documents.", schema.Path), schema);
                return null;
            }

            Unknown(root, OfferMembers);
            var plans = ImmutableArray.CreateBuilder<Plan>();
            if (Array(root, "plans") is { } planNodes)
            {
                foreach (var node in planNodes)
                {
                    if (ReadPlan(node) is { } plan)
                    {
                        plans.Add(plan);
                    }
                }
            }

            return new Offer
            {
                Id = Required(root, "id"),
                DisplayName = Required(root, "displayName"),
                PublisherId = Required(root, "publisherId"),
                Description = _json.OptionalString(root, "description"),
                Plans = plans.ToImmutable(),
            };
        }

        private Plan? ReadPlan(JNode node)
        {
            if (!_json.Expect(node, JKind.Object, "plan"))
            {
                return null;
            }

            Unknown(node, PlanMembers);
            var visibility = PlanVisibility.Public;
            if (node.Get("visibility") is { } visibilityNode && _json.Expect(visibilityNode, JKind.String, "visibility"))
            {
                switch (visibilityNode.Text)
                {
                    case "Public":
                        visibility = PlanVisibility.Public;
                        break;
                    case "Private":
                        visibility = PlanVisibility.Private;
                        break;
                    default:
                        Add(Diagnostic.Error(DiagnosticCodes.JsonUnexpectedType, "The visibility must be \"Public\" or \"Private\".", visibilityNode.Path), visibilityNode);
                        break;
                }
            }

            var audience = Items(node, "audience", JKind.String, "audience subscription ID", item => new SubscriptionId(Guid(item)));

            var stopSold = false;
            if (node.Get("isStopSold") is { } stopSoldNode && _json.Expect(stopSoldNode, JKind.True, "isStopSold"))
            {
                stopSold = stopSoldNode.Kind == JKind.True;
            }

            var manifestNode = node.Get("manifest");
            DelegationManifest? manifest = null;
            if (manifestNode is null)
            {
                Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, "The plan has no manifest.", JNode.Child(node.Path, "manifest")), node);
            }
            else
            {
                manifest = ReadManifest(manifestNode);
            }

            return manifest is null
                ? null
                : new Plan
                {
                    Id = Required(node, "id"),
                    Name = Required(node, "name"),
                    Description = _json.OptionalString(node, "description"),
                    Visibility = visibility,
                    Audience = audience,
                    IsStopSold = stopSold,
                    Manifest = manifest,
                };
        }

        private DelegationManifest? ReadManifest(JNode node)
        {
            if (!_json.Expect(node, JKind.Object, "manifest"))
            {
                return null;
            }

            Unknown(node, ManifestMembers);
            var version = ManifestVersion.Initial;
            var versionText = Required(node, "version");
            if (versionText.Length > 0 && !ManifestVersion.TryParse(versionText, out version))
            {
                var at = node.Get("version")!;
                Add(Diagnostic.Error(DiagnosticCodes.InvalidManifestVersion, $"The manifest version '{MessageText.Clip(versionText)}' is not of the form n.n.n.", at.Path), at);
            }

            var authorizations = Items(node, "authorizations", JKind.Object, "authorization", item =>
            {
                Unknown(item, AuthorizationMembers);
                return new Authorization
                {
                    Principal = ReadPrincipal(item.Get("principal"), item),
                    RoleDefinitionId = new RoleDefinitionId(RequiredGuid(item, "roleDefinitionId")),
                    DelegatedRoleDefinitionIds = Roles(item),
                };
            });
            var eligible = Items(node, "eligibleAuthorizations", JKind.Object, "eligible authorization", item =>
            {
                Unknown(item, EligibleMembers);
                return new EligibleAuthorization
                {
                    Principal = ReadPrincipal(item.Get("principal"), item),
                    RoleDefinitionId = new RoleDefinitionId(RequiredGuid(item, "roleDefinitionId")),
                    JustInTimeAccessPolicy = ReadPolicy(item.Get("justInTimeAccessPolicy")),
                    DelegatedRoleDefinitionIds = Roles(item),
                };
            });

            return new DelegationManifest
            {
                Version = version,
                ManagingTenantId = new TenantId(RequiredGuid(node, "managingTenantId")),
                Authorizations = authorizations,
                EligibleAuthorizations = eligible,
            };
        }

        private JustInTimeAccessPolicy ReadPolicy(JNode? node)
        {
            if (node is null || !_json.Expect(node, JKind.Object, "justInTimeAccessPolicy"))
            {
                return JustInTimeAccessPolicy.Default;
            }

            Unknown(node, PolicyMembers);
            var policy = JustInTimeAccessPolicy.Default;
            if (_json.OptionalString(node, "multiFactorAuthProvider") is { } mfa)
            {
                policy = policy with { MultiFactorAuthProvider = new MultiFactorAuthProvider(mfa) };
            }

            if (node.Get("maximumActivationDuration") is { } d && _json.Expect(d, JKind.String, "maximumActivationDuration"))
            {
                var text = d.Text!;
                var negative = text.StartsWith('-');
                if (IsoDuration.TryParse(negative ? text.AsSpan(1) : text, out var duration))
                {
                    policy = policy with { MaximumActivationDuration = negative ? duration.Negate() : duration };
                }
                else
                {
                    Add(Diagnostic.Error(DiagnosticCodes.InvalidDuration, $"'{MessageText.Clip(text)}' is not an ISO 8601 duration such as PT8H.", d.Path), d);
                }
            }

            var approvers = ImmutableArray.CreateBuilder<Principal>();
            foreach (var item in Array(node, "approvers") ?? [])
            {
                approvers.Add(ReadPrincipal(item, node));
            }

            return policy with { Approvers = approvers.ToImmutable() };
        }

        private Principal ReadPrincipal(JNode? node, JNode parent)
        {
            if (node is null)
            {
                Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, "The principal is required.", JNode.Child(parent.Path, "principal")), parent);
                return new Principal { Id = default };
            }

            if (!_json.Expect(node, JKind.Object, "principal"))
            {
                return new Principal { Id = default };
            }

            Unknown(node, PrincipalMembers);
            var kind = PrincipalKind.Unknown;
            if (node.Get("kind") is { } kindNode && _json.Expect(kindNode, JKind.String, "kind"))
            {
                kind = kindNode.Text switch
                {
                    "User" => PrincipalKind.User,
                    "Group" => PrincipalKind.Group,
                    "ServicePrincipal" => PrincipalKind.ServicePrincipal,
                    "Unknown" => PrincipalKind.Unknown,
                    _ => (PrincipalKind)(-1),
                };
                if (kind == (PrincipalKind)(-1))
                {
                    Add(Diagnostic.Error(DiagnosticCodes.JsonUnexpectedType,
                        $"'{MessageText.Clip(kindNode.Text)}' is not a principal kind (Unknown, User, Group, ServicePrincipal).", kindNode.Path), kindNode);
                    kind = PrincipalKind.Unknown;
                }
            }

            return new Principal { Id = new PrincipalId(RequiredGuid(node, "id")), Kind = kind, DisplayName = _json.OptionalString(node, "displayName") };
        }

        private ImmutableArray<RoleDefinitionId> Roles(JNode parent) =>
            Items(parent, "delegatedRoleDefinitionIds", JKind.String, "role definition ID", item => new RoleDefinitionId(Guid(item)));

        /// <summary>The items of an optional array member, each of <paramref name="kind"/> (others are reported and skipped).</summary>
        private ImmutableArray<T> Items<T>(JNode parent, string member, JKind kind, string what, Func<JNode, T> read) =>
            parent.Get(member) is { } node && _json.Expect(node, JKind.Array, member) ? _json.ReadItems(node, kind, what, read) : [];

        private List<JNode>? Array(JNode parent, string member) =>
            parent.Get(member) is { } node && _json.Expect(node, JKind.Array, member) ? node.Items : null;

        private string Required(JNode parent, string member)
        {
            var node = parent.Get(member);
            if (node is null)
            {
                Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, $"The member '{member}' is required.", JNode.Child(parent.Path, member)), parent);
                return "";
            }

            return _json.Expect(node, JKind.String, member) ? node.Text! : "";
        }

        private Guid RequiredGuid(JNode parent, string member)
        {
            var node = parent.Get(member);
            if (node is null)
            {
                Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, $"The member '{member}' is required.", JNode.Child(parent.Path, member)), parent);
                return System.Guid.Empty;
            }

            return _json.Expect(node, JKind.String, member) ? Guid(node) : System.Guid.Empty;
        }

        private Guid Guid(JNode node)
        {
            if (GuidText.TryParse(node.Text, out var guid))
            {
                return guid;
            }

            Add(Diagnostic.Error(DiagnosticCodes.InvalidGuid, $"'{MessageText.Clip(node.Text)}' is not a GUID.", node.Path), node);
            return System.Guid.Empty;
        }

        private void Unknown(JNode node, string[] known)
        {
            foreach (var p in node.Properties!)
            {
                if (!known.Contains(p.Key, StringComparer.Ordinal))
                {
                    Add(Diagnostic.Warning(DiagnosticCodes.JsonUnknownMember, $"The member '{MessageText.Clip(p.Key)}' is unknown and was ignored.", p.Value.Path), p.Value);
                }
            }
        }

        private void Add(Diagnostic diagnostic, JNode at) => diagnostics.Add(ArmExpressionEvaluator.At(diagnostic, at));
    }
}
