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
