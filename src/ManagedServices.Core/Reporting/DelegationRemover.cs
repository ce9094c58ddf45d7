using ManagedServices.Access;

namespace ManagedServices.Reporting;

/// <summary>A principal that can remove one delegation (delete its registration assignment).</summary>
/// <param name="Offer">The offer of the delegation that can be removed.</param>
/// <param name="Scope">The scope of the delegation that can be removed.</param>
/// <param name="AssignmentId">The registration assignment that can be deleted.</param>
/// <param name="Grant">The authorization that lets the principal do it (its delegation may be another one, at a covering scope).</param>
/// <param name="Path">How.</param>
public sealed record DelegationRemover(ReportOffer Offer, ResourceScope Scope, Guid AssignmentId, AccessGrant Grant, RemovalPath Path);
