using System.Reflection;
using System.Text.Json;

namespace ManagedServices;

/// <summary>
/// Diagnostics as the formats build pipelines read: SARIF 2.1.0 (code scanning, editors) and MSBuild's canonical
/// error format (<c>file(line,col): error CODE: message</c>, which Azure Pipelines and GitHub Actions turn into
/// annotations). Rules, titles and help texts come from <see cref="DiagnosticRules"/>.
/// </summary>
/// <remarks>
/// Lines and columns are 1-based; columns count UTF-16 code units (SARIF's default <c>columnKind</c>). A diagnostic
/// without a line has a location with the file only, plus its JSON or model path as a logical location.
/// </remarks>
public static class DiagnosticFormat
{
    /// <summary>The project's home page.</summary>
    internal const string ProjectUri = "https://github.com/managedservices-core/ManagedServices.Core";

    private const string HelpUri = ProjectUri + "/blob/main/docs/diagnostics.md";

    private const string SarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /// <summary>Writes a SARIF 2.1.0 log with one run: the tool, one rule per code reported, one result per diagnostic.</summary>
    /// <param name="diagnostics">The diagnostics, in the order found.</param>
    /// <param name="source">The input and the tool.</param>
    /// <returns>The SARIF document (indented JSON, with a final newline).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string ToSarif(IEnumerable<Diagnostic> diagnostics, DiagnosticInput source)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(source);
        var list = diagnostics.ToImmutableArray();
        var codes = list.Select(static d => d.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        var ruleIndex = codes.Select(static (c, i) => (c, i)).ToDictionary(static x => x.c, static x => x.i, StringComparer.Ordinal);
        return JsonWriting.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("$schema", SarifSchema);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", source.ToolName);
            w.WriteString("version", source.ToolVersion ?? LibraryVersion);
            w.WriteString("informationUri", source.InformationUri);
            w.WriteStartArray("rules");
            foreach (var code in codes)
            {
                WriteRule(w, code);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            if (source.BaseUri is { } baseUri)
            {
                w.WriteStartObject("originalUriBaseIds");
                w.WriteStartObject(source.UriBaseId);
                w.WriteString("uri", baseUri);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteString("columnKind", "utf16CodeUnits");
            w.WriteStartArray("results");
            foreach (var d in list)
            {
                WriteResult(w, d, ruleIndex[d.Code], source);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }) + "\n";
    }

    /// <summary>
    /// Writes the errors and warnings in MSBuild's canonical format, one a line:
    /// <c>file(line,col): error MSC1001: message</c>. Informational diagnostics are left out.
    /// </summary>
    /// <param name="diagnostics">The diagnostics.</param>
    /// <param name="source">The input (the tool's name is not used).</param>
    /// <returns>The lines, each ending in <c>\n</c>; empty when there is no error or warning.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string ToMsBuild(IEnumerable<Diagnostic> diagnostics, DiagnosticInput source)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        ArgumentNullException.ThrowIfNull(source);
        var sb = new StringBuilder();
        foreach (var d in diagnostics)
        {
            if (d.Severity == DiagnosticSeverity.Info)
            {
                continue;
            }

            var (file, path) = Locate(d, source);
            sb.Append(file ?? "stdin");
            if (d.Line is { } line)
            {
                sb.Append('(').Append(line.ToString(CultureInfo.InvariantCulture));
                if (d.Column is { } column)
                {
                    sb.Append(',').Append(column.ToString(CultureInfo.InvariantCulture));
                }

                sb.Append(')');
            }

            sb.Append(": ").Append(d.Severity == DiagnosticSeverity.Error ? "error" : "warning")
                .Append(' ').Append(d.Code).Append(": ").Append(OneLine(d.Message));
            if (path.Length > 0)
            {
                sb.Append(" [").Append(OneLine(path)).Append(']');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The SARIF level of a severity: <c>error</c>, <c>warning</c>, or <c>note</c> for information.</summary>
    internal static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    /// <summary>
    /// A path as a URI reference: a relative path becomes a relative reference with <c>/</c> separators and each segment
    /// percent-encoded; an absolute path becomes a <c>file:</c> URI.
    /// </summary>
    internal static (string Uri, bool Relative) ToUri(string path)
    {
        if (System.IO.Path.IsPathFullyQualified(path))
        {
            return (new Uri(path).AbsoluteUri, false);
        }

        var segments = path.Replace('\\', '/').Split('/');
        return (string.Join('/', segments.Select(static s => s is "." or ".." ? s : Uri.EscapeDataString(s))), true);
    }

    private static string LibraryVersion =>
        typeof(DiagnosticFormat).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The file a diagnostic is in (the parameters file for parameters paths) and its path inside that file.</summary>
    private static (string? File, string Path) Locate(Diagnostic d, DiagnosticInput source) => (source.FileOf(d), source.PathIn(d));

    private static string OneLine(string text) =>
        text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)
            ? text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ')
            : text;

    private static void WriteRule(Utf8JsonWriter w, string code)
    {
        var rule = DiagnosticRules.Find(code);
        w.WriteStartObject();
        w.WriteString("id", code);
        if (rule is not null)
        {
            w.WriteString("name", rule.Name);
            w.WriteStartObject("shortDescription");
            w.WriteString("text", rule.Title);
            w.WriteEndObject();
            w.WriteStartObject("help");
            w.WriteString("text", rule.Help);
            w.WriteEndObject();
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", Level(rule.DefaultSeverity));
            w.WriteEndObject();
        }

        w.WriteString("helpUri", HelpUri);
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, Diagnostic d, int ruleIndex, DiagnosticInput source)
    {
        var (file, path) = Locate(d, source);
        w.WriteStartObject();
        w.WriteString("ruleId", d.Code);
        w.WriteNumber("ruleIndex", ruleIndex);
        w.WriteString("level", Level(d.Severity));
        w.WriteStartObject("message");
        w.WriteString("text", d.Message);
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        if (file is null)
        {
            w.WriteStartObject("description");
            w.WriteString("text", "standard input");
            w.WriteEndObject();
        }
        else
        {
            var (uri, relative) = ToUri(file);
            w.WriteString("uri", uri);
            if (relative)
            {
                w.WriteString("uriBaseId", source.UriBaseId);
            }
        }

        w.WriteEndObject();
        if (d.Line is { } line and > 0)
        {
            w.WriteStartObject("region");
            w.WriteNumber("startLine", line);
            if (d.Column is { } column and > 0)
            {
                w.WriteNumber("startColumn", column);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        if (path.Length > 0)
        {
            w.WriteStartArray("logicalLocations");
            w.WriteStartObject();
            w.WriteString("fullyQualifiedName", path);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndArray();
        if (d.Help is { } help)
        {
            w.WriteStartObject("properties");
            w.WriteString("help", help);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
