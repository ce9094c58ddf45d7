namespace ManagedServices.Analysis;

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
