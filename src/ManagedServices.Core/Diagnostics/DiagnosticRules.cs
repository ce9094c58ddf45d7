namespace ManagedServices;

/// <summary>
/// The diagnostics catalogue: one <see cref="DiagnosticRule"/> per code of <see cref="DiagnosticCodes"/>, with a title,
/// a help text and the default severity, generated (<c>Create</c>) from <c>Diagnostics/DiagnosticCatalog.txt</c>. Output formats that describe their rules (SARIF) take them from here; the help texts speak of the
/// command line's options and of the documents' members, never of this library's types.
/// </summary>
public static partial class DiagnosticRules
{
    private static readonly FrozenDictionary<string, DiagnosticRule> ByCode;

    static DiagnosticRules()
    {
        All = [.. Create().OrderBy(static r => r.Code, StringComparer.Ordinal)];
        ByCode = All.ToFrozenDictionary(static r => r.Code, StringComparer.Ordinal);
    }

    /// <summary>Every rule, ordered by code.</summary>
    public static ImmutableArray<DiagnosticRule> All { get; }

    /// <summary>Finds the rule of a code.</summary>
    /// <param name="code">A diagnostic code, for example <c>MSC1001</c>.</param>
    /// <returns>The rule, or <see langword="null"/> when the code is not in the catalogue.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    public static DiagnosticRule? Find(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return ByCode.GetValueOrDefault(code);
    }
}
