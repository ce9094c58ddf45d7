using FsCheck.Xunit;
using ManagedServices.Reporting;

namespace ManagedServices.Tests.Reporting;

public class ReportTextTests
{
    [Theory]
    [InlineData("Alice", "Alice")]
    [InlineData("a \"b\"", "a #34;b#34;")]
    [InlineData("a --> b", "a --#62; b")]
    [InlineData("%%{init}%%", "#37;#37;#123;init#125;#37;#37;")]
    [InlineData("x`y", "x#96;y")]
    [InlineData("#quot;", "#35;quot#59;")]
    [InlineData("line\nbreak", "line break")]
    [InlineData("中文 🙂", "中文 🙂")]
    public void Mermaid_EscapesAsEntityCodes(string input, string expected) => Assert.Equal(expected, ReportText.Mermaid(input));

    [Fact]
    public void EveryEscaper_ReplacesLoneSurrogates()
    {
        Assert.Equal("lone \uFFFD and \uFFFD", ReportText.Mermaid("lone \ud800 and \udc00"));
        Assert.Equal("lone \uFFFD", ReportText.Dot("lone \ud800"));
        Assert.Equal("`lone \uFFFD`", ReportText.MarkdownCode("lone \ud800"));
        Assert.Equal("lone \uFFFD 🙂", ReportText.Clean("lone \ud800 🙂"));
    }

    [Fact]
    public void Mermaid_CutsLongTextWithoutSplittingASurrogatePair()
    {
        var text = new string('a', 59) + "🙂🙂";

        Assert.Equal(new string('a', 59) + "🙂\u2026", ReportText.Mermaid(text, 60));
    }

    [Theory]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("end\\", "end\\\\")]
    [InlineData("\\N", "\\\\N")]
    [InlineData("a\nb", "a b")]
    public void Dot_EscapesQuotesAndBackslashes(string input, string expected) => Assert.Equal(expected, ReportText.Dot(input));

    [Theory]
    [InlineData("Alice", "`Alice`")]
    [InlineData("a|b", "`a\\|b`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`a", "`` `a ``")]
    [InlineData("", "-")]
    [InlineData("a\r\nb", "`a  b`")]
    public void MarkdownCode_IsACodeSpanThatKeepsTheTableCell(string input, string expected) => Assert.Equal(expected, ReportText.MarkdownCode(input));

    [Property(MaxTest = 500)]
    public void Mermaid_NeverWritesACharacterThatEndsOrStartsSyntax(string? input)
    {
        var escaped = ReportText.Mermaid(input ?? "", 1000);

        Assert.DoesNotMatch("[\"`%{}\\[\\]|<>\\r\\n]", escaped);
        Assert.DoesNotMatch("#(?![0-9]+;)", escaped);
        Assert.Equal(AccessReportTests.Clean(escaped), escaped);
    }

    [Property(MaxTest = 500)]
    public void Dot_EveryQuoteAndBackslashIsEscaped(string? input)
    {
        var escaped = ReportText.Dot(input ?? "", 1000);

        Assert.Matches("\\A(?:[^\"\\\\\\r\\n]|\\\\[\"\\\\])*\\z", escaped);
    }

    [Property(MaxTest = 500)]
    public void MarkdownCode_HasNoUnescapedPipeAndNoLineBreak(string? input)
    {
        var code = ReportText.MarkdownCode(input ?? "");

        Assert.DoesNotMatch("(?<!\\\\)\\|", code);
        Assert.DoesNotContain('\n', code);
        Assert.DoesNotContain('\r', code);
    }
}
