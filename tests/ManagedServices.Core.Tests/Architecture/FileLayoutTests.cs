using System.Text.RegularExpressions;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Architecture;

/// <summary>
/// One public type per file, in a file named for it (<c>Type.cs</c>, or <c>Type.Part.cs</c> for a part of a partial
/// type), so a reader finds a type by its name.
/// </summary>
public partial class FileLayoutTests
{
    [Fact]
    public void EveryFile_DeclaresAtMostOnePublicType_NamedLikeTheFile()
    {
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "ManagedServices.Core"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            var types = PublicTypes(File.ReadAllText(file));
            var expected = Path.GetFileName(file).Split('.')[0];
            if (types.Count > 1)
            {
                offenders.Add($"{relative}: {types.Count} public types ({string.Join(", ", types)})");
            }
            else if (types.Count == 1 && types[0] != expected)
            {
                offenders.Add($"{relative}: declares {types[0]}, so it is named {types[0]}.cs");
            }
        }

        Assert.True(offenders.Count == 0, "One public type per file, named for it:" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void TheScan_FindsTopLevelPublicTypesOnly()
    {
        const string Source = """
            namespace N;

            /// <summary>public class InAComment</summary>
            public sealed record A
            {
                public enum Nested { X }
            }

            internal static class B;

            public readonly record struct C(int X);
            public delegate void D(int x);
            """;

        Assert.Equal(["A", "C", "D"], PublicTypes(Source));
    }

    private static List<string> PublicTypes(string source) =>
        [.. TopLevelPublicType().Matches(source).Select(static m => m.Groups["name"].Value)];

    [GeneratedRegex(@"^public\s+(?:(?:sealed|static|abstract|readonly|partial|unsafe|ref)\s+)*(?:(?:class|record\s+struct|record\s+class|record|struct|enum|interface)\s+(?<name>\w+)|delegate\s+[\w<>\[\],.? ]+?\s+(?<name>\w+)\s*[<(])", RegexOptions.Multiline)]
    private static partial Regex TopLevelPublicType();
}
