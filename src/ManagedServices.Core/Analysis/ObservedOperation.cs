namespace ManagedServices.Analysis;

/// <summary>An operation performed (or attempted) through a delegation, with where, how often and by whom.</summary>
public sealed record ObservedOperation
{
    /// <summary>The operation (Azure's spelling when its operation list knows it).</summary>
    public required string Operation { get; init; }

    /// <summary>The subscriptions and resource groups it was performed in, sorted.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<ResourceScope> Scopes { get; init => field = value.OrEmpty(); } = [];

    /// <summary>The callers (object IDs) that performed it, sorted.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<PrincipalId> Callers { get; init => field = value.OrEmpty(); } = [];

    /// <summary>The number of events.</summary>
    public long Events { get; init; }

    /// <summary>The first event's time.</summary>
    public DateTimeOffset FirstSeen { get; init; }

    /// <summary>The last event's time.</summary>
    public DateTimeOffset LastSeen { get; init; }
}
