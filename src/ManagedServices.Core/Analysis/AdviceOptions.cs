using ManagedServices.Access;

namespace ManagedServices.Analysis;

/// <summary>What <see cref="LeastPrivilegeAdvisor.Advise"/> considers.</summary>
public sealed record AdviceOptions
{
    /// <summary>
    /// The groups each caller belongs to (authorizations usually name groups, events name users). Default: none, so
    /// only authorizations naming the caller itself count.
    /// </summary>
    public IGroupMembershipProvider? Groups { get; init; }

    /// <summary>Only this principal: an authorization's principal, or a caller (then the authorization principals it acts through). Default: all.</summary>
    public PrincipalId? PrincipalId { get; init; }

    /// <summary>The roles. Default: <see cref="RoleCatalog.BuiltIn"/>.</summary>
    public RoleCatalog? RoleCatalog { get; init; }

    /// <summary>The node budget of the exact search per principal; beyond it the greedy answer is given (<c>MSC4007</c>).</summary>
    /// <value>The default value is 200,000.</value>
    public int ExactSearchBudget { get; init; } = 200_000;
}
