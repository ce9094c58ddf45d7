namespace ManagedServices.Cli;

/// <summary>
/// The process around a command: standard streams, whether standard error is a terminal (progress is shown only
/// then) and the clock. Tests pass their own to run the tool in-process.
/// </summary>
internal sealed class CliContext
{
    /// <summary>Opens standard input (read by <c>--requests -</c>).</summary>
    public required Func<TextReader> OpenStandardInput { get; init; }

    /// <summary>Standard output: results.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: errors and progress.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>True when standard error is a terminal: batch progress is printed every second.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>The clock (the default instant of <c>check --at</c>, progress timing).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The working directory relative paths are resolved against.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>
    /// Resolves a path given on the command line against <see cref="WorkingDirectory"/>, to <paramref name="use"/> it
    /// ("read", "write"): a path no file can have (empty, or with a NUL character) is invalid input (exit 1,
    /// <c>cannot read '…'</c>), never an unhandled exception.
    /// </summary>
    public string Resolve(string path, string use)
    {
        try
        {
            return Path.GetFullPath(path, WorkingDirectory);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"cannot {use} '{path}': {e.Message}");
        }
    }
}
