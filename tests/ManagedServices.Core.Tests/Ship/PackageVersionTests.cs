using System.Reflection;
using System.Xml.Linq;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Ship;

/// <summary>
/// The version is set in one place (VersionPrefix in src/Directory.Build.props); the examples that name the package
/// (the package consumer and the .csx scripts) must name that same version.
/// </summary>
public class PackageVersionTests
{
    internal static string VersionPrefix =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "src", "Directory.Build.props"))
            .Descendants("VersionPrefix").Single().Value.Trim();

    [Fact]
    public void Assembly_Version_IsTheVersionPrefix()
    {
        var version = typeof(RoleCatalog).Assembly.GetName().Version!;
        Assert.Equal(VersionPrefix, $"{version.Major}.{version.Minor}.{version.Build}");
        var informational = typeof(RoleCatalog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.StartsWith(VersionPrefix, informational, StringComparison.Ordinal);
    }

    [Fact]
    public void ExamplesThatNameThePackage_UseTheVersionPrefix()
    {
        var examples = Path.Combine(RepoPaths.Root, "docs", "examples");
        var files = Directory.GetFiles(examples, "*.cs*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var checkedLines = 0;
        foreach (var file in files)
        {
            // A file may name the version through a property (#:property ManagedServicesVersion=...): resolve it.
            var property = File.ReadLines(file).FirstOrDefault(static l => l.StartsWith("#:property ManagedServicesVersion=", StringComparison.Ordinal))?
                ["#:property ManagedServicesVersion=".Length..].Trim();
            foreach (var line in File.ReadLines(file))
            {
                string? named = null;
                if (line.StartsWith("#:package ManagedServices.Core@", StringComparison.Ordinal))
                {
                    named = line["#:package ManagedServices.Core@".Length..].Trim();
                }
                else if (line.StartsWith("#r \"nuget: ManagedServices.Core, ", StringComparison.Ordinal))
                {
                    named = line["#r \"nuget: ManagedServices.Core, ".Length..].TrimEnd().TrimEnd('"');
                }

                if (named == "$(ManagedServicesVersion)")
                {
                    // The consumer check takes the newest prerelease of this version unless told the exact one.
                    Assert.True(property == VersionPrefix + "-*", $"{Path.GetRelativePath(RepoPaths.Root, file)}: ManagedServicesVersion is {property}, expected {VersionPrefix}-*");
                    named = property![..^2];
                }

                if (named is not null)
                {
                    Assert.True(named == VersionPrefix, $"{Path.GetRelativePath(RepoPaths.Root, file)} names version {named}, the project is {VersionPrefix}");
                    checkedLines++;
                }
            }
        }

        Assert.True(checkedLines > 0, "no example names the package");
    }

    [Fact]
    public void PackageNuGetConfig_PointsAtTheFeedTheCiPacksInto()
    {
        var config = XDocument.Load(Path.Combine(RepoPaths.Root, "docs", "examples", "nuget.config"));
        var sources = config.Descendants("packageSources").Single();
        Assert.Empty(sources.Elements("clear"));
        var local = sources.Elements("add").Single().Attribute("value")!.Value;
        Assert.Equal("../../.artifacts/package-feed", local);
        Assert.Contains("-o \"$feed\"", File.ReadAllText(Path.Combine(RepoPaths.Root, ".ci", "run")), StringComparison.Ordinal);
        Assert.Contains("feed=.artifacts/package-feed", File.ReadAllText(Path.Combine(RepoPaths.Root, ".ci", "run")), StringComparison.Ordinal);
    }
}
