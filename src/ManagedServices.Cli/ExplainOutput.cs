using System.Text.Json;
using ManagedServices.Access;

namespace ManagedServices.Cli;

/// <summary>Formats the library's access results (grants, explanations) as text or JSON; no rule is decided here.</summary>
internal static class ExplainOutput
{
    /// <summary>Writes the members of a grant into the current JSON object: who, which role where, the offer, and the ids of the delegation.</summary>
    public static void WriteGrantMembers(Utf8JsonWriter w, AccessGrant grant)
    {
        WriteAccess(w, grant.PrincipalId, grant.PrincipalKind, grant.PrincipalDisplayName, grant);
        w.WriteString("registrationDefinitionId", grant.RegistrationDefinitionId.ToString("D"));
        w.WriteString("assignmentId", grant.AssignmentId.ToString("D"));
        w.WriteString("managingTenantId", grant.ManagingTenantId.ToString());
        w.WriteString("customerTenantId", grant.CustomerTenantId.ToString());
    }

    /// <summary>Writes the members of a holder (<c>who-can</c>) into the current JSON object: who, which role where, the offer, and its condition.</summary>
    public static void WriteHolderMembers(Utf8JsonWriter w, AccessHolder holder)
    {
        WriteAccess(w, holder.PrincipalId, holder.PrincipalKind, holder.DisplayName, holder.Grant);
        if (holder.Condition is { } condition)
        {
            w.WriteString("condition", condition);
        }
    }

    /// <summary>The members every access listing shares: principal, kind, display name, permanent or eligible, role, scope, offer.</summary>
    private static void WriteAccess(Utf8JsonWriter w, PrincipalId principal, PrincipalKind kind, string? displayName, AccessGrant grant)
    {
        w.WriteString("principalId", principal.ToString());
        w.WriteString("kind", kind.ToString());
        if (displayName is { } name)
        {
            w.WriteString("displayName", name);
        }

        w.WriteString("access", grant.IsEligible ? "eligible" : "permanent");
        w.WriteString("roleDefinitionId", grant.RoleDefinitionId.ToString());
        if (grant.RoleName is { } roleName)
        {
            w.WriteString("roleName", roleName);
        }

        w.WriteString("scope", grant.Scope.ToString());
        w.WriteString("offer", grant.RegistrationDefinitionName);
    }

    /// <summary>Writes <c>check --explain</c>: the library's trace, as its multi-line text or as one JSON document.</summary>
    public static void Write(CliContext context, AccessExplanation explanation, bool json)
    {
        if (!json)
        {
            context.Out.WriteLine(explanation.ToString());
            return;
        }

        JsonOutput.Document(context.Out, w =>
        {
            w.WriteStartObject();
            w.WriteString("request", explanation.Request);
            w.WriteString("decision", explanation.Decision.IsAllowed ? "Allow" : "Deny");
            w.WriteString("reason", explanation.Decision.Reason.ToString());
            if (explanation.MalformedBecause is { } malformed)
            {
                w.WriteString("malformedBecause", malformed);
            }

            w.WriteStartArray("principals");
            foreach (var p in explanation.Principals)
            {
                w.WriteStringValue(p.ToString());
            }

            w.WriteEndArray();
            w.WriteStartArray("candidates");
            foreach (var c in explanation.Candidates)
            {
                w.WriteStartObject();
                w.WriteString("outcome", c.Outcome.ToString());
                w.WriteBoolean("coversScope", c.CoversScope);
                w.WriteBoolean("matchesPrincipal", c.MatchesPrincipal);
                if (c.ViaGroupId is { } via)
                {
                    w.WriteString("viaGroupId", via.ToString());
                }

                if (c.MatchedAction is { } matched)
                {
                    w.WriteString("matchedAction", matched);
                }

                if (c.ExcludedBy is { } excluded)
                {
                    w.WriteString("excludedBy", excluded);
                }

                w.WriteString("detail", c.Detail);
                w.WritePropertyName("grant");
                w.WriteStartObject();
                WriteGrantMembers(w, c.Grant);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("denyAssignments");
            foreach (var d in explanation.DenyAssignments)
            {
                w.WriteStartObject();
                w.WriteString("id", d.DenyAssignment.Id.ToString("D"));
                if (d.DenyAssignment.Name is { } name)
                {
                    w.WriteString("name", name);
                }

                w.WriteString("scope", d.DenyAssignment.Scope.ToString());
                w.WriteBoolean("applies", d.Applies);
                if (d.ViaPrincipalId is { } via)
                {
                    w.WriteString("viaPrincipalId", via.ToString());
                }

                w.WriteString("detail", d.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
