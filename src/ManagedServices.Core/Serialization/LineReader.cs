
namespace ManagedServices.Serialization;

/// <summary>
/// Reads lines with a length limit, so one endless line cannot take the memory that a stream of short lines does not:
/// the characters of a line past <c>maxLength</c> are read and dropped, and the line is reported as too long.
/// Line ends are <c>\n</c>, <c>\r\n</c> or <c>\r</c> (as <see cref="TextReader.ReadLine"/>).
/// </summary>
internal sealed class LineReader(TextReader reader, int maxLength)
{
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _skipLineFeed;

    /// <summary>The longest line accepted, in characters.</summary>
    public int MaxLength => maxLength;

    /// <summary>Reads the next line.</summary>
    /// <param name="line">The line without its end, or null when it was longer than <see cref="MaxLength"/>.</param>
    /// <returns>False at the end of the input.</returns>
    public bool TryReadLine(out string? line)
    {
        _line.Clear();
        var tooLong = false;
        var any = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = reader.Read(_buffer, 0, _buffer.Length);
                _position = 0;
                if (_length <= 0)
                {
                    _length = 0;
                    line = tooLong ? null : _line.ToString();
                    return any;
                }
            }

            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_buffer[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }

            any = true;
            var rest = _buffer.AsSpan(_position, _length - _position);
            var end = rest.IndexOfAny('\n', '\r');
            var piece = end < 0 ? rest : rest[..end];
            if (!tooLong && _line.Length + piece.Length <= maxLength)
            {
                _line.Append(piece);
            }
            else
            {
                tooLong = true;
                _line.Clear();
            }

            if (end < 0)
            {
                _position = _length;
                continue;
            }

            _skipLineFeed = rest[end] == '\r';
            _position += end + 1;
            line = tooLong ? null : _line.ToString();
            return true;
        }
    }
}
