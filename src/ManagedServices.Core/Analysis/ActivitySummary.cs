namespace ManagedServices.Analysis;

/// <summary>The activity read by an <see cref="ActivityLog"/>: one record per caller, tenant, operation, scope and outcome.</summary>
/// <remarks>
/// A report, a plain value, not a result type: it does not have the one result shape (<see cref="DiagnosticResult{T}"/>)
/// because a summary is always produced from what could be read; <see cref="Diagnostics"/> say which rows and files
/// could not be.
/// </remarks>
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
