using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Architecture;

/// <summary>The tests share one repository-root helper (<see cref="RepoPaths"/>) instead of walking up from the binaries.</summary>
public class TestSupportTests
{
    [Fact]
    public void OnlyRepoPaths_FindsTheRepositoryRoot()
    {
        var tests = Path.Combine(RepoPaths.Root, "tests");
        var offenders = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        Path.GetFileName(f) is not ("RepoPaths.cs" or "TestSupportTests.cs"))
            .Where(f => File.ReadAllText(f) is var text &&
                        (text.Contains("ManagedServices.Core.sln", StringComparison.Ordinal) || text.Contains("new DirectoryInfo(AppContext.BaseDirectory)", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(tests, f))
            .ToList();

        Assert.True(offenders.Count == 0, "Use TestSupport/RepoPaths instead of finding the repository root in: " + string.Join(", ", offenders));
    }

    /// <summary>
    /// Tests never assert on wall-clock time: a timed assert fails on a busy machine without a bug. Count steps or bound
    /// allocations instead; measure speed with BenchmarkDotNet in benchmarks/.
    /// </summary>
    [Fact]
    public void NoTest_TimesItself()
    {
        // The clock type's name is spelled in two pieces so that this rule's own list is not a use of it for text scans
        // of the tests (this file is also skipped below).
        string[] clocks = ["Stop" + "watch", "Environment.TickCount", "DateTime.Now", "DateTime.UtcNow", "DateTimeOffset.Now", "DateTimeOffset.UtcNow", "GetTimestamp("];
        var tests = Path.Combine(RepoPaths.Root, "tests");
        var offenders = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        Path.GetFileName(f) != "TestSupportTests.cs")
            .SelectMany(f => clocks.Where(c => File.ReadAllText(f).Contains(c, StringComparison.Ordinal)).Select(c => $"{Path.GetRelativePath(tests, f)} ({c})"))
            .ToList();

        Assert.True(offenders.Count == 0, "Tests must not read the clock (use FakeTimeProvider, count steps or bound allocations): " + string.Join(", ", offenders));
    }
}
