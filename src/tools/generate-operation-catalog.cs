// Regenerates Azure's operation list embedded in ManagedServices.Core.
//   dotnet run src/tools/generate-operation-catalog.cs -- ../shared/data/azure-operations.txt
// Reads the published list (one operation per line, a data action followed by a TAB and "data"; a name listed in
// both planes has both lines) and writes src/ManagedServices.Core/Operations/AzureOperations.br: one line per distinct
// name (exact casing, in source order), front-coded and Brotli-compressed. Line format, before compression:
//   <characters shared with the previous name, decimal><plane: m management, d data, b both><rest of the name>
// The first line is a header: "#azure-operations <yyyy-MM-dd> <source>".
#:property PublishAot=false
using System.IO.Compression;
using System.Text;

var source = args.Length > 0 ? args[0] : "../shared/data/azure-operations.txt";
var target = args.Length > 1 ? args[1] : "src/ManagedServices.Core/Operations/AzureOperations.br";
const string Header = "#azure-operations 2026-08-22 easimon/azure-builtin-roles@db0b2258 azure-provider-operations";

var planes = new Dictionary<string, char>(StringComparer.Ordinal);
var order = new List<string>();
foreach (var line in File.ReadLines(source))
{
    if (line.Length == 0)
    {
        continue;
    }

    var tab = line.IndexOf('\t');
    var name = tab < 0 ? line : line[..tab];
    var plane = tab < 0 ? 'm' : line[(tab + 1)..] == "data" ? 'd' : throw new InvalidDataException("unexpected marker: " + line);
    if (planes.TryGetValue(name, out var seen))
    {
        planes[name] = seen == plane ? seen : 'b';
    }
    else
    {
        planes[name] = plane;
        order.Add(name);
    }
}

var text = new StringBuilder(Header).Append('\n');
var previous = "";
foreach (var name in order)
{
    var shared = 0;
    while (shared < previous.Length && shared < name.Length && previous[shared] == name[shared])
    {
        shared++;
    }

    text.Append(shared).Append(planes[name]).Append(name, shared, name.Length - shared).Append('\n');
    previous = name;
}

var bytes = Encoding.UTF8.GetBytes(text.ToString());
using var output = new MemoryStream();
using (var brotli = new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
{
    brotli.Write(bytes);
}

File.WriteAllBytes(target, output.ToArray());
Console.WriteLine($"Wrote {order.Count} operations ({planes.Values.Count(static p => p == 'd')} data-only, {planes.Values.Count(static p => p == 'b')} both) to {target} ({bytes.Length:N0} bytes front-coded, {output.Length:N0} compressed).");
