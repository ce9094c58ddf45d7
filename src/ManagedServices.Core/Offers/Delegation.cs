namespace ManagedServices.Offers;

/// <summary>
/// A delegation in force: a registration definition assigned at one subscription or resource group of a customer
/// tenant (<c>Microsoft.ManagedServices/registrationAssignments</c>).
/// </summary>
public sealed record Delegation
{
    /// <summary>The customer tenant that owns the delegated scope.</summary>
    public required TenantId CustomerTenantId { get; init; }

    /// <summary>The registration definition.</summary>
    public required RegistrationDefinition Definition { get; init; }

    /// <summary>The registration assignment's resource name (a GUID).</summary>
    public required Guid AssignmentId { get; init; }

    /// <summary>The delegated scope: a subscription or a resource group.</summary>
    public required ResourceScope Scope { get; init; }
}
