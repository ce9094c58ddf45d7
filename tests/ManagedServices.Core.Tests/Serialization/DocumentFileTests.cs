using System.Diagnostics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Serialization;
using ManagedServices.Tests.Cli;

namespace ManagedServices.Tests.Serialization;

/// <summary>
/// Whole-document inputs are read through one bounded reader: it stops after the limit plus one byte whatever the
/// source reports (devices, FIFOs, <c>/proc</c>, streams that lie about their length), and never throws on an
/// unreadable source.
/// </summary>
public sealed class DocumentFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("msc-docfile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Read_DevZero_IsTooLarge_AfterReadingTheLimitPlusOneByte()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        var result = DocumentFile.Read("/dev/zero");

        Assert.Null(result.Value);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.JsonTooLarge, "/dev/zero"), (d.Code, d.Path));
    }

    [Fact]
    public void Read_ProcFile_ThatReportsNoLength_IsReadWhole()
    {
        if (!File.Exists("/proc/self/status"))
        {
            return;
        }

        Assert.Equal(0, new FileInfo("/proc/self/status").Length);
        var result = DocumentFile.Read("/proc/self/status");

        Assert.False(result.HasErrors);
        Assert.Contains("Name:", result.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_EndlessFifo_IsTooLarge()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fifo = Path.Combine(_directory, "fifo");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var writer = Task.Run(() =>
        {
            try
            {
                using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                var chunk = new byte[64 * 1024];
                while (true)
                {
                    stream.Write(chunk);
                }
            }
            catch (IOException)
            {
                // The reader closed its end: expected.
            }
        });

        var result = DocumentFile.Read(fifo);

        Assert.Equal(DiagnosticCodes.JsonTooLarge, Assert.Single(result.Diagnostics).Code);
        await writer.WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("missing.json")]
    [InlineData("")]
    public void Read_MissingFileOrDirectory_IsUnreadable(string name)
    {
        var path = Path.Combine(_directory, name);

        var result = DocumentFile.Read(path);

        Assert.Null(result.Value);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.InputUnreadable, path), (d.Code, d.Path));
    }

    [Fact]
    public void Read_StreamThatUnderstatesItsLength_IsStillBounded()
    {
        var result = DocumentFile.Read(new LyingStream(), "lying");

        Assert.Equal(DiagnosticCodes.JsonTooLarge, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Read_ByteOrderMarks_AreHonouredAsFileReadAllTextDoes()
    {
        var path = Path.Combine(_directory, "utf16.json");
        File.WriteAllText(path, "{\"a\": \"é\"}", Encoding.Unicode);

        Assert.Equal(File.ReadAllText(path), DocumentFile.Read(path).Value);
    }

    /// <summary>
    /// Any content, any limit, read in chunks of any size: the text is the content (decoded as
    /// <see cref="File.ReadAllText(string)"/> decodes) exactly when it fits the limit, and too large otherwise.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Read_AnyContentAndLimit_TextIffWithinTheLimit() => Prop.ForAll(
        Gen.Choose(0, 255).Select(static b => (byte)b).ArrayOf().ToArbitrary(),
        Gen.Choose(0, 64).ToArbitrary(),
        Gen.Choose(1, 9).ToArbitrary(),
        (bytes, limit, chunk) =>
        {
            var path = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
            File.WriteAllBytes(path, bytes);
            var expected = File.ReadAllText(path);
            var fromFile = DocumentFile.Read(path, limit);
            var fromStream = DocumentFile.Read(new ChunkedStream(bytes, chunk), "s", limit);
            File.Delete(path);
            return bytes.Length <= limit
                ? fromFile.Value == expected && fromStream.Value == expected && fromFile.Diagnostics.IsEmpty
                : fromFile.Value is null && fromStream.Value is null && fromFile.Diagnostics.Single().Code == DiagnosticCodes.JsonTooLarge;
        });

    [Fact]
    public void Cli_ValidateDevZero_ExitsOneWithTheDiagnostic()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        var result = CliRunner.Run("validate", "/dev/zero");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(DiagnosticCodes.JsonTooLarge, result.Error, StringComparison.Ordinal);
    }

    /// <summary>Says it is 10 bytes long and never ends.</summary>
    private sealed class LyingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => 10;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'1', offset, count);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
