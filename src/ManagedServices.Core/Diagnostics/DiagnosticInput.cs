namespace ManagedServices;

/// <summary>
/// Where the diagnostics of one validation came from, and how the tool that reports them is named, for
/// <see cref="DiagnosticFormat"/>.
/// </summary>
public sealed record DiagnosticInput
{
    /// <summary>
    /// The input's path as the user named it (relative paths are written as relative URIs with
    /// <see cref="UriBaseId"/>, absolute ones as <c>file:</c> URIs), or <see langword="null"/> for standard input.
    /// </summary>
    public string? File { get; init; }

    /// <summary>
    /// The template's parameters file, when there was one: diagnostics whose path starts with
    /// <see cref="ParametersPathPrefix"/> are reported in this file.
    /// </summary>
    public string? ParametersFile { get; init; }

    /// <summary>The SARIF <c>uriBaseId</c> of relative paths (default <c>SRCROOT</c>, the repository or working folder).</summary>
    public string UriBaseId { get; init; } = "SRCROOT";

    /// <summary>
    /// What <see cref="UriBaseId"/> stands for, as an absolute URI ending in <c>/</c> (for example the working folder),
    /// written as the run's <c>originalUriBaseIds</c>; <see langword="null"/> leaves it to the consumer of the log.
    /// </summary>
    public string? BaseUri { get; init; }

    /// <summary>The tool's name in SARIF's <c>tool.driver.name</c> (default <c>ManagedServices.Core</c>).</summary>
    public string ToolName { get; init; } = "ManagedServices.Core";

    /// <summary>The tool's version (default: this library's informational version).</summary>
    public string? ToolVersion { get; init; }

    /// <summary>Where to learn about the tool (SARIF's <c>informationUri</c>).</summary>
    public string InformationUri { get; init; } = DiagnosticFormat.ProjectUri;

    /// <summary>The prefix of the paths of diagnostics found in a template's parameters file (<c>parameters:$.parameters.x.value</c>).</summary>
    public const string ParametersPathPrefix = "parameters:";

    /// <summary>
    /// The file a diagnostic was found in: <see cref="ParametersFile"/> when its path starts with
    /// <see cref="ParametersPathPrefix"/> and there is a parameters file, <see cref="File"/> otherwise.
    /// </summary>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <returns>The file, or <see langword="null"/> for standard input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="diagnostic"/> is null.</exception>
    public string? FileOf(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return IsInParameters(diagnostic) ? ParametersFile : File;
    }

    /// <summary>The diagnostic's path inside <see cref="FileOf"/> (without <see cref="ParametersPathPrefix"/>).</summary>
    internal string PathIn(Diagnostic diagnostic) =>
        IsInParameters(diagnostic) ? diagnostic.Path[ParametersPathPrefix.Length..] : diagnostic.Path;

    private bool IsInParameters(Diagnostic diagnostic) =>
        ParametersFile is not null && diagnostic.Path.StartsWith(ParametersPathPrefix, StringComparison.Ordinal);
}
