namespace ManagedServices.Reporting;

/// <summary>
/// The escaping of untrusted text (display names, offer names, descriptions, scopes) for each report format, in one
/// place. Every writer passes every piece of input text through one of these; the rule is that no input can end a
/// label, a string, a table cell or a code block, start a directive or a link, or carry an invalid UTF-16 sequence
/// into the output.
/// </summary>
internal static class ReportText
{
    /// <summary>The replacement character written for lone surrogates and for control and format characters.</summary>
    private const char Replacement = '\uFFFD';

    /// <summary>
    /// The text with every lone surrogate replaced by U+FFFD, so that it can be encoded (UTF-8, JSON) without
    /// throwing or writing an invalid sequence.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasLoneSurrogate(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var rune in Runes(text))
        {
            sb.Append(rune.ToString());
        }

        return sb.ToString();
    }

    /// <summary>
    /// The text on one line: line breaks, control and format characters (bidirectional overrides, zero-width
    /// characters) and lone surrogates become a space or U+FFFD; the text is cut after <paramref name="max"/> characters
    /// (code points, never inside a surrogate pair) with an ellipsis.
    /// </summary>
    public static IEnumerable<Rune> Printable(string text, int max = int.MaxValue)
    {
        var count = 0;
        foreach (var rune in Runes(text))
        {
            if (count++ == max)
            {
                yield return new Rune('\u2026');
                yield break;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (rune.Value is '\r' or '\n' or '\t' || category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                yield return new Rune(' ');
            }
            else if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or
                     UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                yield return new Rune(Replacement);
            }
            else
            {
                yield return rune;
            }
        }
    }

    /// <summary>
    /// Text for the inside of a double-quoted Mermaid label (<c>id["..."]</c>, <c>|"..."|</c>, subgraph titles). Letters,
    /// digits, spaces and <c>. , - _ / : ( ) ' @ + =</c> are written as they are (non-ASCII letters too); every other
    /// ASCII character becomes a Mermaid entity code (<c>#34;</c>), which Mermaid renders as the character
    /// ("Entity codes to escape characters" in Mermaid's flowchart documentation). So no input can close the string
    /// (<c>"</c>), open markdown text (<c>`</c>), start a directive (<c>%%{</c>), an edge (<c>--&gt;</c>), a shape
    /// (<c>[ ] { } ( |</c> outside the string are never reached) or HTML (<c>&lt;</c>), nor close the Markdown code fence
    /// the picture is embedded in.
    /// </summary>
    public static string Mermaid(string text, int max = 80)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var rune in Printable(text, max))
        {
            if (rune.IsAscii)
            {
                var c = (char)rune.Value;
                if (char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or ',' or '-' or '_' or '/' or ':' or '(' or ')' or '\'' or '@' or '+' or '=')
                {
                    sb.Append(c);
                }
                else
                {
                    sb.Append('#').Append(rune.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
                }
            }
            else
            {
                sb.Append(rune.ToString());
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Text for the inside of a double-quoted Graphviz string: <c>\</c> and <c>"</c> are escaped with a backslash (so
    /// no input closes the string, continues a line or forms one of Graphviz's label escapes such as <c>\N</c>), line
    /// breaks and control characters are replaced (<see cref="Printable"/>).
    /// </summary>
    public static string Dot(string text, int max = 80)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var rune in Printable(text, max))
        {
            if (rune.Value is '\\' or '"')
            {
                sb.Append('\\');
            }

            sb.Append(rune.ToString());
        }

        return sb.ToString();
    }

    /// <summary>
    /// Untrusted text as a Markdown code span for a table cell or a line: a code span is never a link, an image, HTML,
    /// emphasis or a GitHub mention; the fence is one backtick longer than the longest run of backticks in the text;
    /// <c>|</c> is escaped as <c>\|</c> (GitHub-flavored Markdown splits table cells at it even inside code spans);
    /// line breaks and control characters are replaced (<see cref="Printable"/>). Empty text is written as <c>-</c>.
    /// </summary>
    public static string MarkdownCode(string text)
    {
        var sb = new StringBuilder(text.Length + 4);
        var run = 0;
        var longest = 0;
        foreach (var rune in Printable(text))
        {
            if (rune.Value == '`')
            {
                longest = Math.Max(longest, ++run);
            }
            else
            {
                run = 0;
            }

            if (rune.Value == '|')
            {
                sb.Append('\\');
            }

            sb.Append(rune.ToString());
        }

        if (sb.Length == 0 || sb.ToString().Trim().Length == 0)
        {
            return "-";
        }

        var fence = new string('`', longest + 1);
        var pad = sb[0] == '`' || sb[^1] == '`' || (sb[0] == ' ' && sb[^1] == ' ') ? " " : "";
        return fence + pad + sb + pad + fence;
    }

    /// <summary>The text's code points, with U+FFFD for each lone surrogate.</summary>
    private static IEnumerable<Rune> Runes(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                yield return rune;
            }
            else
            {
                yield return Rune.ReplacementChar;
            }

            i += Math.Max(consumed, 1);
        }
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
