namespace ManagedServices;

/// <summary>
/// The outcome of an operation whose failures are expected (building, validating, reading, parsing, state changes):
/// a value when the operation produced one, and every diagnostic found on the way.
/// </summary>
/// <typeparam name="T">
/// The type of the value. For a reference type, a <see langword="null"/> value means none was produced; a value type's
/// value is always present (the default value when the operation failed), so <see cref="IsSuccess"/> then only means
/// that no diagnostic is an error.
/// </typeparam>
/// <remarks>
/// Every result type of this library has the same members: <see cref="Value"/>, <see cref="Diagnostics"/>,
/// <see cref="Errors"/>, <see cref="Warnings"/>, <see cref="HasErrors"/> and a throwing accessor
/// (<see cref="GetValueOrThrow"/>).
/// </remarks>
public sealed class DiagnosticResult<T>
{
    /// <summary>Creates a result.</summary>
    /// <param name="value">The value, or <see langword="null"/> when none could be produced.</param>
    /// <param name="diagnostics">The diagnostics (a default array counts as empty).</param>
    public DiagnosticResult(T? value, ImmutableArray<Diagnostic> diagnostics)
    {
        Value = value;
        Diagnostics = diagnostics.IsDefault ? [] : diagnostics;
    }

    /// <summary>The value, when one was produced. It may be present even when <see cref="HasErrors"/> is true.</summary>
    public T? Value { get; }

    /// <summary>Every diagnostic, in the order found.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The diagnostics of severity <see cref="DiagnosticSeverity.Error"/>, in order.</summary>
    public ImmutableArray<Diagnostic> Errors => DiagnosticSeverities.Errors(Diagnostics);

    /// <summary>The diagnostics of severity <see cref="DiagnosticSeverity.Warning"/>, in order.</summary>
    public ImmutableArray<Diagnostic> Warnings => DiagnosticSeverities.Warnings(Diagnostics);

    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => DiagnosticSeverities.HasErrors(Diagnostics);

    /// <summary>True when a value was produced and no diagnostic is an error.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsSuccess => Value is not null && !HasErrors;

    /// <summary>Returns the value, or throws one <see cref="DiagnosticsException"/> carrying every diagnostic.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="DiagnosticsException">The operation failed.</exception>
    [return: NotNull]
    public T GetValueOrThrow() =>
        IsSuccess ? Value : throw new DiagnosticsException(Diagnostics);

    /// <summary>Gets the value when the operation succeeded.</summary>
    /// <param name="value">The value, when successful.</param>
    /// <returns>True on success.</returns>
    public bool TryGetValue([NotNullWhen(true)] out T? value)
    {
        value = IsSuccess ? Value : default;
        return IsSuccess;
    }
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

    internal static ImmutableArray<Diagnostic> Errors(ImmutableArray<Diagnostic> diagnostics) => Of(diagnostics, DiagnosticSeverity.Error);

    internal static ImmutableArray<Diagnostic> Warnings(ImmutableArray<Diagnostic> diagnostics) => Of(diagnostics, DiagnosticSeverity.Warning);

    private static ImmutableArray<Diagnostic> Of(ImmutableArray<Diagnostic> diagnostics, DiagnosticSeverity severity) =>
        diagnostics.IsDefaultOrEmpty ? [] : diagnostics.Where(d => d.Severity == severity).ToImmutableArray();
}
