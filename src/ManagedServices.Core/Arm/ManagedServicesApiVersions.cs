namespace ManagedServices.Arm;

/// <summary>The api-versions of <c>Microsoft.ManagedServices</c> and what each can carry.</summary>
public static class ManagedServicesApiVersions
{
    /// <summary>The newest stable version, used by default (<c>2022-10-01</c>).</summary>
    public const string Default = "2022-10-01";

    /// <summary>The first version with eligible authorizations (<c>2020-02-01-preview</c>).</summary>
    public const string EligibleAuthorizations = "2020-02-01-preview";

    /// <summary>The first version with approvers (<c>managedByTenantApprovers</c>, <c>2022-01-01-preview</c>).</summary>
    public const string Approvers = "2022-01-01-preview";

    private static readonly string[] Ordered =
    [
        "2018-06-01-preview", "2019-04-01-preview", "2019-06-01", "2019-09-01", "2020-02-01-preview", "2022-01-01-preview", "2022-10-01",
    ];

    /// <summary>Every known version, oldest first.</summary>
    public static ImmutableArray<string> All { get; } = [.. Ordered];

    /// <summary>True when <paramref name="apiVersion"/> is a known version.</summary>
    /// <param name="apiVersion">The version text.</param>
    /// <returns>True when known.</returns>
    public static bool IsKnown(string? apiVersion) => Rank(apiVersion) >= 0;

    /// <summary>True when <paramref name="apiVersion"/> is known and can carry eligible authorizations.</summary>
    /// <param name="apiVersion">The version text.</param>
    /// <returns>True when supported.</returns>
    public static bool SupportsEligibleAuthorizations(string? apiVersion) => Rank(apiVersion) >= Rank(EligibleAuthorizations);

    /// <summary>True when <paramref name="apiVersion"/> is known and can carry approvers.</summary>
    /// <param name="apiVersion">The version text.</param>
    /// <returns>True when supported.</returns>
    public static bool SupportsApprovers(string? apiVersion) => Rank(apiVersion) >= Rank(Approvers);

    private static int Rank(string? apiVersion) =>
        apiVersion is null ? -1 : Array.FindIndex(Ordered, v => string.Equals(v, apiVersion, StringComparison.OrdinalIgnoreCase));
}
