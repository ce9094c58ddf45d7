namespace ManagedServices.Validation;

/// <summary>
/// The outcome of <see cref="OfferValidator"/>: every rule violation found, as <see cref="Diagnostic"/> values.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. <see cref="Diagnostics"/> are in a deterministic order for a given input: the order in
/// which the model is walked (see <see cref="OfferValidator"/>), not sorted by severity.
/// </remarks>
public sealed class ValidationResult
{
    /// <summary>Creates a result from diagnostics.</summary>
    /// <param name="diagnostics">The diagnostics, in order (a default array counts as empty).</param>
    public ValidationResult(ImmutableArray<Diagnostic> diagnostics)
    {
        Diagnostics = diagnostics.IsDefault ? [] : diagnostics;
        if (Diagnostics.IsEmpty)
        {
            Errors = [];
            Warnings = [];
            return;
        }

        Errors = DiagnosticSeverities.Errors(Diagnostics);
        Warnings = DiagnosticSeverities.Warnings(Diagnostics);
    }

    /// <summary>A result without diagnostics.</summary>
    public static ValidationResult Success { get; } = new([]);

    /// <summary>Every diagnostic (errors, warnings and information), in the validator's walk order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The diagnostics of severity <see cref="DiagnosticSeverity.Error"/>, in order.</summary>
    public ImmutableArray<Diagnostic> Errors { get; }

    /// <summary>The diagnostics of severity <see cref="DiagnosticSeverity.Warning"/>, in order.</summary>
    public ImmutableArray<Diagnostic> Warnings { get; }

    /// <summary>True when there is no error (warnings and information allowed).</summary>
    public bool IsValid => Errors.IsEmpty;

    /// <summary>True when any diagnostic is an error (the opposite of <see cref="IsValid"/>, named as on every result type).</summary>
    public bool HasErrors => !Errors.IsEmpty;

    /// <summary>
    /// Returns this result when it has no error, or throws one <see cref="DiagnosticsException"/> carrying every
    /// diagnostic. (A validation produces no value, so this is the result type's throwing accessor.)
    /// </summary>
    /// <returns>This result.</returns>
    /// <exception cref="DiagnosticsException">The input has validation errors.</exception>
    public ValidationResult ValidOrThrow() => HasErrors ? throw new DiagnosticsException(Diagnostics) : this;

    /// <summary>True when there is neither an error nor a warning (information allowed).</summary>
    public bool IsValidWithoutWarnings => Errors.IsEmpty && Warnings.IsEmpty;

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
