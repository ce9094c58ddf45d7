using System.Globalization;
using System.Text;
using ManagedServices.Fuzz;
using SharpFuzz;

// managed-services-fuzz: SharpFuzz harness. See docs/security.md, "Long fuzzing runs".
//   list                                    the targets
//   seeds <dir> [--corpus <dir>]            write seed inputs, one folder per target
//   <target> afl                            run under afl-fuzz (instrument ManagedServices.Core.dll with sharpfuzz first)
//   <target> libfuzzer                      run under libfuzzer-dotnet
//   <target> replay <file|dir>...           run saved inputs (for example afl-fuzz findings) outside the fuzzer
//   smoke [--corpus <dir>] [--mutations N] [--seed N]
//                                           every seed and N mutations of it through its target (CI); the same
//                                           inputs on every run and machine for one --seed (0 unless given)
if (args.Length == 0)
{
    return Usage();
}

if (args[0] == "list")
{
    foreach (var name in FuzzTargets.All.Keys.Order(StringComparer.Ordinal))
    {
        Console.WriteLine(name);
    }

    return 0;
}

if (args[0] == "seeds" && args.Length >= 2)
{
    var count = 0;
    foreach (var (target, name, data) in Samples.Seeds(Option("--corpus")))
    {
        var dir = Directory.CreateDirectory(Path.Combine(args[1], target)).FullName;
        File.WriteAllBytes(Path.Combine(dir, name), data);
        count++;
    }

    Console.WriteLine($"wrote {count} seed(s) to {args[1]}");
    return 0;
}

if (args[0] == "smoke")
{
    var mutations = int.Parse(Option("--mutations") ?? "200", CultureInfo.InvariantCulture);
    var round = int.Parse(Option("--seed") ?? "0", CultureInfo.InvariantCulture);
    var runs = 0;
    foreach (var (target, name, seed) in Samples.Seeds(Option("--corpus")))
    {
        // string.GetHashCode is randomised per process, so it once made CI's inputs differ from run to run; the
        // seed is a fixed hash of the target and sample names instead.
        var random = new Random(Mutations.StableSeed($"{target}/{name}", mutations, round));
        foreach (var input in Mutations.Of(seed, mutations, random).Prepend(seed))
        {
            runs++;
            if (!Replay(target, input, $"{target}/{name}, seed {round}"))
            {
                return 1;
            }
        }
    }

    Console.WriteLine($"smoke: {runs:N0} input(s) through {FuzzTargets.All.Count} target(s), seed {round}, no finding");
    return 0;
}

if (args.Length < 2 || !FuzzTargets.All.TryGetValue(args[0], out var run))
{
    return Usage();
}

switch (args[1])
{
    case "afl":
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            run(buffer.ToArray());
        });
        return 0;
    case "libfuzzer":
        Fuzzer.LibFuzzer.Run(span => run(span.ToArray()));
        return 0;
    case "replay" when args.Length > 2:
        var files = args[2..].SelectMany(static p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).ToList();
        var failed = files.Count(f => !Replay(args[0], File.ReadAllBytes(f), f));
        Console.WriteLine($"replayed {files.Count} input(s), {failed} finding(s)");
        return failed == 0 ? 0 : 1;
    default:
        return Usage();
}

static bool Replay(string target, byte[] input, string label)
{
    try
    {
        FuzzTargets.All[target](input);
        return true;
    }
    catch (Exception e)
    {
        var preview = Encoding.UTF8.GetString(input, 0, Math.Min(input.Length, 200)).ReplaceLineEndings(" ");
        Console.Error.WriteLine($"FINDING in {target} ({label}, {input.Length} bytes): {e}");
        Console.Error.WriteLine($"input starts: {preview}");
        return false;
    }
}

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static int Usage()
{
    Console.Error.WriteLine("usage: managed-services-fuzz list | seeds <dir> [--corpus <dir>] | smoke [--corpus <dir>] [--mutations N] | <target> afl|libfuzzer | <target> replay <file|dir>...");
    return 2;
}
