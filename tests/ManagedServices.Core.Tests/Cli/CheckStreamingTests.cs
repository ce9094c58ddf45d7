using System.Diagnostics;
using System.Text;
using ManagedServices.Cli;
using ManagedServices.Serialization;
using Xunit.Abstractions;

namespace ManagedServices.Tests.Cli;

/// <summary>
/// Batch mode streams: each request is answered before the next line is read, so nothing proportional to the input
/// is held (the reader below generates lines on demand and checks that every earlier line was already answered).
/// </summary>
public sealed class CheckStreamingTests(ITestOutputHelper log) : IDisposable
{
    private readonly CliFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Check_Batch_AnswersEachLineBeforeReadingTheNext()
    {
        const int Count = 20_000;
        var template = _f.Template();
        var output = new CountingWriter();
        var input = new GeneratedRequests(Count, output);
        using var error = new StringWriter();

        var code = CliApp.Run(
            ["check", "--template", template, "--parameters", Path.Combine(_f.Directory, "template.parameters.json"), "--subscription", CliFixture.Subscription, "--requests", "-"],
            new CliContext { OpenStandardInput = () => input, Out = output, Error = error });

        Assert.True(code == 0, error.ToString());
        Assert.Equal(Count, output.Lines);
        Assert.True(input.Violations == 0, $"{input.Violations} line(s) were read before the previous one was answered");
    }

    /// <summary>
    /// The real tool, as a process, answers 1,000,000 requests (distinct resources, a malformed line every 1,000) with
    /// a 64 MB GC heap limit, and its peak working set is within 32 MB of a 10,000-request run: memory does not grow
    /// with the input. The figures are written to the test output.
    /// </summary>
    [Fact]
    public async Task Check_MillionRequestsAsAProcess_PeakMemoryDoesNotGrowWithTheInput()
    {
        var template = _f.Template();

        var small = await RunBatchProcessAsync(template, 10_000);
        var large = await RunBatchProcessAsync(template, 1_000_000);

        log.WriteLine($"10,000 requests: peak working set {small.PeakBytes / 1048576.0:F1} MB");
        log.WriteLine($"1,000,000 requests: peak working set {large.PeakBytes / 1048576.0:F1} MB");
        Assert.True(small.ExitCode == 0 && large.ExitCode == 0, small.Error + large.Error);
        Assert.Equal((10_000L, 10L), (small.Lines, small.MalformedLines));
        Assert.Equal((1_000_000L, 1_000L), (large.Lines, large.MalformedLines));
        Assert.True(small.PeakBytes > 0 && large.PeakBytes > 0, "the peak working set could not be read");
        Assert.True(large.PeakBytes < small.PeakBytes + 32 * 1048576L,
            $"peak working set {large.PeakBytes:N0} B for 1,000,000 requests against {small.PeakBytes:N0} B for 10,000");
    }

    [Fact]
    public void Check_Batch_LineOverTheLimit_IsMalformedAndTheBatchGoesOn()
    {
        var template = _f.Template();
        var huge = "{\"id\": \"huge\", \"action\": \"" + new string('a', AccessRequestLines.MaxLineLength) + "\"}";
        var good = $$"""{"id": "after", "principalId": "{{CliFixture.Ops.Id}}", "action": "Microsoft.Compute/virtualMachines/read", "resource": "{{CliFixture.Vm}}"}""";

        var result = CliRunner.RunWithInput(huge + "\r\n" + good + "\r\n", "check", "--template", template, "--parameters", Path.Combine(_f.Directory, "template.parameters.json"),
            "--subscription", CliFixture.Subscription, "--requests", "-");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, result.OutLines.Length);
        Assert.Contains("\"reason\":\"MalformedRequest\"", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("line 1: longer than", result.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"id\":\"after\",\"decision\":\"Allow\"", result.OutLines[1], StringComparison.Ordinal);
    }

    private async Task<BatchRun> RunBatchProcessAsync(string template, int count)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["DOTNET_GCHeapHardLimit"] = "0x4000000" },
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "managed-services.dll"), "check", "--template", template,
                     "--parameters", Path.Combine(_f.Directory, "template.parameters.json"), "--subscription", CliFixture.Subscription, "--requests", "-"])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var peak = 0L;
        using var done = new CancellationTokenSource();
        var sample = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                try
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.PeakWorkingSet64);
                }
                catch (InvalidOperationException)
                {
                    return;
                }

                await Task.Delay(50);
            }
        });
        var error = process.StandardError.ReadToEndAsync();
        var read = CountLinesAsync(process.StandardOutput.BaseStream);
        using (var input = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false), 1 << 16))
        {
            for (var i = 0; i < count; i++)
            {
                if (i % 1000 == 999)
                {
                    await input.WriteAsync("{\"id\": \"m" + i + "\", \"principalId\": 42}\n");
                    continue;
                }

                var principal = i % 3 == 0 ? CliFixture.Ops.Id : CliFixture.Support.Id;
                var action = i % 2 == 0 ? "Microsoft.Compute/virtualMachines/read" : "Microsoft.Compute/virtualMachines/write";
                await input.WriteAsync($$"""{"id": "r{{i}}", "principalId": "{{principal}}", "action": "{{action}}", "resource": "{{CliFixture.Vm}}{{i}}"}""" + "\n");
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        await done.CancelAsync();
        await sample;
        var (lines, malformed) = await read;
        return new BatchRun(process.ExitCode, lines, malformed, peak, await error);
    }

    /// <summary>Counts output lines and occurrences of the malformed-request reason, keeping nothing.</summary>
    private static async Task<(long Lines, long Malformed)> CountLinesAsync(Stream output)
    {
        var marker = "\"reason\":\"MalformedRequest\""u8.ToArray();
        var buffer = new byte[1 << 16];
        long lines = 0, malformed = 0;
        var matched = 0; // bytes of the marker matched so far (the marker has no repeated prefix)
        int n;
        while ((n = await output.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < n; i++)
            {
                var b = buffer[i];
                lines += b == (byte)'\n' ? 1 : 0;
                matched = b == marker[matched] ? matched + 1 : b == marker[0] ? 1 : 0;
                if (matched == marker.Length)
                {
                    malformed++;
                    matched = 0;
                }
            }
        }

        return (lines, malformed);
    }

    private sealed record BatchRun(int ExitCode, long Lines, long MalformedLines, long PeakBytes, string Error);

    /// <summary>Counts lines written, keeping nothing.</summary>
    private sealed class CountingWriter : TextWriter
    {
        public int Lines { get; private set; }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                Lines++;
            }
        }

        public override void Write(string? value)
        {
            foreach (var c in value ?? "")
            {
                Write(c);
            }
        }
    }

    /// <summary>
    /// Produces request lines on demand, one line per read at most; records when the characters of line k are asked
    /// for before line k-1 was answered.
    /// </summary>
    private sealed class GeneratedRequests(int count, CountingWriter output) : TextReader
    {
        private int _next;
        private string _current = "";
        private int _offset;

        public int Violations { get; private set; }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (_offset == _current.Length)
            {
                if (_next == count)
                {
                    return 0;
                }

                if (output.Lines != _next)
                {
                    Violations++;
                }

                var principal = _next % 3 == 0 ? CliFixture.Ops.Id : CliFixture.Support.Id;
                var action = _next % 2 == 0 ? "Microsoft.Compute/virtualMachines/read" : "Microsoft.Compute/virtualMachines/write";
                _current = $$"""{"id": "s{{_next++}}", "principalId": "{{principal}}", "action": "{{action}}", "resource": "{{CliFixture.Vm}}"}""" + "\n";
                _offset = 0;
            }

            var n = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }
    }
}
