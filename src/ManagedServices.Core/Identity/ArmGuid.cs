namespace ManagedServices;

/// <summary>
/// ARM's deterministic <c>guid()</c> template function: a name-based UUID (RFC 4122 version 5, SHA-1) over the
/// namespace <c>11fb06fb-712d-4ddd-98c7-e71bbd588830</c> and the UTF-8 text of the arguments joined by <c>-</c>.
/// Use it to predict the registration definition and assignment names that an onboarding template creates.
/// </summary>
/// <remarks>Argument order matters; the result is deterministic, not random. Thread-safe. The derivation itself lives in
/// <c>Identity/</c> (one place, shared with the lifecycle).</remarks>
public static class ArmGuid
{
    /// <summary>Computes <c>guid(parts[0], parts[1], …)</c>.</summary>
    /// <param name="parts">The arguments (at least one).</param>
    /// <returns>The GUID.</returns>
    /// <exception cref="ArgumentException">No argument was given, or an argument is null.</exception>
    public static Guid Create(params ReadOnlySpan<string> parts) => DeterministicGuid.Create(parts);
}
