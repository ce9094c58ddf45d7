using System.Diagnostics;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Ship;

/// <summary>
/// Package metadata (icon, release notes, authors, English-only CLI resources), the development version suffix that
/// makes every local and CI pack unique, and the Source Link map in the built PDB.
/// </summary>
public class PackageMetadataTests
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private static XDocument Props => XDocument.Load(Path.Combine(RepoPaths.Root, "src", "Directory.Build.props"));

    private static string Property(XDocument document, string name) => document.Descendants(name).Single().Value.Trim();

    [Fact]
    public void Icon_IsASmallPng_PackedByBothPackages()
    {
        Assert.Equal("icon.png", Property(Props, "PackageIcon"));
        var icon = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "docs", "images", "icon.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], icon[..4]);
        Assert.InRange(icon.Length, 100, 64 * 1024);
        foreach (var project in new[] { "ManagedServices.Core", "ManagedServices.Cli" })
        {
            var csproj = XDocument.Load(Path.Combine(RepoPaths.Root, "src", project, project + ".csproj"));
            Assert.Contains(csproj.Descendants("None"), n =>
                n.Attribute("Include")?.Value == "../../docs/images/icon.png" && n.Attribute("Pack")?.Value == "true" && n.Attribute("PackagePath")?.Value == "/");
        }
    }

    [Fact]
    public void ReleaseNotes_LinkTheChangelog_WhichExists()
    {
        var notes = Property(Props, "PackageReleaseNotes");
        Assert.Contains(Property(Props, "PackageProjectUrl") + "/blob/main/docs/CHANGELOG.md", notes, StringComparison.Ordinal);
        var changelog = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "CHANGELOG.md"));
        Assert.Contains($"## {PackageVersionTests.VersionPrefix}", changelog, StringComparison.Ordinal);
    }

    [Fact]
    public void Authors_IsTheOrganisationThatOwnsTheRepository_NotAPlaceholder()
    {
        var authors = Property(Props, "Authors");
        Assert.DoesNotContain("contributors", authors, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("github.com/" + authors + "/", Property(Props, "RepositoryUrl"), StringComparison.Ordinal);
    }

    [Fact]
    public void CliPackage_ShipsEnglishResourcesOnly()
    {
        var csproj = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "ManagedServices.Cli", "ManagedServices.Cli.csproj"));
        Assert.Equal("en", Property(csproj, "SatelliteResourceLanguages"));

        // The CLI's build output (what the tool package holds) has no satellite folders; this test project keeps them.
        var configuration = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)); // the build configuration folder
        var cliOutput = Path.Combine(RepoPaths.Root, ".artifacts", "bin", "ManagedServices.Cli", configuration);
        Assert.True(File.Exists(Path.Combine(cliOutput, "managed-services.dll")), cliOutput);
        Assert.Empty(Directory.GetFiles(cliOutput, "System.CommandLine.resources.dll", SearchOption.AllDirectories));
    }

    [Fact]
    public void Version_OfALocalBuild_IsAPrereleaseNamedAfterTheCommit()
    {
        var informational = typeof(RoleCatalog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var head = Git("rev-parse", "HEAD");
        if (head is null)
        {
            // No git (a source archive): the suffix names no commit, but the version is still a prerelease.
            Assert.StartsWith(PackageVersionTests.VersionPrefix + "-dev.g", informational, StringComparison.Ordinal);
            return;
        }

        Assert.Matches(new Regex($"^{Regex.Escape(PackageVersionTests.VersionPrefix)}-dev\\.g[0-9a-f]{{12}}\\+[0-9a-f]{{40}}$"), informational);
        var commit = informational[(informational.IndexOf('+', StringComparison.Ordinal) + 1)..];
        Assert.Equal(commit[..12], informational[(informational.IndexOf(".g", StringComparison.Ordinal) + 2)..informational.IndexOf('+', StringComparison.Ordinal)]);
    }

    [Theory]
    [InlineData("", null, "no git remote")]
    [InlineData("origin", "/srv/clones/repo", "a folder")]
    [InlineData("origin", "file:///srv/clones/repo", "a folder")]
    [InlineData("upstream\nfork", "https://github.com/a/b", "several git remotes")]
    [InlineData("origin", "https://github.com/managedservices-core/ManagedServices.Core", null)]
    [InlineData("origin\nfork", "git@github.com:managedservices-core/ManagedServices.Core.git", null)]
    [InlineData("upstream", "ssh://git@example.com/repo.git", null)]
    public void SourceLinkSkip_Reasons(string remotes, string? url, string? reason)
    {
        var skip = SourceLinkFactAttribute.SkipReason(remotes, _ => url);

        if (reason is null)
        {
            Assert.Null(skip);
        }
        else
        {
            Assert.Contains(reason, skip, StringComparison.Ordinal);
        }
    }

    [SourceLinkFact]
    public void Pdb_CarriesASourceLinkMap_ToTheRepository()
    {
        var map = SourceLinkMap(typeof(RoleCatalog).Assembly.Location);

        Assert.NotNull(map);
        Assert.Contains("\"documents\"", map, StringComparison.Ordinal);
        Assert.Contains("https://raw.githubusercontent.com/", map, StringComparison.Ordinal);
    }

    /// <summary>
    /// The skip of <see cref="Pdb_CarriesASourceLinkMap_ToTheRepository"/> is true to its word: when it is taken, the PDB
    /// has no map to a URL (so the skip hides no check that could run); with no remote it says so.
    /// </summary>
    [Fact]
    public void SourceLinkSkip_IsTakenExactlyWhenTheCloneHasNoRemote()
    {
        var remotes = Git("remote");
        var skip = new SourceLinkFactAttribute().Skip;
        if (remotes is null)
        {
            Assert.Contains("git", skip, StringComparison.Ordinal);
            return;
        }

        if (remotes.Length == 0)
        {
            Assert.Contains("no git remote", skip, StringComparison.Ordinal);
        }

        if (skip is not null)
        {
            // Skipped: the build must indeed have no map to a URL, or the skip would hide a check that could run.
            var map = SourceLinkMap(typeof(RoleCatalog).Assembly.Location);
            Assert.True(map is null || !map.Contains("https://", StringComparison.Ordinal), $"skipped ({skip}), yet the PDB maps sources to a URL: {map}");
        }
    }

    /// <summary>The Source Link JSON in the portable PDB next to <paramref name="assemblyPath"/>, or null when it has none.</summary>
    internal static string? SourceLinkMap(string assemblyPath)
    {
        var pdb = Path.ChangeExtension(assemblyPath, ".pdb");
        using var stream = File.OpenRead(pdb);
        using var provider = MetadataReaderProvider.FromPortablePdbStream(stream);
        var reader = provider.GetMetadataReader();
        foreach (var handle in reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var info = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(info.Kind) == SourceLinkKind)
            {
                return System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value));
            }
        }

        return null;
    }

    /// <summary>Runs git in the repository; null when git is not there or fails.</summary>
    internal static string? Git(params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

/// <summary>
/// A fact skipped, with the reason, when Source Link has no repository URL to map the sources to: the clone has no git
/// remote, or its remote is a folder on this machine (CI's fresh clone of a local repository). Source Link reads the
/// remote <c>origin</c>, or the only remote when there is one.
/// </summary>
public sealed class SourceLinkFactAttribute : FactAttribute
{
    public SourceLinkFactAttribute() => Skip = SkipReason(PackageMetadataTests.Git("remote"), static name => PackageMetadataTests.Git("remote", "get-url", name));

    /// <summary>Why the Source Link check cannot run, or null when it can.</summary>
    internal static string? SkipReason(string? remotes, Func<string, string?> url)
    {
        if (remotes is null)
        {
            return "git is not available or this is not a git clone: the build has no Source Link map to check.";
        }

        var names = remotes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            return "this clone has no git remote, so Source Link has no repository URL to map the sources to; clone from the repository (or add a remote) to run this check.";
        }

        var name = names.Contains("origin") ? "origin" : names.Length == 1 ? names[0] : null;
        if (name is null)
        {
            return "this clone has several git remotes and none is named origin, so Source Link picks none.";
        }

        var address = url(name) ?? "";
        var hosted = address.StartsWith("https://", StringComparison.Ordinal) || address.StartsWith("http://", StringComparison.Ordinal)
            || address.StartsWith("ssh://", StringComparison.Ordinal) || System.Text.RegularExpressions.Regex.IsMatch(address, @"^[\w.-]+@[\w.-]+:");
        return hosted
            ? null
            : $"the git remote '{name}' is '{address}', a folder rather than a hosted repository, so Source Link has no URL to map the sources to.";
    }
}
