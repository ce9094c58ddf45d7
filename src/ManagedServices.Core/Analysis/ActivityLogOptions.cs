namespace ManagedServices.Analysis;

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
