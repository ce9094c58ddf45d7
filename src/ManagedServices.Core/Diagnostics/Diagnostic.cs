namespace ManagedServices;

/// <summary>
/// One finding about an input: a stable <see cref="Code"/> (listed in <c>docs/diagnostics.md</c>),
/// a severity, a human-readable message and the path of the offending member.
/// </summary>
/// <remarks>Codes are permanent: a code is never renumbered or reused for another rule.</remarks>
public sealed record Diagnostic
{
    /// <summary>The stable code, for example <c>MSC1001</c>. See <see cref="DiagnosticCodes"/>.</summary>
    public required string Code { get; init; }

    /// <summary>How serious the finding is.</summary>
    public required DiagnosticSeverity Severity { get; init; }

    /// <summary>A human-readable explanation.</summary>
    public required string Message { get; init; }

    /// <summary>
    /// Where the finding is: a property path into the model (for example
    /// <c>plans[0].manifest.authorizations[3].roleDefinitionId</c>) or a JSON path into a document
    /// (for example <c>$.resources[0].properties.authorizations</c>). Empty when it concerns the whole input.
    /// </summary>
    public string Path { get; init; } = "";

    /// <summary>An optional hint on how to fix the problem.</summary>
    public string? Help { get; init; }

    /// <summary>The 1-based line in the source document, when the input was text and the line is known.</summary>
    public int? Line { get; init; }

    /// <summary>
    /// The 1-based column in the source document, counted in UTF-16 code units from the start of <see cref="Line"/>,
    /// when the input was text and the position is known.
    /// </summary>
    public int? Column { get; init; }

    /// <summary>Creates an error.</summary>
    /// <param name="code">The stable code.</param>
    /// <param name="message">The message.</param>
    /// <param name="path">The path of the offending member.</param>
    /// <returns>The diagnostic.</returns>
    public static Diagnostic Error(string code, string message, string path = "") =>
        new() { Code = code, Severity = DiagnosticSeverity.Error, Message = message, Path = path };

    /// <summary>Creates a warning.</summary>
    /// <param name="code">The stable code.</param>
    /// <param name="message">The message.</param>
    /// <param name="path">The path of the offending member.</param>
    /// <returns>The diagnostic.</returns>
    public static Diagnostic Warning(string code, string message, string path = "") =>
        new() { Code = code, Severity = DiagnosticSeverity.Warning, Message = message, Path = path };

    /// <summary>Formats the diagnostic as <c>severity CODE path: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        var where = Path.Length == 0 ? "" : " " + Path;
        var line = Line is { } l ? $" (line {l})" : "";
        return $"{severity} {Code}{where}{line}: {Message}";
    }
}
