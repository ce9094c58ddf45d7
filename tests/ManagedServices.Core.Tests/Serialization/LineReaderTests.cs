using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Serialization;

namespace ManagedServices.Tests.Serialization;

public sealed class LineReaderTests
{
    /// <summary>Any text of letters, <c>\r</c> and <c>\n</c>, read in chunks of any size, gives the lines <see cref="TextReader.ReadLine"/> gives.</summary>
    [Property(MaxTest = 500)]
    public Property TryReadLine_GivesTheLinesOfReadLine() => Prop.ForAll(
        Gen.Elements('a', 'b', '\r', '\n').ArrayOf().Select(static c => new string(c)).ToArbitrary(),
        Gen.Choose(1, 7).ToArbitrary(),
        static (text, chunk) =>
        {
            var expected = new List<string>();
            using (var reference = new StringReader(text))
            {
                while (reference.ReadLine() is { } line)
                {
                    expected.Add(line);
                }
            }

            var reader = new LineReader(new ChunkedReader(text, chunk), maxLength: 1000);
            var actual = new List<string>();
            while (reader.TryReadLine(out var line))
            {
                actual.Add(line!);
            }

            return actual.SequenceEqual(expected);
        });

    [Theory]
    [InlineData("abcd\nab\nabcde\n", new[] { "abcd", "ab", null })]
    [InlineData("abcdefgh\r\nabc", new[] { null, "abc" })]
    [InlineData("abcd", new[] { "abcd" })]
    public void TryReadLine_LineOverTheLimit_IsNullAndTheNextLineIsIntact(string text, string?[] expected)
    {
        var reader = new LineReader(new ChunkedReader(text, 3), maxLength: 4);
        var actual = new List<string?>();
        while (reader.TryReadLine(out var line))
        {
            actual.Add(line);
        }

        Assert.Equal(expected, actual);
    }

    /// <summary>Hands out at most <c>chunk</c> characters per read.</summary>
    private sealed class ChunkedReader(string text, int chunk) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), text.Length - _position);
            text.CopyTo(_position, buffer, index, n);
            _position += n;
            return n;
        }
    }
}
