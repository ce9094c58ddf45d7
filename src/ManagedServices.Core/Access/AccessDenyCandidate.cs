namespace ManagedServices.Access;

/// <summary>
/// A deny assignment considered by <see cref="AccessEvaluator.Explain(in AccessRequest)"/> (one that covers the request
/// scope) and whether it denies the request.
/// </summary>
/// <param name="DenyAssignment">The deny assignment.</param>
/// <param name="Applies">True when it denies the action and names the principal (itself, a group of it, or everyone) without excluding it.</param>
/// <param name="ViaPrincipalId">The principal or group it names (or excludes, when it does not apply for that reason); <see langword="null"/> for everyone or no match.</param>
/// <param name="Detail">A sentence explaining <see cref="Applies"/>, including any part of the assignment that was widened because it could not be understood.</param>
public sealed record AccessDenyCandidate(DenyAssignment DenyAssignment, bool Applies, PrincipalId? ViaPrincipalId, string Detail);
