using System.Text.Json;
using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>Text and JSON renderings of a <see cref="ManifestDiff"/> (no reflection; AOT-safe).</summary>
internal static class ManifestDiffFormat
{
    public static string Name(AccessChangeDirection value) => value switch
    {
        AccessChangeDirection.Widening => "widening",
        _ => "narrowing",
    };

    public static string Name(AccessChangeSeverity value) => value switch
    {
        AccessChangeSeverity.Info => "info",
        AccessChangeSeverity.Low => "low",
        AccessChangeSeverity.Medium => "medium",
        AccessChangeSeverity.High => "high",
        _ => "critical",
    };

    public static string Name(AccessChangeRule value) => value switch
    {
        AccessChangeRule.ManagingTenant => "managingTenant",
        AccessChangeRule.Principal => "principal",
        AccessChangeRule.Role => "role",
        AccessChangeRule.RolePermissions => "rolePermissions",
        AccessChangeRule.AccessType => "accessType",
        AccessChangeRule.MultiFactorAuth => "multiFactorAuth",
        AccessChangeRule.MaximumActivationDuration => "maximumActivationDuration",
        AccessChangeRule.Approver => "approver",
        _ => "delegatedRole",
    };

    public static string Name(ManifestChangeKind value) => value switch
    {
        ManifestChangeKind.Added => "added",
        ManifestChangeKind.Removed => "removed",
        _ => "changed",
    };

    /// <summary>What <paramref name="write"/> writes, as an indented JSON document.</summary>
    public static string Indented(Action<Utf8JsonWriter> write) => JsonWriting.Write(write);

    public static string ToText(ManifestDiff diff)
    {
        var sb = new StringBuilder();
        sb.Append("Manifest ").Append(diff.OldVersion).Append(" -> ").Append(diff.NewVersion);
        if (diff.OldManagingTenantId == diff.NewManagingTenantId)
        {
            sb.Append(", managing tenant ").Append(diff.OldManagingTenantId).AppendLine();
        }
        else
        {
            sb.Append(", managing tenant ").Append(diff.OldManagingTenantId).Append(" -> ").Append(diff.NewManagingTenantId).AppendLine();
        }

        if (diff.IsEmpty)
        {
            sb.AppendLine("No changes.");
            return sb.ToString();
        }

        if (!diff.Authorizations.IsEmpty)
        {
            sb.AppendLine("Permanent authorizations:");
            foreach (var c in diff.Authorizations)
            {
                Entry(sb, c.Kind, c.New?.Principal ?? c.Old!.Principal, c.RoleDefinitionId, c.RoleName);
                if (c.New is { } n && c.Kind == ManifestChangeKind.Added)
                {
                    AddedDelegatedRoles(sb, n.DelegatedRoleDefinitionIds);
                }

                if (c.Kind == ManifestChangeKind.Changed)
                {
                    sb.Append(": ").Append(Describe(c.Old!.Principal, c.New!.Principal));
                    DelegatedRolesChange(sb, c.Old.DelegatedRoleDefinitionIds, c.New.DelegatedRoleDefinitionIds);
                    sb.Length -= 2;
                }

                sb.AppendLine();
            }
        }

        if (!diff.EligibleAuthorizations.IsEmpty)
        {
            sb.AppendLine("Eligible authorizations:");
            foreach (var c in diff.EligibleAuthorizations)
            {
                Entry(sb, c.Kind, c.New?.Principal ?? c.Old!.Principal, c.RoleDefinitionId, c.RoleName);
                if (c.Kind != ManifestChangeKind.Changed)
                {
                    sb.Append(" policy ").Append(Policy((c.New ?? c.Old)!.JustInTimeAccessPolicy));
                    if (c.New is { } n && c.Kind == ManifestChangeKind.Added)
                    {
                        AddedDelegatedRoles(sb, n.DelegatedRoleDefinitionIds);
                    }
                }
                else
                {
                    sb.Append(": ").Append(Describe(c.Old!.Principal, c.New!.Principal));
                    if (c.Old.JustInTimeAccessPolicy != c.New.JustInTimeAccessPolicy)
                    {
                        sb.Append("policy ").Append(Policy(c.Old.JustInTimeAccessPolicy)).Append(" -> ")
                            .Append(Policy(c.New.JustInTimeAccessPolicy)).Append("; ");
                    }

                    DelegatedRolesChange(sb, c.Old.DelegatedRoleDefinitionIds, c.New.DelegatedRoleDefinitionIds);
                    sb.Length -= 2;
                }

                sb.AppendLine();
            }
        }

        var widening = diff.AccessChanges.Count(static c => c.Direction == AccessChangeDirection.Widening);
        sb.Append(CultureInfo.InvariantCulture, $"Access changes: {widening} widening, {diff.AccessChanges.Length - widening} narrowing").AppendLine();
        foreach (var c in diff.AccessChanges)
        {
            sb.Append(c.Direction == AccessChangeDirection.Widening ? "  ! " : "  . ")
                .Append(Name(c.Severity).PadRight(8)).Append(Name(c.Rule)).Append(": ").Append(c.Message).AppendLine();
        }

        return sb.ToString();
    }

    public static void WriteJson(Utf8JsonWriter w, ManifestDiff diff)
    {
        w.WriteStartObject();
        w.WriteString("oldVersion", diff.OldVersion.ToString());
        w.WriteString("newVersion", diff.NewVersion.ToString());
        w.WriteString("oldManagingTenantId", diff.OldManagingTenantId.ToString());
        w.WriteString("newManagingTenantId", diff.NewManagingTenantId.ToString());
        w.WriteBoolean("isEmpty", diff.IsEmpty);
        w.WriteBoolean("widensAccess", diff.WidensAccess);
        if (diff.HighestSeverity is { } highest)
        {
            w.WriteString("highestSeverity", Name(highest));
        }
        else
        {
            w.WriteNull("highestSeverity");
        }

        WriteChanges(w, "authorizations", diff.Authorizations, static c => (c.Kind, c.PrincipalId, c.RoleDefinitionId, c.RoleName, c.Old, c.New), WriteAuthorization);
        WriteChanges(w, "eligibleAuthorizations", diff.EligibleAuthorizations, static c => (c.Kind, c.PrincipalId, c.RoleDefinitionId, c.RoleName, c.Old, c.New), WriteEligible);
        w.WriteStartArray("accessChanges");
        foreach (var c in diff.AccessChanges)
        {
            w.WriteStartObject();
            w.WriteString("rule", Name(c.Rule));
            w.WriteString("direction", Name(c.Direction));
            w.WriteString("severity", Name(c.Severity));
            OptionalString(w, "principalId", c.PrincipalId?.ToString());
            OptionalString(w, "roleDefinitionId", c.RoleDefinitionId?.ToString());
            w.WriteBoolean("eligible", c.IsEligible);
            OptionalString(w, "relatedRoleDefinitionId", c.RelatedRoleDefinitionId?.ToString());
            OptionalString(w, "relatedPrincipalId", c.RelatedPrincipalId?.ToString());
            w.WriteString("message", c.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Entry(StringBuilder sb, ManifestChangeKind kind, Principal principal, RoleDefinitionId role, string? roleName)
    {
        sb.Append(kind switch
        {
            ManifestChangeKind.Added => "  + ",
            ManifestChangeKind.Removed => "  - ",
            _ => "  ~ ",
        });
        if (!string.IsNullOrEmpty(principal.DisplayName))
        {
            sb.Append('\'').Append(principal.DisplayName).Append("' ");
        }

        sb.Append('(').Append(principal.Id).Append(") ");
        sb.Append(roleName ?? "role").Append(" (").Append(role).Append(')');
    }

    private static string Describe(Principal older, Principal newer)
    {
        var sb = new StringBuilder();
        if (older.DisplayName != newer.DisplayName)
        {
            sb.Append("display name '").Append(older.DisplayName).Append("' -> '").Append(newer.DisplayName).Append("'; ");
        }

        if (older.Kind != newer.Kind)
        {
            sb.Append("kind ").Append(older.Kind).Append(" -> ").Append(newer.Kind).Append("; ");
        }

        return sb.ToString();
    }

    private static string Ids(ImmutableArray<RoleDefinitionId> ids) => "[" + string.Join(", ", ids) + "]";

    /// <summary>An added authorization's delegated roles (permanent or eligible alike), when it has any.</summary>
    private static void AddedDelegatedRoles(StringBuilder sb, ImmutableArray<RoleDefinitionId> ids)
    {
        if (!ids.IsEmpty)
        {
            sb.Append(" delegated roles ").Append(Ids(ids));
        }
    }

    /// <summary>A changed authorization's delegated roles, old to new, when they differ (one "; "-terminated part).</summary>
    private static void DelegatedRolesChange(StringBuilder sb, ImmutableArray<RoleDefinitionId> older, ImmutableArray<RoleDefinitionId> newer)
    {
        if (!Sequence.Equal(older, newer))
        {
            sb.Append("delegated roles ").Append(Ids(older)).Append(" -> ").Append(Ids(newer)).Append("; ");
        }
    }

    private static string Policy(JustInTimeAccessPolicy policy) =>
        $"(MFA {policy.MultiFactorAuthProvider}, max {IsoDuration.Format(policy.MaximumActivationDuration)}, approvers [{string.Join(", ", policy.Approvers.Select(static a => a.Id))}])";

    /// <summary>One array of authorization changes: each change's header, then its old and new side.</summary>
    private static void WriteChanges<TChange, TSide>(
        Utf8JsonWriter w, string name, ImmutableArray<TChange> changes,
        Func<TChange, (ManifestChangeKind Kind, PrincipalId Principal, RoleDefinitionId Role, string? RoleName, TSide? Old, TSide? New)> parts,
        Action<Utf8JsonWriter, TSide?> writeSide)
        where TSide : class
    {
        w.WriteStartArray(name);
        foreach (var change in changes)
        {
            var c = parts(change);
            w.WriteStartObject();
            ChangeHeader(w, c.Kind, c.Principal, c.Role, c.RoleName);
            w.WritePropertyName("old");
            writeSide(w, c.Old);
            w.WritePropertyName("new");
            writeSide(w, c.New);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void ChangeHeader(Utf8JsonWriter w, ManifestChangeKind kind, PrincipalId principal, RoleDefinitionId role, string? roleName)
    {
        w.WriteString("change", Name(kind));
        w.WriteString("principalId", principal.ToString());
        w.WriteString("roleDefinitionId", role.ToString());
        OptionalString(w, "roleName", roleName);
    }

    private static void OptionalString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WritePrincipal(Utf8JsonWriter w, Principal principal)
    {
        w.WriteString("principalId", principal.Id.ToString());
        OptionalString(w, "principalIdDisplayName", principal.DisplayName);
    }

    private static void WriteAuthorization(Utf8JsonWriter w, Authorization? a) =>
        WriteSide(w, a?.Principal, a?.RoleDefinitionId ?? default, policy: null, a?.DelegatedRoleDefinitionIds ?? []);

    private static void WriteEligible(Utf8JsonWriter w, EligibleAuthorization? a) =>
        WriteSide(w, a?.Principal, a?.RoleDefinitionId ?? default, a?.JustInTimeAccessPolicy, a?.DelegatedRoleDefinitionIds ?? []);

    /// <summary>
    /// One side of an authorization change (null when the side is absent), in the offer document's member order:
    /// principal, role, the just-in-time policy (eligible only), then the delegated roles when there are any — for
    /// both kinds, since equality of both compares them.
    /// </summary>
    private static void WriteSide(Utf8JsonWriter w, Principal? principal, RoleDefinitionId role, JustInTimeAccessPolicy? policy, ImmutableArray<RoleDefinitionId> delegated)
    {
        if (principal is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        WritePrincipal(w, principal);
        w.WriteString("roleDefinitionId", role.ToString());
        if (policy is not null)
        {
            w.WriteStartObject("justInTimeAccessPolicy");
            w.WriteString("multiFactorAuthProvider", policy.MultiFactorAuthProvider.ToString());
            w.WriteString("maximumActivationDuration", IsoDuration.Format(policy.MaximumActivationDuration));
            w.WriteStartArray("managedByTenantApprovers");
            foreach (var approver in policy.Approvers)
            {
                w.WriteStartObject();
                WritePrincipal(w, approver);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        if (!delegated.IsEmpty)
        {
            w.WriteStringArray("delegatedRoleDefinitionIds", delegated);
        }

        w.WriteEndObject();
    }
}
