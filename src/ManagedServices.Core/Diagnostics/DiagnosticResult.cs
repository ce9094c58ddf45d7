namespace ManagedServices;

/// <summary>
/// The outcome of an operation whose failures are expected (building, reading, parsing, reviewing): a value when the
/// operation produced one, and every diagnostic found on the way.
/// </summary>
/// <typeparam name="T">
/// The type of the value. For a reference type, a <see langword="null"/> value means none was produced, which only a
/// failed operation may do (the constructor refuses a missing value without an error); a value type's value is always
/// present (the default value when the operation failed).
/// </typeparam>
/// <remarks>
/// One result shape: every result type of this library (<see cref="DiagnosticResult{T}"/>,
/// <c>Validation.ValidationResult&lt;T&gt;</c>, <c>Lifecycle.LifecycleResult&lt;TState&gt;</c>) has exactly the members
/// <see cref="Value"/>, <see cref="Diagnostics"/>, <see cref="Errors"/>, <see cref="Warnings"/>, <see cref="HasErrors"/>
/// and <see cref="GetValueOrThrow"/>. Success is <c>!HasErrors</c>; then <see cref="Value"/> is never
/// <see langword="null"/>.
/// </remarks>
public sealed class DiagnosticResult<T>
{
    private ImmutableArray<Diagnostic> _errors;
    private ImmutableArray<Diagnostic> _warnings;

    /// <summary>Creates a result.</summary>
    /// <param name="value">The value, or <see langword="null"/> when none could be produced.</param>
    /// <param name="diagnostics">The diagnostics (a default array counts as empty).</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="value"/> is <see langword="null"/> and no diagnostic is an error (a failure must say why).
    /// </exception>
    public DiagnosticResult(T? value, ImmutableArray<Diagnostic> diagnostics)
    {
        Value = value;
        Diagnostics = diagnostics.OrEmpty();
        HasErrors = DiagnosticSeverities.HasErrors(Diagnostics);
        if (value is null && !HasErrors)
        {
            throw new ArgumentException("A result without a value must carry an error diagnostic that says why.", nameof(diagnostics));
        }
    }

    /// <summary>
    /// The value, when one was produced: never <see langword="null"/> when <see cref="HasErrors"/> is false; it may be
    /// present even when <see cref="HasErrors"/> is true (a partial value, not to be trusted as valid).
    /// </summary>
    public T? Value { get; }

    /// <summary>Every diagnostic, in the order found.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The diagnostics of severity <see cref="DiagnosticSeverity.Error"/>, in order (sorted out once, on first use).</summary>
    public ImmutableArray<Diagnostic> Errors => DiagnosticSeverities.Of(ref _errors, Diagnostics, DiagnosticSeverity.Error);

    /// <summary>The diagnostics of severity <see cref="DiagnosticSeverity.Warning"/>, in order (sorted out once, on first use).</summary>
    public ImmutableArray<Diagnostic> Warnings => DiagnosticSeverities.Of(ref _warnings, Diagnostics, DiagnosticSeverity.Warning);

    /// <summary>True when any diagnostic is an error: the operation failed. When false, <see cref="Value"/> is present.</summary>
    [MemberNotNullWhen(false, nameof(Value))]
    public bool HasErrors { get; }

    /// <summary>Returns the value, or throws one <see cref="DiagnosticsException"/> carrying every diagnostic.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="DiagnosticsException">The operation failed (a diagnostic is an error).</exception>
    [return: NotNull]
    public T GetValueOrThrow() =>
        HasErrors ? throw new DiagnosticsException(Diagnostics) : Value;
}

/// <summary>The one place that sorts diagnostics by severity, for every result type.</summary>
internal static class DiagnosticSeverities
{
    internal static bool HasErrors(ImmutableArray<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            if (d.Severity == DiagnosticSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The diagnostics of <paramref name="severity"/>, sorted out of <paramref name="diagnostics"/> on the first call
    /// and kept in <paramref name="cache"/> (a result's field, <see langword="default"/> until then), so that every
    /// result type reads its <c>Errors</c> and <c>Warnings</c> the same way: computed once, the same array each time.
    /// Two threads racing on the first call compute equal arrays and the last write wins; an
    /// <see cref="ImmutableArray{T}"/> is one reference, so a reader never sees a torn value.
    /// </summary>
    internal static ImmutableArray<Diagnostic> Of(ref ImmutableArray<Diagnostic> cache, ImmutableArray<Diagnostic> diagnostics, DiagnosticSeverity severity)
    {
        var known = cache;
        if (known.IsDefault)
        {
            known = diagnostics.IsDefaultOrEmpty ? [] : diagnostics.Where(d => d.Severity == severity).ToImmutableArray();
            cache = known;
        }

        return known;
    }
}
