using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Offers;

namespace ManagedServices.Tests.TestSupport;

/// <summary>
/// The one set of FsCheck generators for authorizations and just-in-time policies, parameterised by the pools each
/// test area draws from (principals, roles, delegated roles, approvers, durations). Each area's arbitraries
/// (Access, Templates, Validation, Lifecycle) pass their pools instead of writing the generator again.
/// </summary>
internal static class ModelGenerators
{
    /// <summary>Permanent authorizations.</summary>
    /// <param name="principals">The principals.</param>
    /// <param name="roles">The roles.</param>
    /// <param name="delegated">The delegated roles.</param>
    /// <param name="delegatedOnlyForUserAccessAdministrator">True to give delegated roles only to User Access Administrator (as Azure requires).</param>
    public static Gen<Authorization> Authorizations(
        Gen<Principal> principals, Gen<RoleDefinitionId> roles, Gen<ImmutableArray<RoleDefinitionId>> delegated, bool delegatedOnlyForUserAccessAdministrator = false) =>
        from principal in principals
        from role in roles
        from d in delegated
        select new Authorization
        {
            Principal = principal,
            RoleDefinitionId = role,
            DelegatedRoleDefinitionIds = !delegatedOnlyForUserAccessAdministrator || role == BuiltInRoleIds.UserAccessAdministrator ? d : [],
        };

    /// <summary>Just-in-time access policies.</summary>
    /// <param name="multiFactorAuth">The multi-factor authentication providers.</param>
    /// <param name="durations">The maximum activation durations.</param>
    /// <param name="approvers">The approver lists.</param>
    public static Gen<JustInTimeAccessPolicy> Policies(
        Gen<MultiFactorAuthProvider> multiFactorAuth, Gen<TimeSpan> durations, Gen<ImmutableArray<Principal>> approvers) =>
        from mfa in multiFactorAuth
        from duration in durations
        from a in approvers
        select new JustInTimeAccessPolicy { MultiFactorAuthProvider = mfa, MaximumActivationDuration = duration, Approvers = a };

    /// <summary>Eligible authorizations.</summary>
    /// <param name="principals">The principals.</param>
    /// <param name="roles">The roles.</param>
    /// <param name="policies">The just-in-time policies.</param>
    /// <param name="delegated">The delegated roles (none when null).</param>
    public static Gen<EligibleAuthorization> Eligible(
        Gen<Principal> principals, Gen<RoleDefinitionId> roles, Gen<JustInTimeAccessPolicy> policies, Gen<ImmutableArray<RoleDefinitionId>>? delegated = null) =>
        from principal in principals
        from role in roles
        from policy in policies
        from d in delegated ?? Gen.Constant(ImmutableArray<RoleDefinitionId>.Empty)
        select new EligibleAuthorization { Principal = principal, RoleDefinitionId = role, JustInTimeAccessPolicy = policy, DelegatedRoleDefinitionIds = d };

    /// <summary>Lists of up to <paramref name="max"/> items of a generator.</summary>
    public static Gen<ImmutableArray<T>> UpTo<T>(Gen<T> items, int max) => items.ListOf().Select(l => l.Take(max).ToImmutableArray());

    /// <summary>Any subset of a pool, as an immutable array.</summary>
    public static Gen<ImmutableArray<T>> SubsetOf<T>(IEnumerable<T> pool) => Gen.SubListOf(pool).Select(l => l.ToImmutableArray());
}
