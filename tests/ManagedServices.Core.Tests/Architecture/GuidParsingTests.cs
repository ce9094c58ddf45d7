using System.Text.RegularExpressions;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Architecture;

/// <summary>
/// One strict GUID parser: nothing in src/ calls <c>Guid.Parse</c>, <c>Guid.TryParse</c>, <c>Guid.ParseExact</c> or
/// <c>Guid.TryParseExact</c> except <c>GuidText</c>, since .NET's
/// parsers accept spellings (<c>0x</c>, <c>+</c>, braces, whitespace) the strict grammar refuses.
/// </summary>
public class GuidParsingTests
{
    private static readonly Regex Banned = new(@"\bGuid\s*\.\s*(Try)?Parse(Exact)?\b", RegexOptions.CultureInvariant);

    [Fact]
    public void Src_ParsesGuidsOnlyThroughGuidText()
    {
        var src = Path.Combine(RepoPaths.Root, "src");
        var offenders =
            from file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            where Path.GetFileName(file) != "GuidText.cs"
            from line in File.ReadLines(file).Select((text, index) => (text, index))
            where !line.text.TrimStart().StartsWith("//", StringComparison.Ordinal) && Banned.IsMatch(line.text)
            select $"{Path.GetRelativePath(src, file)}:{line.index + 1}: {line.text.Trim()}";
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("if (!Guid.TryParse(definitionId, out var id))", true)]
    [InlineData("Guid.ParseExact(seg, \"D\")", true)]
    [InlineData("Guid . TryParseExact(s, \"D\", out value)", true)]
    [InlineData("var g = Guid.Parse(text);", true)]
    [InlineData("new Guid(\"8e3af657-a8ff-443c-a75c-2fe8c4bcb635\")", false)]
    [InlineData("new Guid(bytes, bigEndian: true)", false)]
    [InlineData("GuidText.TryParse(s, out var g)", false)]
    public void Pattern_FindsDirectParsing(string line, bool banned) => Assert.Equal(banned, Banned.IsMatch(line));
}
