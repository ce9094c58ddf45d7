using System.Text.Json;

namespace ManagedServices.Analysis;

/// <summary>
/// The elements of a top-level JSON array read from a stream one at a time with <see cref="Utf8JsonReader"/>: the
/// buffer holds one element (at most the configured size) plus what was read ahead, never the whole file. Lines are
/// counted as the bytes are consumed, so each element and each syntax error has its 1-based line.
/// </summary>
internal sealed class JsonArrayElements
{
    private readonly Stream _stream;
    private readonly int _max;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private int _line = 1;
    private bool _begun;
    private bool _afterElement;
    private bool _done;

    public JsonArrayElements(Stream stream, int maxElementBytes)
    {
        _stream = stream;
        _max = Math.Max(1024, maxElementBytes);
        _buffer = new byte[Math.Min(_max, 64 * 1024)];
    }

    /// <summary>The line the reader is at (for errors).</summary>
    public int Line => _line;

    /// <summary>
    /// The next element (valid until the next call) and its line; false at the end of the array or on an error
    /// (<paramref name="error"/> is then set and reading stops: a JSON stream cannot be resynchronised).
    /// </summary>
    public bool TryNext(out ReadOnlyMemory<byte> element, out int line, out string? error)
    {
        element = default;
        line = _line;
        error = null;
        if (_done)
        {
            return false;
        }

        if (!_begun)
        {
            _begun = true;
            SkipWhitespace();
            if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
            {
                _start += 3; // UTF-8 byte order mark
                SkipWhitespace();
            }

            if (_start >= _end || _buffer[_start] != (byte)'[')
            {
                return Fail("the file is not a JSON array of events", out error);
            }

            _start++;
        }

        SkipWhitespace();
        if (_start >= _end)
        {
            return Fail("the JSON array is not closed", out error);
        }

        if (_buffer[_start] == (byte)']')
        {
            _done = true;
            return false;
        }

        if (_afterElement)
        {
            if (_buffer[_start] != (byte)',')
            {
                return Fail($"expected ',' or ']' after an element, found '{(char)_buffer[_start]}'", out error);
            }

            _start++;
            SkipWhitespace();
            if (_start >= _end)
            {
                return Fail("the JSON array is not closed", out error);
            }
        }

        while (true)
        {
            var length = 0L;
            try
            {
                var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), isFinalBlock: _eof, state: default);
                if (reader.Read() && (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip()))
                {
                    length = reader.BytesConsumed;
                }
            }
            catch (JsonException e)
            {
                return Fail("malformed JSON: " + e.Message, out error, _line + (int)(e.LineNumber ?? 0));
            }

            if (length > 0)
            {
                element = _buffer.AsMemory(_start, (int)length);
                line = _line;
                _line += element.Span.Count((byte)'\n');
                _start += (int)length;
                _afterElement = true;
                return true;
            }

            if (_eof)
            {
                return Fail("the JSON array is not closed", out error);
            }

            if (_end - _start >= _max)
            {
                return Fail($"an event is larger than {_max} bytes", out error);
            }

            Refill();
        }
    }

    private bool Fail(string message, out string? error, int? line = null)
    {
        _done = true;
        error = message;
        _line = line ?? _line;
        return false;
    }

    /// <summary>Skips whitespace, counting lines and reading more as needed; stops at a non-space byte or the end of the stream.</summary>
    private void SkipWhitespace()
    {
        while (true)
        {
            while (_start < _end)
            {
                var b = _buffer[_start];
                if (b == (byte)'\n')
                {
                    _line++;
                }
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return;
                }

                _start++;
            }

            if (_eof)
            {
                return;
            }

            Refill();
        }
    }

    private void Refill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _max + 1L));
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}

/// <summary>
/// CSV records read line by line (RFC 4180: fields in double quotes may hold commas, doubled quotes and line breaks),
/// each with the line it starts on; a record longer than the configured size stops the file.
/// </summary>
internal sealed class CsvRecords
{
    private readonly TextReader _reader;
    private readonly int _max;
    private readonly StringBuilder _field = new();
    private int _line;

    /// <summary>The last line read.</summary>
    public int Line => _line;

    public CsvRecords(TextReader reader, int maxRecordChars)
    {
        _reader = reader;
        _max = Math.Max(1024, maxRecordChars);
    }

    /// <summary>The next record's fields and first line; false at the end, or with <paramref name="error"/> when a record is too long or a quote is not closed.</summary>
    public bool TryNext(List<string> fields, out int line, out string? error)
    {
        fields.Clear();
        error = null;
        string? text;
        do
        {
            text = _reader.ReadLine();
            _line++;
        }
        while (text is not null && text.Length == 0);

        line = _line;
        if (text is null)
        {
            return false;
        }

        _field.Clear();
        var quoted = false;
        var total = 0;
        while (true)
        {
            total += text.Length + 1;
            if (total > _max)
            {
                error = $"a row is longer than {_max} characters";
                return false;
            }

            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c != '"')
                    {
                        _field.Append(c);
                    }
                    else if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        _field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(_field.ToString());
                    _field.Clear();
                }
                else
                {
                    _field.Append(c);
                }
            }

            if (!quoted)
            {
                fields.Add(_field.ToString());
                _field.Clear();
                return true;
            }

            text = _reader.ReadLine();
            if (text is null)
            {
                error = "a quoted field is not closed";
                return false;
            }

            _line++;
            _field.Append('\n');
        }
    }
}

/// <summary>A stream whose first bytes were already read (to tell JSON from CSV) followed by the rest of the original stream.</summary>
internal sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Reads bytes up to and including the first one that is not white space or a byte order mark; returns the stream to read from and that byte (-1 at the end).</summary>
    public static (Stream Stream, int First) Peek(Stream stream)
    {
        var prefix = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            prefix.Add((byte)b);
            if (b is not (' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF) || prefix.Count > 1024 * 1024)
            {
                break;
            }
        }

        return (new PrefixedStream([.. prefix], stream), b);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position < prefix.Length)
        {
            var n = Math.Min(count, prefix.Length - _position);
            Array.Copy(prefix, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        return rest.Read(buffer, offset, count);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
