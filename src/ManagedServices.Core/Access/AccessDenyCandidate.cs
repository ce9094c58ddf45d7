namespace ManagedServices.Access;

/// <summary>
/// A deny assignment considered by <see cref="AccessEvaluator.Explain(in AccessRequest)"/> (one that covers the request
/// scope) and whether it denies the request.
/// </summary>
public sealed record AccessDenyCandidate
{
    /// <summary>The deny assignment.</summary>
    public required DenyAssignment DenyAssignment { get; init; }

    /// <summary>True when it denies the action and names the principal (itself, a group of it, or everyone) without excluding it.</summary>
    public bool Applies { get; init; }

    /// <summary>The principal or group it names (or excludes, when it does not apply for that reason); <see langword="null"/> for everyone or no match.</summary>
    public PrincipalId? ViaPrincipalId { get; init; }

    /// <summary>A sentence explaining <see cref="Applies"/>, including any part of the assignment that was widened because it could not be understood.</summary>
    public required string Detail { get; init; }
}
