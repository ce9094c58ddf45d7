using ManagedServices.Json;

namespace ManagedServices.Rest;

/// <summary>A registration assignment as Azure returns it (<c>GET …/registrationAssignments/{id}</c>).</summary>
/// <remarks>Equality compares the members below, not the preserved unknown members.</remarks>
public sealed record RegistrationAssignmentResource
{
    /// <summary>The assignment's resource name (a GUID).</summary>
    public required Guid Id { get; init; }

    /// <summary>The ARM resource ID (<c>id</c>), when present; it starts with the delegated scope.</summary>
    public string? ResourceId { get; init; }

    /// <summary>The fully qualified ID of the assigned registration definition.</summary>
    public required string RegistrationDefinitionId { get; init; }

    /// <summary>The provisioning state, when present.</summary>
    public string? ProvisioningState { get; init; }

    /// <summary>The registration definition, when the response expanded it (<c>$expandRegistrationDefinition=true</c>).</summary>
    public RegistrationDefinitionResource? RegistrationDefinition { get; init; }

    /// <summary>
    /// The delegated scope (subscription or resource group), derived from <see cref="ResourceId"/>: the part before
    /// <c>/providers/Microsoft.ManagedServices/registrationAssignments/{name}</c>; null when the ID is missing, does not
    /// end with <see cref="Id"/>, or names no subscription or resource group.
    /// </summary>
    public ResourceScope? Scope => RegistrationResources.AssignmentScope(this);

    internal JNode? Original { get; init; }

    /// <inheritdoc/>
    public bool Equals(RegistrationAssignmentResource? other) =>
        other is not null && Id == other.Id && ResourceId == other.ResourceId && RegistrationDefinitionId == other.RegistrationDefinitionId &&
        ProvisioningState == other.ProvisioningState && RegistrationDefinition == other.RegistrationDefinition;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, ResourceId, RegistrationDefinitionId, ProvisioningState, RegistrationDefinition);
}
