namespace ManagedServices.Access;

/// <summary>The decision for one action in a <see cref="PrincipalAccess"/>.</summary>
public sealed record ActionAccess
{
    /// <summary>The action.</summary>
    public required string Action { get; init; }

    /// <summary>The decision.</summary>
    public required AccessDecision Decision { get; init; }
}
