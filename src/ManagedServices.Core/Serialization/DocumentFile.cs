using System.Text.Json;
using ManagedServices.Json;

namespace ManagedServices.Serialization;

/// <summary>
/// Reads a whole-document input (a template, a parameters file, an offer document, a REST file, deny assignments) with
/// a size limit that holds whatever the source is: at most <see cref="MaxBytes"/> plus one byte is ever read, and the
/// length the file system reports is never trusted (devices such as <c>/dev/zero</c>, FIFOs and <c>/proc</c> files
/// report none or a wrong one).
/// </summary>
/// <remarks>
/// The text is decoded as <see cref="File.ReadAllText(string)"/> does (UTF-8 unless a byte order mark says otherwise;
/// invalid bytes become U+FFFD). Streamed inputs (the request lines of <c>check --requests</c>) are not whole
/// documents: they keep a limit per line instead. Opening a FIFO waits for its writer, as any reader of a FIFO does;
/// once open, the FIFO is read up to the limit.
/// </remarks>
public static class DocumentFile
{
    /// <summary>The largest document read: 4 MiB, ARM's template size limit and the JSON readers' limit.</summary>
    public const int MaxBytes = JsonTree.MaxBytes;

    private const int ChunkBytes = 64 * 1024;

    private static readonly JsonDocumentOptions DetectOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = JsonTree.MaxDepth };

    /// <summary>Reads a file.</summary>
    /// <param name="path">The path of the file.</param>
    /// <returns>
    /// The text; or, with no value, <see cref="DiagnosticCodes.InputUnreadable"/> when the file cannot be opened or read,
    /// or <see cref="DiagnosticCodes.JsonTooLarge"/> when it holds more than <see cref="MaxBytes"/> bytes. The path of
    /// the diagnostic is <paramref name="path"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static DiagnosticResult<string> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(path, MaxBytes);
    }

    /// <summary>Reads a whole stream (for example standard input), at most <see cref="MaxBytes"/> plus one byte of it.</summary>
    /// <param name="stream">The stream; it is read, not disposed.</param>
    /// <param name="name">The name of the input, used as the path of the diagnostics.</param>
    /// <returns>The text, or no value and a diagnostic as for <see cref="Read(string)"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DiagnosticResult<string> Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        return Read(stream, name, MaxBytes);
    }

    /// <summary>
    /// Guesses what a JSON document holds from its top-level shape, in this order: an array is
    /// <see cref="DocumentKind.RegistrationDefinitions"/>; an object with <c>schemaVersion</c> and <c>plans</c> is an
    /// <see cref="DocumentKind.Offer"/>; with <c>resources</c> or <c>$schema</c>, a <see cref="DocumentKind.Template"/>;
    /// a REST list (<c>value</c> holding an array) or a resource whose <c>type</c> starts with
    /// <c>Microsoft.ManagedServices/</c>, <see cref="DocumentKind.RegistrationDefinitions"/>. Anything else, and text
    /// that is not JSON (comments and trailing commas are allowed), is <see cref="DocumentKind.Unknown"/>.
    /// </summary>
    /// <remarks>
    /// The guess only picks the reader; the reader of that kind then checks the whole document and reports its errors,
    /// so a wrong guess never makes a document valid. Property names are matched case-sensitively, as the readers do.
    /// </remarks>
    /// <param name="json">The document text.</param>
    /// <returns>The kind; never throws on bad input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static DocumentKind DetectKind(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json, DetectOptions);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                // A plain array of resources, as the Azure CLI prints a list.
                return DocumentKind.RegistrationDefinitions;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return DocumentKind.Unknown;
            }

            if (root.TryGetProperty("schemaVersion", out _) && root.TryGetProperty("plans", out _))
            {
                return DocumentKind.Offer;
            }

            if (root.TryGetProperty("resources", out _) || root.TryGetProperty("$schema", out _))
            {
                return DocumentKind.Template;
            }

            // A REST list ({ "value": [...] }) or one resource as GET returns it.
            var isList = root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array;
            var isResource = root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String &&
                             type.GetString()!.StartsWith("Microsoft.ManagedServices/", StringComparison.OrdinalIgnoreCase);
            return isList || isResource ? DocumentKind.RegistrationDefinitions : DocumentKind.Unknown;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // InvalidOperationException: GetString of a 'type' with a lone surrogate escape.
            return DocumentKind.Unknown;
        }
    }

    internal static DiagnosticResult<string> Read(string path, int maxBytes)
    {
        try
        {
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite,
                BufferSize = 0,
                Options = FileOptions.SequentialScan,
            });
            return Read(stream, path, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            return Unreadable(path, e);
        }
    }

    internal static DiagnosticResult<string> Read(Stream stream, string name, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var limit = maxBytes + 1L;
        var buffer = new byte[(int)Math.Min(limit, ChunkBytes)];
        var total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total >= limit)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(limit, (long)buffer.Length * 2));
                }

                var read = stream.Read(buffer, total, buffer.Length - total);
                if (read <= 0)
                {
                    break;
                }

                total += read;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
            return Unreadable(name, e);
        }

        if (total > maxBytes)
        {
            return new(null, [Diagnostic.Error(DiagnosticCodes.JsonTooLarge,
                $"The input is larger than {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes; reading stopped there.", name)]);
        }

        using var reader = new StreamReader(new MemoryStream(buffer, 0, total, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return new(reader.ReadToEnd(), []);
    }

    private static DiagnosticResult<string> Unreadable(string name, Exception e) =>
        new(null, ImmutableArray.Create(Diagnostic.Error(DiagnosticCodes.InputUnreadable, $"The input cannot be read: {e.Message}", name)));
}
