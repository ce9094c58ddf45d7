using System.CommandLine;

namespace ManagedServices.Cli;

/// <summary>The <c>--format</c> option shared by every command.</summary>
internal static class OutputFormat
{
    public const string Text = "text";
    public const string Json = "json";
    public const string Markdown = "markdown";
    public const string Sarif = "sarif";
    public const string MsBuild = "msbuild";

    public static Option<string> CreateOption() => CreateOption(markdown: false);

    /// <summary>The option; with <paramref name="markdown"/>, <c>markdown</c> (a report for a pull request or a customer) is accepted too.</summary>
    public static Option<string> CreateOption(bool markdown)
    {
        var option = new Option<string>("--format")
        {
            Description = markdown
                ? "Output format: text (human-readable, the default), json (for machines) or markdown (a report)."
                : "Output format: text (human-readable, the default) or json (for machines).",
            DefaultValueFactory = static _ => Text,
            HelpName = markdown ? "text|json|markdown" : "text|json",
        };
        option.AcceptOnlyFromAmong(markdown ? [Text, Json, Markdown] : [Text, Json]);
        return option;
    }

    /// <summary>The option with the formats of diagnostics: text, json, sarif (SARIF 2.1.0) and msbuild (<c>file(line,col): error CODE: message</c>).</summary>
    public static Option<string> CreateDiagnosticsOption()
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format: text (human-readable, the default), json (for machines), sarif (SARIF 2.1.0, for code scanning) or msbuild (file(line,col): error CODE: message, errors and warnings only, for pipeline annotations).",
            DefaultValueFactory = static _ => Text,
            HelpName = "text|json|sarif|msbuild",
        };
        option.AcceptOnlyFromAmong(Text, Json, Sarif, MsBuild);
        return option;
    }

    public static bool IsJson(ParseResult parse, Option<string> option) =>
        string.Equals(parse.GetValue(option), Json, StringComparison.Ordinal);
}
