namespace ManagedServices.Lifecycle;

/// <summary>
/// The outcome of a lifecycle operation: the state after it (the unchanged state when the operation was refused) and
/// every diagnostic. A refused operation has at least one error saying why, with a stable code.
/// </summary>
/// <typeparam name="TState">The state type, for example <see cref="OfferLifecycle"/> or <see cref="CustomerTenant"/>.</typeparam>
/// <remarks>
/// The one result shape (see <see cref="DiagnosticResult{T}"/>): <see cref="Value"/>, <see cref="Diagnostics"/>,
/// <see cref="Errors"/>, <see cref="Warnings"/>, <see cref="HasErrors"/>, <see cref="GetValueOrThrow"/>. Unlike a
/// <see cref="DiagnosticResult{T}"/>, the value is always present: a refused operation leaves the state as it was.
/// </remarks>
public sealed class LifecycleResult<TState>
    where TState : class
{
    private ImmutableArray<Diagnostic> _errors;
    private ImmutableArray<Diagnostic> _warnings;

    /// <summary>Creates a result.</summary>
    /// <param name="value">The state after the operation.</param>
    /// <param name="diagnostics">The diagnostics (a default array counts as empty).</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public LifecycleResult(TState value, ImmutableArray<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
        Diagnostics = diagnostics.OrEmpty();
        HasErrors = DiagnosticSeverities.HasErrors(Diagnostics);
    }

    /// <summary>
    /// The state after the operation; the same instance as before when the operation was refused
    /// (<see cref="HasErrors"/>).
    /// </summary>
    public TState Value { get; }

    /// <summary>Every diagnostic, in the order found.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The diagnostics of severity <see cref="DiagnosticSeverity.Error"/>, in order (sorted out once, on first use).</summary>
    public ImmutableArray<Diagnostic> Errors => DiagnosticSeverities.Of(ref _errors, Diagnostics, DiagnosticSeverity.Error);

    /// <summary>The diagnostics of severity <see cref="DiagnosticSeverity.Warning"/>, in order (sorted out once, on first use).</summary>
    public ImmutableArray<Diagnostic> Warnings => DiagnosticSeverities.Of(ref _warnings, Diagnostics, DiagnosticSeverity.Warning);

    /// <summary>True when any diagnostic is an error: the operation was refused and <see cref="Value"/> is the unchanged state.</summary>
    public bool HasErrors { get; }

    /// <summary>Returns the new state, or throws one <see cref="DiagnosticsException"/> carrying every diagnostic.</summary>
    /// <returns>The state.</returns>
    /// <exception cref="DiagnosticsException">The operation was refused.</exception>
    public TState GetValueOrThrow() => HasErrors ? throw new DiagnosticsException(Diagnostics) : Value;

    /// <summary>Formats the outcome and its diagnostics.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        (HasErrors ? "refused" : "accepted") + (Diagnostics.IsEmpty ? "" : ": " + string.Join("; ", Diagnostics));
}
