using ManagedServices.Access;

namespace ManagedServices.Serialization;

/// <summary>
/// One non-blank line of an access-request stream (<see cref="AccessRequestLines"/>): the request it holds, or why it
/// holds none.
/// </summary>
public sealed record AccessRequestLine
{
    /// <summary>The line's number in the stream, from 1 (blank lines count).</summary>
    public required long LineNumber { get; init; }

    /// <summary>
    /// The line's <c>id</c> (a string, or a number as written), or <see langword="null"/> when it has none or it could
    /// not be read. Always valid UTF-16 (a lone surrogate becomes U+FFFD), so it can be written back as JSON.
    /// </summary>
    public string? Id { get; init; }

    /// <summary>The request; <see langword="default"/> when <see cref="Error"/> is set.</summary>
    public AccessRequest Request { get; init; }

    /// <summary>
    /// Why the line is not a request (<see cref="DiagnosticCodes.MalformedAccessRequest"/>, with the line number as
    /// <see cref="Diagnostic.Line"/> when it fits), or <see langword="null"/> for a request. Its message is valid
    /// UTF-16 and does not repeat the line number.
    /// </summary>
    public Diagnostic? Error { get; init; }
}
