using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Offers;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Validation;

/// <summary>
/// FsCheck generators for the offer model, usable with
/// <c>[Property(Arbitrary = new[] { typeof(ModelArbitraries) })]</c>. Identifiers come from small pools so that
/// duplicates, repeated principals and shared roles (the interesting cases for validation) happen often; strings are
/// printable (no control characters); roles mix delegable, restricted, data-action, Owner, User Access Administrator
/// and unknown IDs.
/// </summary>
public static class ModelArbitraries
{
    private const string IdChars = "abcxyz019-_";
    private const string NameChars = "abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789-_.()'é";

    /// <summary>Roles the generators draw from (by ID), chosen to hit every role rule of the validator.</summary>
    public static ImmutableArray<RoleDefinitionId> RolePool { get; } =
    [
        BuiltInRoleIds.Reader,
        BuiltInRoleIds.Contributor,
        BuiltInRoleIds.RegistrationAssignmentDelete,
        BuiltInRoleIds.Owner,
        BuiltInRoleIds.UserAccessAdministrator,
        ManagedServices.RoleDefinitionId.Parse("43d0d8ad-25c7-4714-9337-8ba259a9fe05"), // Monitoring Reader
        ManagedServices.RoleDefinitionId.Parse("9980e02c-c2be-4d73-94e8-173b1dc7cf3c"), // Virtual Machine Contributor
        ManagedServices.RoleDefinitionId.Parse("f58310d9-a9f6-439a-9e8d-f62e7b41a168"), // Role Based Access Control Administrator (restricted)
        ManagedServices.RoleDefinitionId.Parse("92aaf0da-9dab-42b6-94a3-d43ce8d16293"), // Log Analytics Contributor (data actions)
        ManagedServices.RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000aa"), // not a built-in role
    ];

    /// <summary>Short identifiers, mostly valid offer/plan IDs, sometimes empty, too long or with bad characters.</summary>
    public static Gen<string> IdGen { get; } = Gen.Frequency(
        (8, StringOf(IdChars, 1, 12)),
        (1, StringOf("ABC !é", 1, 5)),
        (1, Gen.Constant("")),
        (1, StringOf("ab", 49, 52)));

    /// <summary>Printable names (no control characters), sometimes blank.</summary>
    public static Gen<string> NameGen { get; } = Gen.Frequency(
        (9, StringOf(NameChars, 1, 20)),
        (1, Gen.Elements("", " ")));

    /// <summary>GUIDs from a pool of <paramref name="size"/> values (with a fixed prefix per pool kind).</summary>
    private static Gen<Guid> PooledGuid(int kind, int size) =>
        Gen.Choose(1, size).Select(i => new Guid(kind, 0x1234, 0x4567, 0x80, 0, 0, 0, 0, 0, 0, (byte)i));

    private static Gen<string> StringOf(string alphabet, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.Elements(alphabet.ToCharArray()).ArrayOf(n)).Select(cs => new string(cs));

    private static Gen<ImmutableArray<T>> ListOf<T>(Gen<T> gen, int max) =>
        Gen.Choose(0, max).SelectMany(n => gen.ArrayOf(n)).Select(a => a.ToImmutableArray());

    /// <summary>Principal IDs from a pool of six.</summary>
    public static Gen<PrincipalId> PrincipalIdGen { get; } = PooledGuid(1, 6).Select(g => new PrincipalId(g));

    /// <summary>Tenant IDs from a pool of three, plus the empty GUID now and then.</summary>
    public static Gen<TenantId> TenantIdGen { get; } = Gen.Frequency(
        (9, PooledGuid(2, 3).Select(g => new TenantId(g))),
        (1, Gen.Constant(default(TenantId))));

    /// <summary>Subscription IDs from a pool of eight.</summary>
    public static Gen<SubscriptionId> SubscriptionIdGen { get; } = PooledGuid(3, 8).Select(g => new SubscriptionId(g));

    /// <summary>Role IDs from <see cref="RolePool"/>.</summary>
    public static Gen<RoleDefinitionId> RoleIdGen { get; } = Gen.Elements(RolePool.ToArray());

    /// <summary>Principals of every kind, with or without display names.</summary>
    public static Gen<Principal> PrincipalGen { get; } =
        from id in PrincipalIdGen
        from kind in Gen.Elements(PrincipalKind.Unknown, PrincipalKind.User, PrincipalKind.Group, PrincipalKind.ServicePrincipal)
        from name in Gen.Frequency((4, NameGen.Select(n => (string?)n)), (1, Gen.Constant((string?)null)))
        select new Principal { Id = id, Kind = kind, DisplayName = name };

    /// <summary>Just-in-time policies: durations from 0 to 10 hours in 15-minute steps, known and unknown MFA values, 0 to 12 approvers.</summary>
    public static Gen<JustInTimeAccessPolicy> PolicyGen { get; } =
        ModelGenerators.Policies(
            Gen.Elements("Azure", "None", "azure", "Phone").Select(mfa => new MultiFactorAuthProvider(mfa)),
            Gen.Choose(0, 40).Select(quarters => TimeSpan.FromMinutes(15 * quarters)),
            Gen.Frequency((4, ListOf(PrincipalGen, 2)), (1, ListOf(PrincipalGen, 12))));

    /// <summary>Permanent authorizations, sometimes with delegated roles.</summary>
    public static Gen<Authorization> AuthorizationGen { get; } =
        ModelGenerators.Authorizations(PrincipalGen, RoleIdGen, Gen.Frequency((3, Gen.Constant(ImmutableArray<RoleDefinitionId>.Empty)), (1, ListOf(RoleIdGen, 3))));

    /// <summary>Eligible authorizations, rarely with delegated roles; policies are often shared so that equal policies occur.</summary>
    public static Gen<EligibleAuthorization> EligibleAuthorizationGen { get; } =
        ModelGenerators.Eligible(
            PrincipalGen,
            RoleIdGen,
            Gen.Frequency((2, Gen.Constant(ManagedServices.Offers.JustInTimeAccessPolicy.Default)), (3, PolicyGen)),
            Gen.Frequency((6, Gen.Constant(ImmutableArray<RoleDefinitionId>.Empty)), (1, ListOf(RoleIdGen, 2))));

    /// <summary>Manifests with 0 to 8 permanent and 0 to 5 eligible authorizations.</summary>
    public static Gen<DelegationManifest> ManifestGen { get; } =
        from major in Gen.Choose(0, 3)
        from minor in Gen.Choose(0, 12)
        from tenant in TenantIdGen
        from authorizations in ListOf(AuthorizationGen, 8)
        from eligible in ListOf(EligibleAuthorizationGen, 5)
        select new DelegationManifest
        {
            Version = new ManifestVersion(major, minor, 0),
            ManagingTenantId = tenant,
            Authorizations = authorizations,
            EligibleAuthorizations = eligible,
        };

    /// <summary>Public and private plans with small audiences.</summary>
    public static Gen<Plan> PlanGen { get; } =
        from id in IdGen
        from name in NameGen
        from description in Gen.Frequency((1, Gen.Constant((string?)null)), (2, NameGen.Select(n => (string?)n)))
        from visibility in Gen.Elements(PlanVisibility.Public, PlanVisibility.Private)
        from audience in ListOf(SubscriptionIdGen, 4)
        from stopSold in Gen.Elements(false, true)
        from manifest in ManifestGen
        select new Plan
        {
            Id = id,
            Name = name,
            Description = description,
            Visibility = visibility,
            Audience = audience,
            IsStopSold = stopSold,
            Manifest = manifest,
        };

    /// <summary>Offers with 0 to 3 plans.</summary>
    public static Gen<Offer> OfferGen { get; } =
        from id in IdGen
        from displayName in NameGen
        from publisher in IdGen
        from description in Gen.Frequency((1, Gen.Constant((string?)null)), (2, NameGen.Select(n => (string?)n)))
        from plans in ListOf(PlanGen, 3)
        select new Offer { Id = id, DisplayName = displayName, PublisherId = publisher, Description = description, Plans = plans };

    /// <summary>Arbitrary principal IDs.</summary>
    public static Arbitrary<PrincipalId> PrincipalId() => Arb.From(PrincipalIdGen);

    /// <summary>Arbitrary tenant IDs.</summary>
    public static Arbitrary<TenantId> TenantId() => Arb.From(TenantIdGen);

    /// <summary>Arbitrary subscription IDs.</summary>
    public static Arbitrary<SubscriptionId> SubscriptionId() => Arb.From(SubscriptionIdGen);

    /// <summary>Arbitrary role IDs.</summary>
    public static Arbitrary<RoleDefinitionId> RoleDefinitionId() => Arb.From(RoleIdGen);

    /// <summary>Arbitrary principals.</summary>
    public static Arbitrary<Principal> Principal() => Arb.From(PrincipalGen);

    /// <summary>Arbitrary just-in-time policies.</summary>
    public static Arbitrary<JustInTimeAccessPolicy> JustInTimeAccessPolicy() => Arb.From(PolicyGen);

    /// <summary>Arbitrary permanent authorizations.</summary>
    public static Arbitrary<Authorization> Authorization() => Arb.From(AuthorizationGen);

    /// <summary>Arbitrary eligible authorizations.</summary>
    public static Arbitrary<EligibleAuthorization> EligibleAuthorization() => Arb.From(EligibleAuthorizationGen);

    /// <summary>Arbitrary manifests.</summary>
    public static Arbitrary<DelegationManifest> DelegationManifest() => Arb.From(ManifestGen);

    /// <summary>Arbitrary plans.</summary>
    public static Arbitrary<Plan> Plan() => Arb.From(PlanGen);

    /// <summary>Arbitrary offers.</summary>
    public static Arbitrary<Offer> Offer() => Arb.From(OfferGen);
}
