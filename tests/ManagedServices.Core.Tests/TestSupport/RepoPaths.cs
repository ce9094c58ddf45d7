namespace ManagedServices.Tests.TestSupport;

/// <summary>Locates the repository root (the folder of ManagedServices.Core.sln) and the shared reference folder beside it.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ManagedServices.Core.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ManagedServices.Core.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The audit examples (<c>docs/examples/audit</c>): REST shapes as Azure returns them.</summary>
    public static string AuditExamples => Path.Combine(Root, "docs", "examples", "audit");

    /// <summary>The shared reference folder (../shared beside the checkout), whether or not it exists.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>True when ../shared is present.</summary>
    public static bool HasShared => Directory.Exists(Shared);
}
