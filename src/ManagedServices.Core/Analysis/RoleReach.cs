namespace ManagedServices.Analysis;

/// <summary>A role that can reach a pattern through a Lighthouse authorization, with a witness.</summary>
public sealed record RoleReach
{
    /// <summary>The role.</summary>
    public required RoleDefinition Role { get; init; }

    /// <summary>An operation matching the pattern the role permits (see <see cref="Counterexample.Operation"/>).</summary>
    public required string Operation { get; init; }

    /// <summary>True when <see cref="Operation"/> is in Azure's operation list.</summary>
    public bool Known { get; init; }

    /// <summary>What the grant needs (<see cref="AccessRequirement.ManagedIdentityTarget"/> for User Access Administrator's role assignments).</summary>
    public AccessRequirement Requires { get; init; }
}
