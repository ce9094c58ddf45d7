using System.Text;
using ManagedServices.Cli;

// Standard output is buffered and UTF-8 (without BOM): batch checks write one line per request.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, bufferSize: 1 << 16) { AutoFlush = false, NewLine = "\n" };
var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true, NewLine = "\n" };
return CliApp.Run(args, new CliContext
{
    OpenStandardInput = () => new StreamReader(Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16),
    Out = stdout,
    Error = stderr,
    ErrorIsTerminal = !Console.IsErrorRedirected,
});
