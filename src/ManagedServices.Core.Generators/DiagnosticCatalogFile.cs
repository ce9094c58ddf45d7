using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ManagedServices.Generators;

/// <summary>
/// Reads <c>src/ManagedServices.Core/Diagnostics/DiagnosticCatalog.txt</c>, the one place a diagnostic code is
/// written (its header explains the format), and checks it: a malformed block, a duplicate code or name, a retired
/// number in use, an unknown severity, a summary whose "Error:"/"Warning:"/"Info:" prefix contradicts the severity, or
/// an exception for a code not in the file is an error with the file and line. Nothing is generated from a file with
/// an error, so the build fails closed.
/// </summary>
internal static partial class DiagnosticCatalogFile
{
    /// <summary>The severities of <c>ManagedServices.DiagnosticSeverity</c>.</summary>
    internal static readonly string[] Severities = ["Error", "Warning", "Info"];

    internal static readonly DiagnosticDescriptor Malformed = Descriptor("MSGEN001", "Malformed diagnostics catalogue entry", "{0}");
    internal static readonly DiagnosticDescriptor DuplicateCode = Descriptor("MSGEN002", "Duplicate diagnostic code", "{0} is already used by {1} (line {2}): one code per fault");
    internal static readonly DiagnosticDescriptor DuplicateName = Descriptor("MSGEN003", "Duplicate diagnostic name", "The name {0} is already used by {1} (line {2})");
    internal static readonly DiagnosticDescriptor RetiredReused = Descriptor("MSGEN004", "Retired diagnostic code reused", "{0} is retired (line {1}): a retired number is never used again; take a new one");
    internal static readonly DiagnosticDescriptor UnknownSeverity = Descriptor("MSGEN005", "Unknown diagnostic severity", "'{0}' is not a severity: use Error, Warning or Info");

    /// <summary>A code of the catalogue.</summary>
    internal sealed record Code(string Id, string Name, string Severity, string Group, ImmutableArray<string> Summary, string Title, string Help);

    /// <summary>A group of codes: one part of <c>DiagnosticCodes</c>, with its own summary (none for the first).</summary>
    internal sealed record Group(string Name, ImmutableArray<string> Summary);

    /// <summary>A code raised with another severity in one source file, and why.</summary>
    internal sealed record SeverityException(string Code, string Severity, string File, string Why);

    /// <summary>A retired code, and why.</summary>
    internal sealed record Retired(string Code, string Why);

    /// <summary>The parsed file; <see cref="Diagnostics"/> is not empty when it has an error.</summary>
    internal sealed record Catalog(
        ImmutableArray<Group> Groups, ImmutableArray<Code> Codes, ImmutableArray<Retired> RetiredCodes,
        ImmutableArray<SeverityException> Exceptions, ImmutableArray<Diagnostic> Diagnostics);

    /// <summary>Reads and checks a catalogue.</summary>
    /// <param name="path">The file's path (for diagnostics).</param>
    /// <param name="text">The file's text.</param>
    public static Catalog Parse(string path, SourceText text)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var groups = ImmutableArray.CreateBuilder<Group>();
        var codes = new List<(Code Code, int Line)>();
        var retired = new List<(Retired Retired, int Line)>();
        var exceptions = new List<(SeverityException Exception, int Line)>();

        foreach (var block in Blocks(text))
        {
            void Report(DiagnosticDescriptor descriptor, int line, params object[] args) =>
                diagnostics.Add(Diagnostic.Create(descriptor, At(path, text, line), args));

            var head = block.Lines[0].Text.Split(' ');
            var fields = Fields(block, Report);
            if (fields is null)
            {
                continue;
            }

            bool Expect(params string[] names)
            {
                var missing = names.Where(n => !fields.ContainsKey(n)).ToList();
                var unknown = fields.Keys.Where(k => !names.Contains(k)).ToList();
                if (missing.Count > 0 || unknown.Count > 0)
                {
                    Report(Malformed, block.Lines[0].Number, $"'{head[0]}' takes the fields {string.Join(", ", names)}" +
                        (missing.Count > 0 ? $"; missing: {string.Join(", ", missing)}" : "") +
                        (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : ""));
                    return false;
                }

                return true;
            }

            if (head[0] == "group" && head.Length == 2 && IsName(head[1]))
            {
                if (fields.Count == 0 || Expect("summary"))
                {
                    groups.Add(new Group(head[1], fields.TryGetValue("summary", out var s) ? s.Lines : []));
                }
            }
            else if (head.Length == 3 && IsCode(head[0]) && IsName(head[1]))
            {
                if (groups.Count == 0)
                {
                    Report(Malformed, block.Lines[0].Number, "A code comes after a 'group' line that names its part of DiagnosticCodes");
                }
                else if (!Severities.Contains(head[2]))
                {
                    Report(UnknownSeverity, block.Lines[0].Number, head[2]);
                }
                else if (Expect("summary", "title", "help"))
                {
                    var summary = fields["summary"];
                    var said = Severities.FirstOrDefault(s => summary.Lines[0].StartsWith(s + ":", StringComparison.Ordinal));
                    if (said is not null && said != head[2])
                    {
                        Report(Malformed, summary.Line, $"The summary of {head[0]} says {said} but its severity is {head[2]}");
                    }

                    codes.Add((new Code(head[0], head[1], head[2], groups[groups.Count - 1].Name, summary.Lines, fields["title"].Joined, fields["help"].Joined), block.Lines[0].Number));
                }
            }
            else if (head[0] == "retired" && head.Length == 2 && IsCode(head[1]))
            {
                if (Expect("why"))
                {
                    retired.Add((new Retired(head[1], fields["why"].Joined), block.Lines[0].Number));
                }
            }
            else if (head[0] == "exception" && head.Length == 4 && IsCode(head[1]) && head[3].EndsWith(".cs", StringComparison.Ordinal))
            {
                if (!Severities.Contains(head[2]))
                {
                    Report(UnknownSeverity, block.Lines[0].Number, head[2]);
                }
                else if (Expect("why"))
                {
                    exceptions.Add((new SeverityException(head[1], head[2], head[3], fields["why"].Joined), block.Lines[0].Number));
                }
            }
            else
            {
                Report(Malformed, block.Lines[0].Number,
                    $"'{block.Lines[0].Text}' is not a block header: 'group <Name>', '<MSCnnnn> <Name> <Error|Warning|Info>', 'retired <MSCnnnn>' or 'exception <MSCnnnn> <Severity> <File.cs>'");
            }
        }

        foreach (var dup in codes.GroupBy(c => c.Code.Id).Where(g => g.Count() > 1))
        {
            var first = dup.First();
            foreach (var (code, line) in dup.Skip(1))
            {
                diagnostics.Add(Diagnostic.Create(DuplicateCode, At(path, text, line), code.Id, first.Code.Name, first.Line));
            }
        }

        foreach (var dup in codes.GroupBy(c => c.Code.Name).Where(g => g.Count() > 1))
        {
            var first = dup.First();
            foreach (var (code, line) in dup.Skip(1))
            {
                diagnostics.Add(Diagnostic.Create(DuplicateName, At(path, text, line), code.Name, first.Code.Id, first.Line));
            }
        }

        foreach (var (code, line) in codes)
        {
            if (retired.FirstOrDefault(r => r.Retired.Code == code.Id) is { Retired: not null } r)
            {
                diagnostics.Add(Diagnostic.Create(RetiredReused, At(path, text, line), code.Id, r.Line));
            }
        }

        foreach (var (exception, line) in exceptions)
        {
            if (codes.FirstOrDefault(c => c.Code.Id == exception.Code).Code is not { } code)
            {
                diagnostics.Add(Diagnostic.Create(Malformed, At(path, text, line), $"The exception names {exception.Code}, which is not a code of the catalogue"));
            }
            else if (code.Severity == exception.Severity)
            {
                diagnostics.Add(Diagnostic.Create(Malformed, At(path, text, line), $"The exception raises {exception.Code} with its default severity {code.Severity}: it is no exception"));
            }
        }

        foreach (var dup in retired.GroupBy(r => r.Retired.Code).Where(g => g.Count() > 1))
        {
            diagnostics.Add(Diagnostic.Create(Malformed, At(path, text, dup.Last().Line), $"{dup.Key} is retired twice"));
        }

        return new Catalog(groups.ToImmutable(), [.. codes.Select(c => c.Code)], [.. retired.Select(r => r.Retired)], [.. exceptions.Select(e => e.Exception)], diagnostics.ToImmutable());
    }

    /// <summary>A field's lines (continuations kept apart, for XML docs) and its first line number.</summary>
    internal sealed record Field(ImmutableArray<string> Lines, int Line)
    {
        /// <summary>The lines joined by spaces (titles, help texts, reasons).</summary>
        public string Joined => string.Join(" ", Lines);
    }

    private sealed record Line(int Number, string Text);

    private sealed record Block(ImmutableArray<Line> Lines);

    /// <summary>The blocks of the file: runs of non-blank lines, comment lines (<c>#</c>) dropped.</summary>
    private static IEnumerable<Block> Blocks(SourceText text)
    {
        var lines = new List<Line>();
        foreach (var line in text.Lines)
        {
            var s = line.ToString().TrimEnd();
            if (s.StartsWith('#'))
            {
                continue;
            }

            if (s.Length == 0)
            {
                if (lines.Count > 0)
                {
                    yield return new Block([.. lines]);
                    lines.Clear();
                }

                continue;
            }

            lines.Add(new Line(line.LineNumber, s));
        }

        if (lines.Count > 0)
        {
            yield return new Block([.. lines]);
        }
    }

    /// <summary>The <c>name: value</c> fields after a block's header; a line indented by two spaces continues the field above.</summary>
    private static Dictionary<string, Field>? Fields(Block block, Action<DiagnosticDescriptor, int, object[]> report)
    {
        var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in block.Lines.Skip(1))
        {
            if (line.Text.StartsWith("  ", StringComparison.Ordinal) && current is not null)
            {
                fields[current] = fields[current] with { Lines = fields[current].Lines.Add(line.Text.Trim()) };
                continue;
            }

            var match = FieldLine().Match(line.Text);
            if (!match.Success)
            {
                report(Malformed, line.Number, [$"'{line.Text}' is neither 'name: value' nor a continuation (two spaces, after a field)"]);
                return null;
            }

            current = match.Groups["name"].Value;
            if (fields.ContainsKey(current))
            {
                report(Malformed, line.Number, [$"The field '{current}' is given twice"]);
                return null;
            }

            fields[current] = new Field([match.Groups["value"].Value], line.Number);
        }

        return fields;
    }

    private static bool IsCode(string s) => CodePattern().IsMatch(s);

    private static bool IsName(string s) => NamePattern().IsMatch(s);

    private static Location At(string path, SourceText text, int line)
    {
        var span = text.Lines[line].Span;
        return Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
    }

    private static DiagnosticDescriptor Descriptor(string id, string title, string message) =>
        new(id, title, message, "ManagedServices.DiagnosticsCatalogue", DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "src/ManagedServices.Core/Diagnostics/DiagnosticCatalog.txt explains its format in its header.");

    [GeneratedRegex(@"^MSC[0-9]{4}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(?<name>[a-z]+): (?<value>\S.*)$")]
    private static partial Regex FieldLine();
}
