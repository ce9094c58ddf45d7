namespace ManagedServices.Analysis;

/// <summary>A concrete request an authorization allows although it matches a pattern that should never be allowed.</summary>
public sealed record Counterexample
{
    /// <summary>The pattern the operation matches.</summary>
    public required string Pattern { get; init; }

    /// <summary>The principal that can perform it (the one asked about, else the authorization's principal).</summary>
    public required PrincipalId PrincipalId { get; init; }

    /// <summary>The role of the authorization that allows it.</summary>
    public required RoleDefinitionId RoleDefinitionId { get; init; }

    /// <summary>Where: the scope asked about, else the delegation's scope.</summary>
    public required ResourceScope Scope { get; init; }

    /// <summary>The operation: a real one from Azure's operation list when one exists, else a shortest well-formed name (lower case).</summary>
    public required string Operation { get; init; }

    /// <summary>True when <see cref="Operation"/> is in Azure's operation list.</summary>
    public bool Known { get; init; }

    /// <summary>What else <c>Check</c> needs to allow it.</summary>
    public AccessRequirement Requires { get; init; }
}
