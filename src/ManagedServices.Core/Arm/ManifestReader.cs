using ManagedServices.Json;
using ManagedServices.Offers;

namespace ManagedServices.Arm;

/// <summary>
/// Converts evaluated JSON (the <c>properties</c> of a registration definition, as in templates and REST responses)
/// into the model. Invalid values are reported with their JSON path and line; the value is still produced (with empty
/// GUIDs in place of invalid ones) so that callers can see everything that is wrong at once.
/// </summary>
internal sealed class ManifestReader(ImmutableArray<Diagnostic>.Builder diagnostics)
{
    private static readonly string[] DefinitionMembers =
        ["registrationDefinitionName", "description", "managedByTenantId", "authorizations", "eligibleAuthorizations"];

    private static readonly string[] DefinitionReadOnlyMembers =
        ["provisioningState", "manageeTenantId", "manageeTenantName", "managedByTenantName"];

    private static readonly string[] AuthorizationMembers = ["principalId", "principalIdDisplayName", "roleDefinitionId", "delegatedRoleDefinitionIds"];
    private static readonly string[] EligibleMembers = ["principalId", "principalIdDisplayName", "roleDefinitionId", "justInTimeAccessPolicy", "delegatedRoleDefinitionIds"];
    private static readonly string[] PolicyMembers = ["multiFactorAuthProvider", "maximumActivationDuration", "managedByTenantApprovers"];
    private static readonly string[] ApproverMembers = ["principalId", "principalIdDisplayName"];
    private static readonly string[] PlanMembers = ["name", "product", "publisher", "version"];

    public bool AllowReadOnlyMembers { get; init; }

    /// <summary>False for REST documents, whose unknown members are kept rather than ignored.</summary>
    public bool ReportUnknownMembers { get; init; } = true;

    /// <summary>False for REST documents, where <c>registrationDefinitionName</c> is optional.</summary>
    public bool RequireName { get; init; } = true;

    /// <summary>Reads registration definition properties; null when <paramref name="properties"/> is not an object.</summary>
    public OnboardingDefinition? ReadDefinition(JNode properties, JNode? plan)
    {
        if (!Expect(properties, JKind.Object, "registration definition properties"))
        {
            return null;
        }

        Unknown(properties, AllowReadOnlyMembers ? [.. DefinitionMembers, .. DefinitionReadOnlyMembers] : DefinitionMembers);
        var name = OptionalString(properties, "registrationDefinitionName");
        if (name is null && RequireName)
        {
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing,
                "The registration definition has no registrationDefinitionName (the offer name).", properties.Path), properties));
        }

        var description = OptionalString(properties, "description");
        var planReference = plan is null || plan.Kind == JKind.Null ? null : ReadPlan(plan);
        var version = planReference is not null && ManifestVersion.TryParse(planReference.Version, out var v) ? v : ManifestVersion.Initial;
        var manifest = new DelegationManifest
        {
            Version = version,
            ManagingTenantId = new TenantId(RequiredGuid(properties, "managedByTenantId", "managing tenant ID")),
            Authorizations = ReadAuthorizations(properties.Get("authorizations"), properties),
            EligibleAuthorizations = ReadEligible(properties.Get("eligibleAuthorizations")),
        };
        return new OnboardingDefinition { Name = name ?? "", Description = description, Manifest = manifest, Plan = planReference };
    }

    public MarketplacePlanReference? ReadPlan(JNode plan)
    {
        if (!Expect(plan, JKind.Object, "plan"))
        {
            return null;
        }

        Unknown(plan, PlanMembers);
        return new MarketplacePlanReference
        {
            Name = RequiredString(plan, "name", "plan ID"),
            Product = RequiredString(plan, "product", "offer ID"),
            Publisher = RequiredString(plan, "publisher", "publisher ID"),
            Version = RequiredString(plan, "version", "plan version"),
        };
    }

    private ImmutableArray<Authorization> ReadAuthorizations(JNode? node, JNode parent)
    {
        if (node is null || node.Kind == JKind.Null)
        {
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing,
                "The registration definition has no authorizations.", JNode.Child(parent.Path, "authorizations")), parent));
            return [];
        }

        if (!Expect(node, JKind.Array, "authorizations"))
        {
            return [];
        }

        return ReadItems(node, JKind.Object, "authorization", item =>
        {
            Unknown(item, AuthorizationMembers);
            return new Authorization
            {
                Principal = ReadPrincipal(item),
                RoleDefinitionId = ReadRole(item),
                DelegatedRoleDefinitionIds = ReadRoleList(item.Get("delegatedRoleDefinitionIds")),
            };
        });
    }

    private ImmutableArray<EligibleAuthorization> ReadEligible(JNode? node)
    {
        if (!OptionalArray(node, "eligibleAuthorizations"))
        {
            return [];
        }

        return ReadItems(node, JKind.Object, "eligible authorization", item =>
        {
            Unknown(item, EligibleMembers);
            var delegated = item.Get("delegatedRoleDefinitionIds");
            if (delegated is not null)
            {
                diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Warning(DiagnosticCodes.JsonUnknownMember,
                    "Eligible authorizations have no delegatedRoleDefinitionIds in the service's schema; the value is kept for validation.",
                    delegated.Path), delegated));
            }

            return new EligibleAuthorization
            {
                Principal = ReadPrincipal(item),
                RoleDefinitionId = ReadRole(item),
                JustInTimeAccessPolicy = ReadPolicy(item.Get("justInTimeAccessPolicy")),
                DelegatedRoleDefinitionIds = ReadRoleList(delegated),
            };
        });
    }

    private JustInTimeAccessPolicy ReadPolicy(JNode? node)
    {
        if (node is null || node.Kind == JKind.Null || !Expect(node, JKind.Object, "justInTimeAccessPolicy"))
        {
            return JustInTimeAccessPolicy.Default;
        }

        Unknown(node, PolicyMembers);
        var policy = JustInTimeAccessPolicy.Default;
        if (OptionalString(node, "multiFactorAuthProvider") is { } mfa)
        {
            policy = policy with { MultiFactorAuthProvider = new MultiFactorAuthProvider(mfa) };
        }

        if (node.Get("maximumActivationDuration") is { } durationNode && durationNode.Kind != JKind.Null &&
            Expect(durationNode, JKind.String, "maximumActivationDuration"))
        {
            if (IsoDuration.TryParse(durationNode.Text, out var duration))
            {
                policy = policy with { MaximumActivationDuration = duration };
            }
            else
            {
                diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.InvalidDuration,
                    $"'{MessageText.Clip(durationNode.Text)}' is not an ISO 8601 duration such as PT8H.", durationNode.Path), durationNode));
            }
        }

        var approvers = node.Get("managedByTenantApprovers");
        if (OptionalArray(approvers, "managedByTenantApprovers"))
        {
            policy = policy with
            {
                Approvers = ReadItems(approvers, JKind.Object, "approver", item =>
                {
                    Unknown(item, ApproverMembers);
                    return ReadPrincipal(item);
                }),
            };
        }

        return policy;
    }

    private Principal ReadPrincipal(JNode item) => new()
    {
        Id = new PrincipalId(RequiredGuid(item, "principalId", "principal ID")),
        DisplayName = OptionalString(item, "principalIdDisplayName"),
    };

    private RoleDefinitionId ReadRole(JNode item)
    {
        var node = item.Get("roleDefinitionId");
        if (node is null)
        {
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing,
                "The roleDefinitionId is required.", JNode.Child(item.Path, "roleDefinitionId")), item));
            return default;
        }

        if (!Expect(node, JKind.String, "roleDefinitionId"))
        {
            return default;
        }

        if (RoleDefinitionId.TryParse(node.Text, out var id))
        {
            return id;
        }

        NotGuid(node, "role definition ID");
        return default;
    }

    private ImmutableArray<RoleDefinitionId> ReadRoleList(JNode? node)
    {
        if (!OptionalArray(node, "delegatedRoleDefinitionIds"))
        {
            return [];
        }

        return ReadItems(node, JKind.String, "role definition ID", item =>
        {
            if (GuidText.TryParse(item.Text, out var guid))
            {
                return new RoleDefinitionId(guid);
            }

            NotGuid(item, "delegated role definition ID");
            return default;
        });
    }

    /// <summary>True when <paramref name="node"/> is present, not null, and an array (reporting it when it is something else).</summary>
    private bool OptionalArray([NotNullWhen(true)] JNode? node, string what) =>
        node is not null && node.Kind != JKind.Null && Expect(node, JKind.Array, what);

    /// <summary>
    /// The items of an array read one by one: an item of another kind is reported (by <see cref="Expect"/>) and
    /// skipped; every other item is read in order.
    /// </summary>
    public ImmutableArray<T> ReadItems<T>(JNode array, JKind kind, string what, Func<JNode, T> read)
    {
        var result = ImmutableArray.CreateBuilder<T>(array.Items!.Count);
        foreach (var item in array.Items)
        {
            if (Expect(item, kind, what))
            {
                result.Add(read(item));
            }
        }

        return result.ToImmutable();
    }

    public Guid RequiredGuid(JNode parent, string member, string what)
    {
        var node = parent.Get(member);
        if (node is null || node.Kind == JKind.Null)
        {
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing,
                $"The {what} ({member}) is required.", JNode.Child(parent.Path, member)), parent));
            return Guid.Empty;
        }

        if (!Expect(node, JKind.String, member))
        {
            return Guid.Empty;
        }

        if (GuidText.TryParse(node.Text, out var guid))
        {
            return guid;
        }

        NotGuid(node, what);
        return Guid.Empty;
    }

    private void NotGuid(JNode node, string what)
    {
        var text = node.Text ?? "";
        var placeholder = text.Length == 0 || text.StartsWith('<') || text.Contains("insert", StringComparison.OrdinalIgnoreCase);
        diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.TemplateValueNotGuid,
            placeholder
                ? $"The {what} '{MessageText.Clip(text)}' is a placeholder, not a GUID."
                : $"The {what} '{MessageText.Clip(text)}' is not a GUID.", node.Path) with
        {
            Help = placeholder ? "Replace the placeholder in the parameters file with the real GUID." : null,
        }, node));
    }

    public string? OptionalString(JNode parent, string member)
    {
        var node = parent.Get(member);
        if (node is null || node.Kind == JKind.Null)
        {
            return null;
        }

        return Expect(node, JKind.String, member) ? node.Text : null;
    }

    private string RequiredString(JNode parent, string member, string what)
    {
        var node = parent.Get(member);
        if (node is null || node.Kind == JKind.Null)
        {
            diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing,
                $"The {what} ({member}) is required.", JNode.Child(parent.Path, member)), parent));
            return "";
        }

        return Expect(node, JKind.String, member) ? node.Text! : "";
    }

    public bool Expect(JNode node, JKind kind, string what)
    {
        var actual = node.Kind == JKind.False ? JKind.True : node.Kind;
        if (actual == kind)
        {
            return true;
        }

        diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Error(DiagnosticCodes.JsonUnexpectedType,
            $"The {what} must be {Article(kind)}, not {JNode.TypeName(node.Kind)}.", node.Path), node));
        return false;
    }

    private static string Article(JKind kind) => kind is JKind.Array or JKind.Object ? "an " + JNode.TypeName(kind) : "a " + JNode.TypeName(kind);

    private void Unknown(JNode node, string[] known)
    {
        if (!ReportUnknownMembers)
        {
            return;
        }

        foreach (var p in node.Properties!)
        {
            if (!known.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
            {
                diagnostics.Add(ArmExpressionEvaluator.At(Diagnostic.Warning(DiagnosticCodes.JsonUnknownMember,
                    $"The member '{MessageText.Clip(p.Key)}' is not part of the schema and was ignored.", p.Value.Path), p.Value));
            }
        }
    }
}
