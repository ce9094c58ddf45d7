namespace ManagedServices;

/// <summary>Thrown by throwing conveniences (such as <c>Build()</c>) when an operation produced errors.</summary>
public sealed class DiagnosticsException : Exception
{
    /// <summary>Creates the exception from the diagnostics that caused it.</summary>
    /// <param name="diagnostics">The diagnostics.</param>
    public DiagnosticsException(ImmutableArray<Diagnostic> diagnostics)
        : base(FormatMessage(diagnostics))
    {
        Diagnostics = diagnostics.OrEmpty();
    }

    /// <summary>Creates the exception with a message and no diagnostics.</summary>
    public DiagnosticsException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message and no diagnostics.</summary>
    /// <param name="message">The message.</param>
    public DiagnosticsException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception with a message, an inner exception and no diagnostics.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DiagnosticsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    /// <summary>All diagnostics of the failed operation (errors and warnings).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    private static string FormatMessage(ImmutableArray<Diagnostic> diagnostics)
    {
        if (diagnostics.IsDefaultOrEmpty)
        {
            return "The operation failed.";
        }

        var errors = diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        return $"The operation failed with {errors.Count} error(s):" + Environment.NewLine +
               string.Join(Environment.NewLine, errors.Select(static d => "  " + d));
    }
}
