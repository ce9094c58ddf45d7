using System.Reflection;

namespace ManagedServices.Tests;

/// <summary>Every diagnostic code is documented in docs/diagnostics.md, and no two rules share a code.</summary>
public class DiagnosticsCatalogTests
{
    private static IReadOnlyList<(string Name, string Code)> Codes() =>
        [.. typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!))];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ManagedServices.Core.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ManagedServices.Core.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void DiagnosticCodes_AreAllDocumented()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        var codes = Codes();
        Assert.NotEmpty(codes);

        var missing = codes.Where(c => !page.Contains($"`{c.Code}`", StringComparison.Ordinal)).Select(c => $"{c.Name} = {c.Code}").ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void DiagnosticCodes_AreUniqueAndWellFormed()
    {
        var codes = Codes();

        Assert.All(codes, c => Assert.Matches("^MSC[0-9]{4}$", c.Code));
        var duplicates = codes.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => c.Name))}").ToList();
        Assert.Empty(duplicates);
    }
}
