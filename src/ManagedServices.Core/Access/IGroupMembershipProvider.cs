namespace ManagedServices.Access;

/// <summary>
/// The transitive group memberships of managing-tenant principals, as a token carries them. Implementations must be
/// thread-safe and should not allocate in <see cref="GetGroups"/>.
/// </summary>
public interface IGroupMembershipProvider
{
    /// <summary>The groups <paramref name="principalId"/> belongs to, directly or through nested groups.</summary>
    /// <param name="principalId">A user, group or service principal of the managing tenant.</param>
    /// <returns>The group IDs; empty when none are known.</returns>
    ImmutableArray<PrincipalId> GetGroups(PrincipalId principalId);
}
