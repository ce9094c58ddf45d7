using ManagedServices.Cli;

namespace ManagedServices.Tests.Cli;

/// <summary>
/// Batch mode streams: each request is answered before the next line is read, so nothing proportional to the input
/// is held (the reader below generates lines on demand and checks that every earlier line was already answered).
/// </summary>
public sealed class CheckStreamingTests : IDisposable
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

    /// <summary>Produces request lines on demand; records when line k is requested before k-1 answers exist.</summary>
    private sealed class GeneratedRequests(int count, CountingWriter output) : TextReader
    {
        private int _next;

        public int Violations { get; private set; }

        public override string? ReadLine()
        {
            if (_next == count)
            {
                return null;
            }

            if (output.Lines != _next)
            {
                Violations++;
            }

            var principal = _next % 3 == 0 ? CliFixture.Ops.Id : CliFixture.Support.Id;
            var action = _next % 2 == 0 ? "Microsoft.Compute/virtualMachines/read" : "Microsoft.Compute/virtualMachines/write";
            return $$"""{"id": "s{{_next++}}", "principalId": "{{principal}}", "action": "{{action}}", "resource": "{{CliFixture.Vm}}"}""";
        }
    }
}
