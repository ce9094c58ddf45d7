using ManagedServices.Access;

namespace ManagedServices.Reporting;

/// <summary>A principal that can remove one delegation (delete its registration assignment).</summary>
public sealed record DelegationRemover
{
    /// <summary>The offer of the delegation that can be removed.</summary>
    public required ReportOffer Offer { get; init; }

    /// <summary>The scope of the delegation that can be removed.</summary>
    public required ResourceScope Scope { get; init; }

    /// <summary>The registration assignment that can be deleted.</summary>
    public required Guid AssignmentId { get; init; }

    /// <summary>The authorization that lets the principal do it (its delegation may be another one, at a covering scope).</summary>
    public required AccessGrant Grant { get; init; }

    /// <summary>How.</summary>
    public required RemovalPath Path { get; init; }
}
