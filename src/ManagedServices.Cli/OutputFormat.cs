using System.CommandLine;

namespace ManagedServices.Cli;

/// <summary>The <c>--format</c> option shared by every command.</summary>
internal static class OutputFormat
{
    public const string Text = "text";
    public const string Json = "json";

    public static Option<string> CreateOption()
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format: text (human-readable, the default) or json (for machines).",
            DefaultValueFactory = static _ => Text,
            HelpName = "text|json",
        };
        option.AcceptOnlyFromAmong(Text, Json);
        return option;
    }

    public static bool IsJson(ParseResult parse, Option<string> option) =>
        string.Equals(parse.GetValue(option), Json, StringComparison.Ordinal);
}
