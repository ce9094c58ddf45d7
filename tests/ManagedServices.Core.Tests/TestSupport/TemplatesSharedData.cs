namespace ManagedServices.Tests.TestSupport;

/// <summary>Locates the shared reference folder (<c>../shared</c> next to the repository root).</summary>
internal static class TemplatesSharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The shared folder, or null when it is absent.</summary>
    public static string? SharedRoot => Root.Value;

    public static string SkipReason =>
        "The shared reference folder (../shared next to the repository root, with corpus/lighthouse-samples) is absent; corpus tests are skipped.";

    /// <summary>The Lighthouse samples folder (<c>corpus/lighthouse-samples/templates</c>).</summary>
    public static string Samples => Path.Combine(SharedRoot ?? throw new InvalidOperationException(SkipReason), "corpus", "lighthouse-samples", "templates");

    /// <summary>Every sample template (the JSON files of <see cref="Samples"/> whose names do not say "parameters").</summary>
    public static List<string> SampleTemplates() =>
        [.. Directory.EnumerateFiles(Samples, "*.json", SearchOption.AllDirectories)
            .Where(static f => !Path.GetFileName(f).Contains("parameters", StringComparison.OrdinalIgnoreCase))];

    private static string? Find() =>
        Directory.Exists(Path.Combine(RepoPaths.Shared, "corpus", "lighthouse-samples")) ? RepoPaths.Shared : null;
}

/// <summary>A fact that is skipped (with a reason) when the shared reference folder is absent.</summary>
public sealed class TemplatesSharedFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the shared folder is missing.</summary>
    public TemplatesSharedFactAttribute()
    {
        if (TemplatesSharedData.SharedRoot is null)
        {
            Skip = TemplatesSharedData.SkipReason;
        }
    }
}

/// <summary>A theory that is skipped (with a reason) when the shared reference folder is absent.</summary>
public sealed class TemplatesSharedTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the shared folder is missing.</summary>
    public TemplatesSharedTheoryAttribute()
    {
        if (TemplatesSharedData.SharedRoot is null)
        {
            Skip = TemplatesSharedData.SkipReason;
        }
    }
}
