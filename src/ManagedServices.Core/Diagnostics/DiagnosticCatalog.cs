namespace ManagedServices;

/// <summary>
/// The diagnostics catalogue: one default severity per code of <see cref="DiagnosticCodes"/>, the few documented places
/// that raise a code with another severity, and the retired codes (never reused). <c>DefaultSeverities</c>,
/// <c>Exceptions</c> and <c>Retired</c> are generated from <c>Diagnostics/DiagnosticCatalog.txt</c>, the one place a code,
/// its severity, its summary, title and help are written. <c>docs/diagnostics.md</c> shows the
/// same severities; <c>DiagnosticsCatalogTests</c> checks that every code has an entry here, that the page agrees, that
/// every place in the library that raises a code uses its default severity (or is listed in <see cref="Exceptions"/>),
/// and that every code is exercised by a test.
/// </summary>
internal static partial class DiagnosticCatalog
{
    /// <summary>The default severity of <paramref name="code"/>, or null for a code not in the catalogue.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The severity.</returns>
    internal static DiagnosticSeverity? DefaultSeverity(string code) =>
        DefaultSeverities.TryGetValue(code, out var severity) ? severity : null;

    /// <summary>A documented place that raises <see cref="Code"/> with another severity than its default.</summary>
    /// <param name="Code">The code.</param>
    /// <param name="Severity">The severity raised there.</param>
    /// <param name="File">The source file (name only).</param>
    /// <param name="Why">The reason, as documented in <c>docs/diagnostics.md</c>.</param>
    internal sealed record SeverityException(string Code, DiagnosticSeverity Severity, string File, string Why);
}
