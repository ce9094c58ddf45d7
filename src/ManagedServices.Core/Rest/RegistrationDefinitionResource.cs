using ManagedServices.Json;
using ManagedServices.Offers;

namespace ManagedServices.Rest;

/// <summary>
/// A registration definition as Azure returns it (<c>GET …/registrationDefinitions/{id}</c>): the definition plus the
/// read-only members. Members this library does not know are kept and written back unchanged by
/// <see cref="RegistrationResources"/>.
/// </summary>
/// <remarks>Equality compares the members below, not the preserved unknown members.</remarks>
public sealed record RegistrationDefinitionResource
{
    /// <summary>The definition (name GUID, offer name, description, manifest, plan).</summary>
    public required RegistrationDefinition Definition { get; init; }

    /// <summary>The ARM resource ID (<c>id</c>), when present.</summary>
    public string? ResourceId { get; init; }

    /// <summary>The provisioning state (an extensible string such as <c>Succeeded</c>), when present.</summary>
    public string? ProvisioningState { get; init; }

    /// <summary>The customer tenant (<c>manageeTenantId</c>), when present.</summary>
    public TenantId? ManageeTenantId { get; init; }

    /// <summary>The customer tenant's name (<c>manageeTenantName</c>), when present.</summary>
    public string? ManageeTenantName { get; init; }

    /// <summary>The managing tenant's name (<c>managedByTenantName</c>), when present.</summary>
    public string? ManagedByTenantName { get; init; }

    /// <summary>
    /// The resource a deployment of <paramref name="definition"/> to a subscription creates, as Azure returns it:
    /// <see cref="ResourceId"/> is <c>/subscriptions/{subscription}/providers/Microsoft.ManagedServices/registrationDefinitions/{name}</c>,
    /// or none when the subscription is not known.
    /// </summary>
    /// <param name="definition">The registration definition.</param>
    /// <param name="subscription">The subscription it is deployed to, or null.</param>
    /// <returns>The resource.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public static RegistrationDefinitionResource InSubscription(RegistrationDefinition definition, SubscriptionId? subscription)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new RegistrationDefinitionResource
        {
            Definition = definition,
            ResourceId = subscription is { } s ? $"/subscriptions/{s}/providers/Microsoft.ManagedServices/registrationDefinitions/{definition.Id:D}" : null,
        };
    }

    internal JNode? Original { get; init; }

    /// <inheritdoc/>
    public bool Equals(RegistrationDefinitionResource? other) =>
        other is not null && Definition == other.Definition && ResourceId == other.ResourceId && ProvisioningState == other.ProvisioningState &&
        ManageeTenantId == other.ManageeTenantId && ManageeTenantName == other.ManageeTenantName && ManagedByTenantName == other.ManagedByTenantName;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Definition, ResourceId, ProvisioningState, ManageeTenantId, ManageeTenantName, ManagedByTenantName);
}
