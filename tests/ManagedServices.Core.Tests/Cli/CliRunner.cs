using System.Diagnostics;
using ManagedServices.Cli;

namespace ManagedServices.Tests.Cli;

/// <summary>The outcome of one run of the tool.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs <c>managed-services</c> in-process (through <see cref="CliApp"/>) or as a real process.</summary>
public static class CliRunner
{
    /// <summary>Runs the tool in-process with <paramref name="stdin"/> as standard input.</summary>
    public static CliResult RunWithInput(string stdin, params string[] args) => RunWithInput(stdin, TimeProvider.System, args);

    /// <summary>Runs the tool in-process.</summary>
    public static CliResult Run(params string[] args) => RunWithInput("", TimeProvider.System, args);

    /// <summary>Runs the tool in-process with a clock.</summary>
    public static CliResult RunWithInput(string stdin, TimeProvider time, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, new CliContext
        {
            OpenStandardInput = () => new StringReader(stdin),
            Out = output,
            Error = error,
            Time = time,
        });
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built tool (managed-services.dll) as a child process with <c>dotnet</c>.</summary>
    public static Task<CliResult> RunProcessAsync(string? stdin, params string[] args) => RunProcessInAsync(null, stdin, args);

    /// <summary>Runs the built tool as a child process in <paramref name="workingDirectory"/> (null: this process's).</summary>
    public static async Task<CliResult> RunProcessInAsync(string? workingDirectory, string? stdin, params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "managed-services.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var readOut = process.StandardOutput.ReadToEndAsync();
        var readError = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await readOut, await readError);
    }
}
