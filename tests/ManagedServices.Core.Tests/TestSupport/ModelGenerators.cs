using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Offers;

namespace ManagedServices.Tests.TestSupport;

/// <summary>
/// The one set of FsCheck generators for the offer model (principals, authorizations, just-in-time policies,
/// manifests, plans, offers) and the list and text helpers they share, parameterised by the pools each test area draws
/// from. Each area's arbitraries (Access, Arm, Validation, Lifecycle, Reporting) pass their pools instead of writing a
/// generator again.
/// </summary>
/// <remarks>
/// One naming style across the tests: a generator is a static method named for the one value it generates, in the
/// singular (<c>Authorization()</c>, <c>Manifest()</c>); a method that wraps a generator as an FsCheck
/// <see cref="Arbitrary{T}"/> (for <c>[Property(Arbitrary = ...)]</c>) is named <c>...Arbitrary()</c>.
/// </remarks>
internal static class ModelGenerators
{
    /// <summary>Principals.</summary>
    /// <param name="ids">The principal IDs.</param>
    /// <param name="kinds">The principal kinds.</param>
    /// <param name="names">The display names (null for none).</param>
    public static Gen<Principal> Principal(Gen<PrincipalId> ids, Gen<PrincipalKind> kinds, Gen<string?> names) =>
        from id in ids
        from kind in kinds
        from name in names
        select new Principal { Id = id, Kind = kind, DisplayName = name };

    /// <summary>Every principal kind the model defines, <see cref="PrincipalKind.Unknown"/> included.</summary>
    public static Gen<PrincipalKind> AnyKind() =>
        Gen.Elements(PrincipalKind.Unknown, PrincipalKind.User, PrincipalKind.Group, PrincipalKind.ServicePrincipal);

    /// <summary>Permanent authorizations.</summary>
    /// <param name="principals">The principals.</param>
    /// <param name="roles">The roles.</param>
    /// <param name="delegated">The delegated roles.</param>
    /// <param name="delegatedOnlyForUserAccessAdministrator">True to give delegated roles only to User Access Administrator (as Azure requires).</param>
    public static Gen<Authorization> Authorization(
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
    public static Gen<JustInTimeAccessPolicy> Policy(
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

    /// <summary>Delegation manifests.</summary>
    /// <param name="tenants">The managing tenants.</param>
    /// <param name="versions">The versions.</param>
    /// <param name="authorizations">The permanent authorization lists.</param>
    /// <param name="eligible">The eligible authorization lists.</param>
    public static Gen<DelegationManifest> Manifest(
        Gen<TenantId> tenants, Gen<ManifestVersion> versions, Gen<ImmutableArray<Authorization>> authorizations, Gen<ImmutableArray<EligibleAuthorization>> eligible) =>
        from tenant in tenants
        from version in versions
        from a in authorizations
        from e in eligible
        select new DelegationManifest { ManagingTenantId = tenant, Version = version, Authorizations = a, EligibleAuthorizations = e };

    /// <summary>Manifest versions with each part drawn from <paramref name="parts"/>.</summary>
    public static Gen<ManifestVersion> Version(Gen<int> parts) =>
        from major in parts
        from minor in parts
        from patch in parts
        select new ManifestVersion(major, minor, patch);

    /// <summary>Plans: both visibilities, stop-sold or not.</summary>
    /// <param name="ids">The plan IDs.</param>
    /// <param name="names">The plan names.</param>
    /// <param name="descriptions">The descriptions (null for none).</param>
    /// <param name="audiences">The private audiences.</param>
    /// <param name="manifests">The manifests.</param>
    public static Gen<Plan> Plan(
        Gen<string> ids, Gen<string> names, Gen<string?> descriptions, Gen<ImmutableArray<SubscriptionId>> audiences, Gen<DelegationManifest> manifests) =>
        from id in ids
        from name in names
        from description in descriptions
        from visibility in Gen.Elements(PlanVisibility.Public, PlanVisibility.Private)
        from audience in audiences
        from stopSold in Gen.Elements(false, true)
        from manifest in manifests
        select new Plan { Id = id, Name = name, Description = description, Visibility = visibility, Audience = audience, IsStopSold = stopSold, Manifest = manifest };

    /// <summary>Offers.</summary>
    /// <param name="ids">The offer IDs.</param>
    /// <param name="displayNames">The display names.</param>
    /// <param name="publishers">The publisher IDs.</param>
    /// <param name="descriptions">The descriptions (null for none).</param>
    /// <param name="plans">The plan lists.</param>
    public static Gen<Offer> Offer(
        Gen<string> ids, Gen<string> displayNames, Gen<string> publishers, Gen<string?> descriptions, Gen<ImmutableArray<Plan>> plans) =>
        from id in ids
        from displayName in displayNames
        from publisher in publishers
        from description in descriptions
        from p in plans
        select new Offer { Id = id, DisplayName = displayName, PublisherId = publisher, Description = description, Plans = p };

    /// <summary>Lists of 0 to <paramref name="max"/> items, every length equally likely.</summary>
    public static Gen<ImmutableArray<T>> ListOf<T>(Gen<T> items, int max) =>
        Gen.Choose(0, max).SelectMany(n => items.ArrayOf(n)).Select(static a => a.ToImmutableArray());

    /// <summary>Lists of up to <paramref name="max"/> items, sized by FsCheck (short lists early in a run, longer later).</summary>
    public static Gen<ImmutableArray<T>> UpTo<T>(Gen<T> items, int max) => items.ListOf().Select(l => l.Take(max).ToImmutableArray());

    /// <summary>Any subset of a pool, as an immutable array.</summary>
    public static Gen<ImmutableArray<T>> SubsetOf<T>(IEnumerable<T> pool) => Gen.SubListOf(pool).Select(l => l.ToImmutableArray());

    /// <summary>Text of <paramref name="min"/> to <paramref name="max"/> pieces drawn from <paramref name="pieces"/> (characters, or whole code points).</summary>
    public static Gen<string> Text(IReadOnlyList<string> pieces, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.Elements(pieces.AsEnumerable()).ArrayOf(n)).Select(static parts => string.Concat(parts));

    /// <summary>Text of <paramref name="min"/> to <paramref name="max"/> characters of <paramref name="alphabet"/>.</summary>
    public static Gen<string> Text(string alphabet, int min, int max) => Text(alphabet.Select(static c => c.ToString()).ToArray(), min, max);

    /// <summary>The values of <paramref name="items"/>, or null with weight 1 against <paramref name="weight"/>.</summary>
    public static Gen<T?> OrNone<T>(Gen<T> items, int weight = 2)
        where T : class =>
        Gen.Frequency((1, Gen.Constant((T?)null)), (weight, items.Select(static x => (T?)x)));
}
