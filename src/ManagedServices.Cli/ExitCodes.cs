namespace ManagedServices.Cli;

/// <summary>The documented exit codes (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success; for <c>validate</c>: no error diagnostics.</summary>
    public const int Success = 0;

    /// <summary>Invalid input (an unreadable or malformed file) or validation errors.</summary>
    public const int InvalidInput = 1;

    /// <summary>Usage error: unknown command or option, missing or conflicting options.</summary>
    public const int UsageError = 2;
}

/// <summary>A usage error found after parsing (for example two options that exclude each other).</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>An input file that cannot be read or understood; reported on standard error with exit code 1.</summary>
internal sealed class InputException(string message) : Exception(message);
