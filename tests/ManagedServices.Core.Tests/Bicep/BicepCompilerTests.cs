using System.Diagnostics;
using System.Text.Json.Nodes;
using ManagedServices.Arm;
using ManagedServices.Bicep;
using Xunit.Abstractions;
using ManagedServices.Tests.Arm;

namespace ManagedServices.Tests.Bicep;

/// <summary>
/// Compiles the generated Bicep with the real compiler (NuGet package Azure.Bicep.CommandLine.linux-x64 0.49.2, downloaded
/// by the test project's PackageDownload) and compares the result with the library's own ARM output.
/// </summary>
public class BicepCompilerTests
{
    private readonly ITestOutputHelper _output;

    public BicepCompilerTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<(string Name, OnboardingDefinition Definition, OnboardingTarget Target)> Cases()
    {
        var tricky = TemplateSamples.Definition(plan: true) with { Name = "Contoso's \"managed\" ${infra} \\ 日本 🚀", Description = "line1\nline2\t'quoted'" };
        yield return ("subscription", tricky, OnboardingTarget.ForSubscription());
        yield return ("resource-group", TemplateSamples.Definition(), OnboardingTarget.ForResourceGroup("rg-app"));
        yield return ("per-group", TemplateSamples.Definition(approvers: false) with { Description = null }, OnboardingTarget.ForResourceGroups(["rg-a", "rg-b"]));
        yield return ("shared", TemplateSamples.Definition(eligible: false), OnboardingTarget.ForResourceGroups(["rg-a", "rg-b", "rg-c"], definitionPerResourceGroup: false));
    }

    [BicepFact]
    public void BicepBuild_GeneratedFiles_CompileWithoutWarningsToTheSameResources()
    {
        var root = Directory.CreateTempSubdirectory("msc-bicep-");
        try
        {
            var expected = new Dictionary<string, OnboardingTemplateFiles>();
            foreach (var (name, definition, target) in Cases())
            {
                var bicep = OnboardingBicep.Write(definition, target).GetValueOrThrow();
                expected[name] = OnboardingTemplate.Write(definition, target).GetValueOrThrow();
                var dir = Directory.CreateDirectory(Path.Combine(root.FullName, name)).FullName;
                File.WriteAllText(Path.Combine(dir, OnboardingBicep.MainFileName), bicep.MainBicep);
                File.WriteAllText(Path.Combine(dir, "main.bicepparam"), bicep.Parameters);
                if (bicep.AssignmentModule is { } module)
                {
                    File.WriteAllText(Path.Combine(dir, OnboardingBicep.AssignmentModuleFileName), module);
                }
            }

            // build-params and build both write main.json: compile the parameters first and move them aside.
            Run(root.FullName, "build-params", "--pattern", "**/main.bicepparam");
            foreach (var name in expected.Keys)
            {
                File.Move(Path.Combine(root.FullName, name, "main.json"), Path.Combine(root.FullName, name, "main.parameters.json"));
            }

            Run(root.FullName, "build", "--pattern", "**/main.bicep");

            foreach (var (name, files) in expected)
            {
                var compiled = JsonNode.Parse(File.ReadAllText(Path.Combine(root.FullName, name, "main.json")))!;
                var ours = JsonNode.Parse(files.Template)!;
                Assert.Equal(Signatures(ours), Signatures(compiled));

                var compiledParameters = JsonNode.Parse(File.ReadAllText(Path.Combine(root.FullName, name, "main.parameters.json")))!["parameters"]!.AsObject();
                var ourParameters = JsonNode.Parse(files.Parameters)!["parameters"]!.AsObject();
                Assert.Equal(ourParameters.Select(static p => p.Key).Order(StringComparer.Ordinal), compiledParameters.Select(static p => p.Key).Order(StringComparer.Ordinal));
                foreach (var (key, value) in ourParameters)
                {
                    Assert.True(JsonNode.DeepEquals(value!["value"], compiledParameters[key]!["value"]), $"{name}: parameter {key} differs");
                }

                Assert.Equal(ourParameters.Select(static p => p.Key).Order(StringComparer.Ordinal),
                    compiled["parameters"]!.AsObject().Select(static p => p.Key).Order(StringComparer.Ordinal));

                // The compiled Bicep (modules become inner-scope nested deployments) reads back to the same delegation.
                var fromBicep = OnboardingTemplate.Read(
                    File.ReadAllText(Path.Combine(root.FullName, name, "main.json")),
                    File.ReadAllText(Path.Combine(root.FullName, name, "main.parameters.json")));
                var fromArm = OnboardingTemplate.Read(files.Template, files.Parameters);
                Assert.False(fromBicep.HasErrors, string.Join("\n", fromBicep.Diagnostics));
                Assert.Equal(fromArm.Value!.Definition, fromBicep.Value!.Definition);
                Assert.Equal(fromArm.Value.Target, fromBicep.Value.Target);
                Assert.Equal(fromArm.Value.RegistrationDefinitions.Length, fromBicep.Value.RegistrationDefinitions.Length);
                Assert.Equal(fromArm.Value.RegistrationDefinitions.Select(static d => d.Id), fromBicep.Value.RegistrationDefinitions.Select(static d => d.Id));
                Assert.True(fromArm.Value.RegistrationDefinitions.SequenceEqual(fromBicep.Value.RegistrationDefinitions));
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Every Microsoft.ManagedServices resource, wherever it is nested: type, api-version, whether it is in a copy loop,
    /// its property names and its plan's member names, sorted.
    /// </summary>
    private static List<string> Signatures(JsonNode template)
    {
        var result = new List<string>();
        Collect(template, inLoop: false, result);
        result.Sort(StringComparer.Ordinal);
        return result;

        static void Collect(JsonNode template, bool inLoop, List<string> result)
        {
            foreach (var resource in template["resources"]!.AsArray())
            {
                var type = (string)resource!["type"]!;
                var loop = inLoop || resource["copy"] is not null;
                if (type.Equals("Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase))
                {
                    Collect(resource["properties"]!["template"]!, loop, result);
                    continue;
                }

                var properties = string.Join(",", resource["properties"]!.AsObject().Select(static p => p.Key).Order(StringComparer.Ordinal));
                var plan = resource["plan"] is null ? "" : "plan";
                result.Add($"{type}@{(string)resource["apiVersion"]!} loop={loop} properties={properties} {plan}");
            }
        }
    }

    private void Run(string workingDirectory, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = BicepFactAttribute.Run(workingDirectory, arguments);
        _output.WriteLine($"bicep {string.Join(' ', arguments)}: exit {exitCode}\n{stdout}\n{stderr}");
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Warning", stdout + stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Error", stdout + stderr, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>A fact that is skipped, with the reason, when the Bicep compiler from the NuGet package cannot run here.</summary>
public sealed class BicepFactAttribute : FactAttribute
{
    private static readonly Lazy<(string? Path, string? Problem)> Compiler = new(Find);

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the compiler is missing or does not run.</summary>
    public BicepFactAttribute()
    {
        if (Compiler.Value.Problem is { } problem)
        {
            Skip = problem;
        }
    }

    internal static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Compiler.Value.Path!)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
        }

        return (process.ExitCode, stdout.Result, stderr);
    }

    private static (string? Path, string? Problem) Find()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ??
                       Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "azure.bicep.commandline.linux-x64", "0.49.2", "tools", "bicep");
        if (!OperatingSystem.IsLinux() || !File.Exists(path))
        {
            var reason = $"Bicep compiler not available: {path} is missing or this is not Linux x64 (restore the test project to download Azure.Bicep.CommandLine.linux-x64 0.49.2).";
            Console.WriteLine(reason);
            return (null, reason);
        }

        try
        {
            var (exitCode, stdout, stderr) = RunAt(path, "--version");
            if (exitCode != 0 || !stdout.Contains("0.49.2", StringComparison.Ordinal))
            {
                var reason = $"Bicep compiler at {path} does not run here (exit {exitCode}): {stderr.Trim()}";
                Console.WriteLine(reason);
                return (null, reason);
            }

            return (path, null);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            var reason = $"Bicep compiler at {path} cannot be started: {ex.Message}";
            Console.WriteLine(reason);
            return (null, reason);
        }
    }

    private static (int, string, string) RunAt(string path, string argument)
    {
        var start = new ProcessStartInfo(path, argument) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit(TimeSpan.FromMinutes(1));
        return (process.ExitCode, stdout.Result, stderr);
    }
}
