namespace ManagedServices.Analysis;

/// <summary>A concrete request an authorization allows although it matches a pattern that should never be allowed.</summary>
/// <param name="Pattern">The pattern the operation matches.</param>
/// <param name="PrincipalId">The principal that can perform it (the one asked about, else the authorization's principal).</param>
/// <param name="RoleDefinitionId">The role of the authorization that allows it.</param>
/// <param name="Scope">Where: the scope asked about, else the delegation's scope.</param>
/// <param name="Operation">The operation: a real one from Azure's operation list when one exists, else a shortest well-formed name (lower case).</param>
/// <param name="Known">True when <see cref="Operation"/> is in Azure's operation list.</param>
/// <param name="Requires">What else <c>Check</c> needs to allow it.</param>
public sealed record Counterexample(
    string Pattern, PrincipalId PrincipalId, RoleDefinitionId RoleDefinitionId, ResourceScope Scope, string Operation, bool Known,
    AccessRequirement Requires);
