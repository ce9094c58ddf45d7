using ManagedServices.Benchmarks;

namespace ManagedServices.Tests.Access;

/// <summary>A fact that is skipped, with a message, when the shared workload (../shared/workload beside the repository root) is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AccessWorkloadFactAttribute : FactAttribute
{
    public AccessWorkloadFactAttribute()
    {
        if (AccessWorkload.FindSharedDirectory() is null)
        {
            Skip = "The shared workload (../shared/workload beside the repository root) is not present.";
        }
    }
}

/// <summary>
/// The shared workload (../shared/workload), loaded once for every test that reads it; tests that use it are
/// <see cref="AccessWorkloadFactAttribute"/> facts, which skip when it is absent.
/// </summary>
internal static class SharedAccessWorkload
{
    private static readonly Lazy<AccessWorkload> Loaded = new(() => AccessWorkload.Load(AccessWorkload.FindSharedDirectory()!));

    /// <summary>The workload.</summary>
    public static AccessWorkload Value => Loaded.Value;
}
