using ManagedServices.Operations;

namespace ManagedServices.Access;

/// <summary>
/// The result of <see cref="AccessEvaluator.Check(in AccessRequest)"/>: Allow or Deny, the reason, and the grant that
/// decided it (the allowing grant, or for a denial the grant that came closest), and whether Azure's operation list
/// knows the operation. Creating it never allocates.
/// </summary>
public readonly struct AccessDecision : IEquatable<AccessDecision>
{
    // Stored negated so that every decision made without it (and default) reads as a known operation.
    private readonly bool _operationUnknown;

    internal AccessDecision(AccessReason reason, AccessGrant? grant)
    {
        Reason = reason;
        Grant = grant;
    }

    private AccessDecision(AccessReason reason, AccessGrant? grant, bool operationUnknown)
        : this(reason, grant) => _operationUnknown = operationUnknown;

    /// <summary>True when the request is allowed.</summary>
    public bool IsAllowed => Reason == AccessReason.Allowed;

    /// <summary>Why the request was allowed or denied.</summary>
    public AccessReason Reason { get; }

    /// <summary>The deciding grant, when one applies.</summary>
    public AccessGrant? Grant { get; }

    /// <summary>
    /// False when Azure's operation list (<see cref="Operations.OperationCatalog.Azure"/>) does not know the request's
    /// operation (case-insensitive): the request was evaluated as given, but the name may be misspelled, so a denial
    /// may only mean that nobody is granted a nonexistent operation. <see cref="Operations.OperationCatalog.Diagnose"/>
    /// suggests the closest known names.
    /// </summary>
    public bool IsKnownOperation => !_operationUnknown;

    /// <inheritdoc/>
    public bool Equals(AccessDecision other) =>
        Reason == other.Reason && Equals(Grant, other.Grant) && _operationUnknown == other._operationUnknown;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AccessDecision other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Reason, Grant, _operationUnknown);

    /// <summary>The decision as text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        (IsAllowed ? "Allow" : "Deny (" + Reason + ")") + (Grant is null ? "" : " by " + Grant.ToString()) +
        (_operationUnknown ? " (operation not in Azure's operation list)" : "");

    /// <summary>The same decision, marked as made for an operation Azure's operation list does not know.</summary>
    internal AccessDecision WithUnknownOperation() => new(Reason, Grant, operationUnknown: true);

    /// <summary>The same decision, marked as for an unknown operation when <paramref name="plane"/> is <see cref="OperationPlane.Unknown"/>.</summary>
    internal AccessDecision ForPlane(OperationPlane plane) => plane == OperationPlane.Unknown ? WithUnknownOperation() : this;

    /// <summary>Compares two decisions.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(AccessDecision left, AccessDecision right) => left.Equals(right);

    /// <summary>Compares two decisions.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(AccessDecision left, AccessDecision right) => !left.Equals(right);
}
