namespace ManagedServices.Analysis;

/// <summary>The answer of <see cref="AccessAnalysis.WhichRolesCan"/>.</summary>
public sealed record RoleReachResult
{
    /// <summary>The roles that can reach the pattern, in catalog order.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RoleReach> Roles { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Errors: a malformed pattern (MSC4001), a role not decided within the budget (MSC4002, the role is then not listed).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<Diagnostic> Diagnostics { get; init => field = value.OrEmpty(); } = [];
}
