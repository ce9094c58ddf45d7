namespace ManagedServices.Validation;

/// <summary>
/// The outcome of <see cref="OfferValidator"/>: the validated input and every rule violation found, as
/// <see cref="Diagnostic"/> values.
/// </summary>
/// <typeparam name="T">The type of what was validated (an offer, a plan, a manifest, a list of definitions).</typeparam>
/// <remarks>
/// The one result shape (see <see cref="DiagnosticResult{T}"/>): <see cref="Value"/>, <see cref="Diagnostics"/>,
/// <see cref="Errors"/>, <see cref="Warnings"/>, <see cref="HasErrors"/>, <see cref="GetValueOrThrow"/>. The value is
/// always present (it is the input); <see cref="GetValueOrThrow"/> returns it only when it is valid, so
/// <c>validator.Validate(offer).GetValueOrThrow()</c> reads as "the valid offer". Immutable and thread-safe.
/// <see cref="Diagnostics"/> are in a deterministic order for a given input: the order in which the model is walked
/// (see <see cref="OfferValidator"/>), not sorted by severity.
/// </remarks>
public sealed class ValidationResult<T>
    where T : notnull
{
    private ImmutableArray<Diagnostic> _errors;
    private ImmutableArray<Diagnostic> _warnings;

    /// <summary>Creates a result.</summary>
    /// <param name="value">What was validated.</param>
    /// <param name="diagnostics">The diagnostics, in order (a default array counts as empty).</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public ValidationResult(T value, ImmutableArray<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
        Diagnostics = diagnostics.OrEmpty();
        HasErrors = DiagnosticSeverities.HasErrors(Diagnostics);
    }

    /// <summary>What was validated, whether or not it is valid (see <see cref="HasErrors"/>).</summary>
    public T Value { get; }

    /// <summary>Every diagnostic (errors, warnings and information), in the validator's walk order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The diagnostics of severity <see cref="DiagnosticSeverity.Error"/>, in order (sorted out once, on first use).</summary>
    public ImmutableArray<Diagnostic> Errors => DiagnosticSeverities.Of(ref _errors, Diagnostics, DiagnosticSeverity.Error);

    /// <summary>The diagnostics of severity <see cref="DiagnosticSeverity.Warning"/>, in order (sorted out once, on first use).</summary>
    public ImmutableArray<Diagnostic> Warnings => DiagnosticSeverities.Of(ref _warnings, Diagnostics, DiagnosticSeverity.Warning);

    /// <summary>True when any diagnostic is an error: the input is not valid (warnings and information do not count).</summary>
    public bool HasErrors { get; }

    /// <summary>Returns the validated input when it has no error, or throws one <see cref="DiagnosticsException"/> carrying every diagnostic.</summary>
    /// <returns>The valid input.</returns>
    /// <exception cref="DiagnosticsException">The input has validation errors.</exception>
    public T GetValueOrThrow() => HasErrors ? throw new DiagnosticsException(Diagnostics) : Value;

    /// <summary>Formats the result: a summary line, then one line per diagnostic.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var summary = Diagnostics.IsEmpty
            ? "valid"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Errors.Length} error(s), {Warnings.Length} warning(s)");
        return Diagnostics.IsEmpty
            ? summary
            : summary + Environment.NewLine + string.Join(Environment.NewLine, Diagnostics.Select(static d => "  " + d));
    }
}
