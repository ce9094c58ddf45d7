namespace ManagedServices;

/// <summary>A user, group or service principal of the managing tenant.</summary>
public sealed record Principal
{
    /// <summary>The object ID.</summary>
    public required PrincipalId Id { get; init; }

    /// <summary>The kind of principal.</summary>
    /// <value>The default value is <see cref="PrincipalKind.Unknown"/>.</value>
    public PrincipalKind Kind { get; init; }

    /// <summary>The display name shown to the customer (<c>principalIdDisplayName</c>), if any.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Creates a user principal.</summary>
    /// <param name="id">The object ID.</param>
    /// <param name="displayName">The display name.</param>
    /// <returns>The principal.</returns>
    public static Principal User(PrincipalId id, string? displayName = null) => new() { Id = id, Kind = PrincipalKind.User, DisplayName = displayName };

    /// <summary>Creates a group principal.</summary>
    /// <param name="id">The object ID.</param>
    /// <param name="displayName">The display name.</param>
    /// <returns>The principal.</returns>
    public static Principal Group(PrincipalId id, string? displayName = null) => new() { Id = id, Kind = PrincipalKind.Group, DisplayName = displayName };

    /// <summary>Creates a service principal.</summary>
    /// <param name="id">The object ID.</param>
    /// <param name="displayName">The display name.</param>
    /// <returns>The principal.</returns>
    public static Principal ServicePrincipal(PrincipalId id, string? displayName = null) => new() { Id = id, Kind = PrincipalKind.ServicePrincipal, DisplayName = displayName };
}
