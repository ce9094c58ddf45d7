using System.Collections.Immutable;

namespace ManagedServices.Analysis;

/// <summary>How an operation recorded in the activity log ended.</summary>
public enum ActivityOutcome
{
    /// <summary>The operation succeeded (<c>Succeeded</c>, <c>Success</c>).</summary>
    Succeeded = 0,

    /// <summary>The operation failed (<c>Failed</c>, <c>Failure</c>): listed as "wanted but denied", never granted.</summary>
    Failed = 1,
}

/// <summary>
/// Activity of one caller: an operation at a scope (a subscription or a resource group: resource IDs are cut to their
/// resource group, the narrowest scope a delegation can have), how it ended, how many events and when.
/// </summary>
public sealed record ActivityRecord
{
    /// <summary>The caller's object ID (claim <c>http://schemas.microsoft.com/identity/claims/objectidentifier</c>).</summary>
    public required PrincipalId PrincipalId { get; init; }

    /// <summary>The caller's tenant (claim <c>http://schemas.microsoft.com/identity/claims/tenantid</c>); null when the event has none.</summary>
    public TenantId? CallerTenantId { get; init; }

    /// <summary>The caller as the log names it (a UPN for users), when known.</summary>
    public string? Caller { get; init; }

    /// <summary>The operation, for example <c>Microsoft.Compute/virtualMachines/start/action</c> (Azure's spelling when Azure's operation list knows it).</summary>
    public required string Operation { get; init; }

    /// <summary>The subscription or resource group the operation acted in.</summary>
    public required ResourceScope Scope { get; init; }

    /// <summary>How the operation ended.</summary>
    public ActivityOutcome Outcome { get; init; }

    /// <summary>How many events this record stands for (at least 1).</summary>
    /// <value>The default value is 1.</value>
    public long Events { get; init; } = 1;

    /// <summary>The first event's time.</summary>
    public DateTimeOffset FirstSeen { get; init; }

    /// <summary>The last event's time.</summary>
    public DateTimeOffset LastSeen { get; init; }
}

/// <summary>What <see cref="ActivityLog"/> reads.</summary>
public sealed record ActivityLogOptions
{
    /// <summary>Only events at or after this instant (an aggregated row counts whole when its last event is). Default: all.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only events of this caller (object ID). Default: all.</summary>
    public PrincipalId? PrincipalId { get; init; }

    /// <summary>The largest number of distinct (caller, tenant, operation, scope, outcome) records kept; beyond it reading stops with <c>MSC4005</c>.</summary>
    /// <value>The default value is 1,000,000.</value>
    public int MaxRecords { get; init; } = 1_000_000;

    /// <summary>The largest event (one JSON array element or one CSV row) in bytes; a larger one stops the file with <c>MSC4004</c>.</summary>
    /// <value>The default value is 4 MiB.</value>
    public int MaxEventBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The largest number of diagnostics kept; the rest are counted in one last diagnostic.</summary>
    /// <value>The default value is 100.</value>
    public int MaxDiagnostics { get; init; } = 100;
}

/// <summary>The activity read by an <see cref="ActivityLog"/>: one record per caller, tenant, operation, scope and outcome.</summary>
public sealed record ActivitySummary
{
    /// <summary>The aggregated records, ordered by caller, operation, scope and outcome.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<ActivityRecord> Records { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Events read (rows and array elements that held an event, whatever happened to them).</summary>
    public long EventsRead { get; init; }

    /// <summary>
    /// Events read but not counted: not finished yet (<c>Started</c>, <c>Accepted</c>, <c>Start</c>), before
    /// <see cref="ActivityLogOptions.Since"/>, of another caller than <see cref="ActivityLogOptions.PrincipalId"/>, without
    /// an object ID claim (Azure's own operations), or outside any subscription.
    /// </summary>
    public long EventsSkipped { get; init; }

    /// <summary>Malformed rows (warnings, with file and line) and unreadable files (errors).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<Diagnostic> Diagnostics { get; init => field = value.OrEmpty(); } = [];
}
