namespace ManagedServices.Lifecycle;

/// <summary>
/// The outcome of a lifecycle operation: the state after it (the unchanged state when the operation was refused) and
/// every diagnostic. A refused operation has at least one error saying why, with a stable code.
/// </summary>
/// <typeparam name="TState">The state type, for example <see cref="OfferLifecycle"/> or <see cref="CustomerTenant"/>.</typeparam>
public sealed class LifecycleResult<TState>
    where TState : class
{
    /// <summary>Creates a result.</summary>
    /// <param name="state">The state after the operation.</param>
    /// <param name="diagnostics">The diagnostics (a default array counts as empty).</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    public LifecycleResult(TState state, ImmutableArray<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(state);
        State = state;
        Diagnostics = diagnostics.IsDefault ? [] : diagnostics;
    }

    /// <summary>The state after the operation; the same instance as before when the operation was refused.</summary>
    public TState State { get; }

    /// <summary>Every diagnostic, in the order found.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The state after the operation (the same as <see cref="State"/>, named as on every result type).</summary>
    public TState Value => State;

    /// <summary>The diagnostics of severity <see cref="DiagnosticSeverity.Error"/>, in order.</summary>
    public ImmutableArray<Diagnostic> Errors => DiagnosticSeverities.Errors(Diagnostics);

    /// <summary>The diagnostics of severity <see cref="DiagnosticSeverity.Warning"/>, in order.</summary>
    public ImmutableArray<Diagnostic> Warnings => DiagnosticSeverities.Warnings(Diagnostics);

    /// <summary>True when any diagnostic is an error: the operation was refused.</summary>
    public bool HasErrors => DiagnosticSeverities.HasErrors(Diagnostics);

    /// <summary>True when the operation was applied (no diagnostic is an error).</summary>
    public bool IsAccepted => !HasErrors;

    /// <summary>Returns the new state, or throws one <see cref="DiagnosticsException"/> carrying every diagnostic.</summary>
    /// <returns>The state.</returns>
    /// <exception cref="DiagnosticsException">The operation was refused.</exception>
    public TState GetStateOrThrow() => IsAccepted ? State : throw new DiagnosticsException(Diagnostics);

    /// <summary>Returns the new state, or throws (the same as <see cref="GetStateOrThrow"/>, named as on every result type).</summary>
    /// <returns>The state.</returns>
    /// <exception cref="DiagnosticsException">The operation was refused.</exception>
    public TState GetValueOrThrow() => GetStateOrThrow();

    /// <summary>Formats the outcome and its diagnostics.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        (IsAccepted ? "accepted" : "refused") + (Diagnostics.IsEmpty ? "" : ": " + string.Join("; ", Diagnostics));
}
