namespace ManagedServices;

/// <summary>Codes of the least-privilege advisor (the Analysis folder: activity logs to the narrowest delegable roles).</summary>
public static partial class DiagnosticCodes
{
    /// <summary>A row of an activity log is malformed (no operation or status, a claim that is not a GUID, a bad time or scope); it is skipped.</summary>
    public const string ActivityRowMalformed = "MSC4003";

    /// <summary>An activity log cannot be read (not a JSON array or CSV with a known header, broken JSON, an event too large); the rest of the file is not read.</summary>
    public const string ActivityFileUnreadable = "MSC4004";

    /// <summary>An activity log has more distinct (caller, operation, scope) records than the limit; further ones are not counted.</summary>
    public const string ActivityTooManyRecords = "MSC4005";

    /// <summary>A memberships file (principal ID to group IDs) is malformed.</summary>
    public const string MembershipsInvalid = "MSC4006";

    /// <summary>A principal's proposal is the greedy answer (the input is beyond the exact search's size); the message gives its gap to a lower bound.</summary>
    public const string AdviceNotExact = "MSC4007";

    /// <summary>The library's diff found that a principal's narrower roles would widen access; the principal keeps its current roles in the proposal.</summary>
    public const string AdviceKeptCurrentRoles = "MSC4008";

    /// <summary>No onboarding template is proposed: the delegations span several subscriptions or managing tenants, or the proposal would widen access.</summary>
    public const string AdviceNoTemplate = "MSC4009";
}
