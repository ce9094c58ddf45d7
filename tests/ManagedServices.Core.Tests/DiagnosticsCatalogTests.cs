using System.Reflection;
using System.Text.RegularExpressions;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests;

/// <summary>
/// The diagnostics catalogue: every code is documented in docs/diagnostics.md with its default severity, no two rules
/// share a code, no retired number is reused, every place that raises a code uses its default severity (or is a
/// documented exception), and every code is exercised by at least one test.
/// </summary>
public partial class DiagnosticsCatalogTests
{
    private static IReadOnlyList<(string Name, string Code)> Codes() =>
        [.. typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!))];

    private static string DocsPage() => File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics.md"));

    /// <summary>The Severity column of docs/diagnostics.md, by code.</summary>
    private static Dictionary<string, string> DocumentedSeverities() =>
        DocsRow().Matches(DocsPage()).ToDictionary(m => m.Groups["code"].Value, m => m.Groups["severity"].Value.Trim(), StringComparer.Ordinal);

    [Fact]
    public void DiagnosticCodes_AreAllDocumented()
    {
        var page = DocsPage();
        var codes = Codes();
        Assert.NotEmpty(codes);

        var missing = codes.Where(c => !page.Contains($"`{c.Code}`", StringComparison.Ordinal)).Select(c => $"{c.Name} = {c.Code}").ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void DiagnosticCodes_AreUniqueAndWellFormed()
    {
        var codes = Codes();

        Assert.All(codes, c => Assert.Matches("^MSC[0-9]{4}$", c.Code));
        var duplicates = codes.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => c.Name))}").ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void EveryCode_HasOneDefaultSeverityInTheCatalogue()
    {
        var codes = Codes();

        var missing = codes.Where(c => DiagnosticCatalog.DefaultSeverity(c.Code) is null).Select(c => $"{c.Name} = {c.Code}").ToList();
        var stale = DiagnosticCatalog.DefaultSeverities.Keys.Where(k => codes.All(c => c.Code != k)).ToList();

        Assert.True(missing.Count == 0, "Add a default severity to DiagnosticCatalog.DefaultSeverities for: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "DiagnosticCatalog lists codes that DiagnosticCodes no longer has: " + string.Join(", ", stale));
    }

    [Fact]
    public void RetiredCodes_AreNeverReused_AndDocumentedAsRetired()
    {
        var documented = DocumentedSeverities();

        var reused = Codes().Where(c => DiagnosticCatalog.Retired.Contains(c.Code)).Select(c => $"{c.Name} = {c.Code}").ToList();
        var notDocumented = DiagnosticCatalog.Retired.Where(r => !documented.TryGetValue(r, out var s) || s != "Retired").Order(StringComparer.Ordinal).ToList();
        var documentedOnly = documented.Where(d => d.Value == "Retired" && !DiagnosticCatalog.Retired.Contains(d.Key)).Select(d => d.Key).ToList();

        Assert.True(reused.Count == 0, "Retired numbers reused: " + string.Join(", ", reused));
        Assert.True(notDocumented.Count == 0, "Give each retired code a row with severity 'Retired' in docs/diagnostics.md: " + string.Join(", ", notDocumented));
        Assert.True(documentedOnly.Count == 0, "Retired in docs/diagnostics.md but not in DiagnosticCatalog.Retired: " + string.Join(", ", documentedOnly));
    }

    [Fact]
    public void DocumentedSeverity_IsTheCataloguesDefault_AndNamesEveryException()
    {
        var documented = DocumentedSeverities();
        var wrong = new List<string>();
        foreach (var (name, code) in Codes())
        {
            if (DiagnosticCatalog.DefaultSeverity(code) is not { } severity || !documented.TryGetValue(code, out var text))
            {
                continue; // reported by the tests above
            }

            var exceptions = DiagnosticCatalog.Exceptions.Where(e => e.Code == code).ToList();
            var ok = exceptions.Count == 0
                ? text == severity.ToString()
                : text.StartsWith(severity.ToString(), StringComparison.Ordinal) && exceptions.All(e => text.Contains(e.Severity.ToString(), StringComparison.Ordinal));
            if (!ok)
            {
                wrong.Add($"{code} ({name}): docs say '{text}', the catalogue says {severity}" +
                          string.Concat(exceptions.Select(e => $" (and {e.Severity} in {e.File})")));
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void EveryPlaceThatRaisesACode_UsesItsDefaultSeverity()
    {
        var raised = RaisedDiagnostics();
        Assert.True(raised.Count > 100, $"The source scan found only {raised.Count} places that raise a diagnostic; it is broken.");

        var wrong = raised
            .Where(r => DiagnosticCatalog.DefaultSeverity(r.Code) is { } d && d != r.Severity &&
                        !DiagnosticCatalog.Exceptions.Any(e => e.Code == r.Code && e.Severity == r.Severity && e.File == Path.GetFileName(r.File)))
            .Select(r => $"{r.File}:{r.Line}: {r.Name} ({r.Code}) raised as {r.Severity}, its default is {DiagnosticCatalog.DefaultSeverity(r.Code)}")
            .ToList();
        var unused = DiagnosticCatalog.Exceptions
            .Where(e => !raised.Any(r => r.Code == e.Code && r.Severity == e.Severity && Path.GetFileName(r.File) == e.File))
            .Select(e => $"{e.Code} as {e.Severity} in {e.File}")
            .ToList();

        Assert.True(wrong.Count == 0, "Raise each code with its default severity (DiagnosticCatalog), or document the exception:" + Environment.NewLine + string.Join(Environment.NewLine, wrong));
        Assert.True(unused.Count == 0, "DiagnosticCatalog.Exceptions lists places that no longer exist: " + string.Join(", ", unused));
    }

    [Fact]
    public void SourceScan_SeesSeverityOverridesAndHelpers()
    {
        // The scan itself, on text whose answer is known: a `with { Severity = ... }` override wins, a helper that
        // takes `string code` and raises an error counts as an error, and ';' inside a message does not end the statement.
        const string source = """
            class X
            {
                void A() => Add(Diagnostic.Warning(DiagnosticCodes.JsonMalformed, "one; two", at) with { Severity = DiagnosticSeverity.Info });
                void B() => Add(Diagnostic.Error(DiagnosticCodes.JsonTooLarge, "x"));
                static Failure Fail(string code, string message) => new(Diagnostic.Error(code, message));
                void C() => throw Fail(DiagnosticCodes.InvalidGuid, "x; y");
                void D() { if (d.Code == DiagnosticCodes.InvalidScope) { } }
            }
            """;

        var found = Scan("X.cs", source).Select(r => $"{r.Name}:{r.Severity}").ToList();

        Assert.Equal(["JsonMalformed:Info", "JsonTooLarge:Error", "InvalidGuid:Error"], found);
    }

    [Fact]
    public void EveryCode_IsExercisedByATest()
    {
        var tests = Path.Combine(RepoPaths.Root, "tests");
        var self = Path.GetFileName(typeof(DiagnosticsCatalogTests).Name) + ".cs";
        var text = string.Join("\n", Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        Path.GetFileName(f) != self)
            .Select(File.ReadAllText));

        var untested = Codes()
            .Where(c => !Regex.IsMatch(text, $@"\bDiagnosticCodes\.{c.Name}\b") && !text.Contains(c.Code, StringComparison.Ordinal))
            .Select(c => $"{c.Code} ({c.Name})")
            .ToList();

        Assert.True(untested.Count == 0, "No test exercises these codes (assert on DiagnosticCodes.<Name> or the code in a test): " + string.Join(", ", untested));
    }

    private static List<Raised> RaisedDiagnostics()
    {
        var core = Path.Combine(RepoPaths.Root, "src", "ManagedServices.Core");
        return [.. Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("DiagnosticCodes", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Scan(Path.GetRelativePath(core, f), File.ReadAllText(f)))];
    }

    /// <summary>
    /// Finds every place in <paramref name="source"/> that raises a diagnostic with a constant of
    /// <see cref="DiagnosticCodes"/>: through <c>Diagnostic.Error</c>/<c>Diagnostic.Warning</c>, a helper that takes
    /// <c>string code</c> and passes it to one of them, or an initializer or <c>with</c> that sets <c>Severity</c>.
    /// </summary>
    private static IEnumerable<Raised> Scan(string file, string source)
    {
        var text = Blank(source);
        var helpers = new Dictionary<string, DiagnosticSeverity>(StringComparer.Ordinal);
        foreach (Match m in HelperDeclaration().Matches(text))
        {
            var body = text.Substring(m.Index + m.Length, Math.Min(800, text.Length - m.Index - m.Length));
            if (CodeRaise().Match(body) is { Success: true } raise)
            {
                helpers[m.Groups["name"].Value] = Enum.Parse<DiagnosticSeverity>(raise.Groups["severity"].Value);
            }
        }

        var raiser = new Regex(@"Diagnostic\.(?<severity>Error|Warning)\(" +
                               (helpers.Count == 0 ? "" : @"|\b(?<helper>" + string.Join("|", helpers.Keys) + @")\("));
        foreach (Match m in CodeUse().Matches(text))
        {
            var start = Math.Max(text.LastIndexOf(';', m.Index), Math.Max(text.LastIndexOf('{', m.Index), text.LastIndexOf('}', m.Index))) + 1;
            var end = text.IndexOf(';', m.Index);
            end = end < 0 ? text.Length : end;
            DiagnosticSeverity? severity = null;
            if (raiser.Matches(text[start..m.Index]) is { Count: > 0 } calls)
            {
                var call = calls[^1];
                severity = call.Groups["helper"].Success ? helpers[call.Groups["helper"].Value] : Enum.Parse<DiagnosticSeverity>(call.Groups["severity"].Value);
            }

            if (SeverityAssignment().Match(text[m.Index..end]) is { Success: true } set)
            {
                severity = Enum.Parse<DiagnosticSeverity>(set.Groups["severity"].Value);
            }

            if (severity is { } s && typeof(DiagnosticCodes).GetField(m.Groups["name"].Value)?.GetRawConstantValue() is string code)
            {
                yield return new Raised(file, source.AsSpan(0, m.Index).Count('\n') + 1, m.Groups["name"].Value, code, s);
            }
        }
    }

    /// <summary>The source with comments and the contents of string literals replaced by spaces (same length, same lines).</summary>
    private static string Blank(string source) =>
        CommentOrString().Replace(source, m => m.Value.StartsWith('/')
            ? new string(' ', m.Length)
            : m.Value[0] + new string(' ', m.Length - 2) + m.Value[^1]);

    [GeneratedRegex(@"^\| `(?<code>MSC\d{4})` \| (?<severity>[^|]+)\|", RegexOptions.Multiline)]
    private static partial Regex DocsRow();

    [GeneratedRegex(@"\b(?<name>\w+)\((?<args>[^)]*\bstring code\b[^)]*)\)")]
    private static partial Regex HelperDeclaration();

    [GeneratedRegex(@"Diagnostic\.(?<severity>Error|Warning)\(\s*code\b")]
    private static partial Regex CodeRaise();

    [GeneratedRegex(@"\bDiagnosticCodes\.(?<name>\w+)")]
    private static partial Regex CodeUse();

    [GeneratedRegex(@"\bSeverity\s*=\s*DiagnosticSeverity\.(?<severity>Error|Warning|Info)\b")]
    private static partial Regex SeverityAssignment();

    [GeneratedRegex(@"//[^\n]*|""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex CommentOrString();

    private sealed record Raised(string File, int Line, string Name, string Code, DiagnosticSeverity Severity);
}
