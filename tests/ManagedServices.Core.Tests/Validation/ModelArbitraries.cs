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
    public static Gen<string> Id() => Gen.Frequency(
        (8, ModelGenerators.Text(IdChars, 1, 12)),
        (1, ModelGenerators.Text("ABC !é", 1, 5)),
        (1, Gen.Constant("")),
        (1, ModelGenerators.Text("ab", 49, 52)));

    /// <summary>Printable names (no control characters), sometimes blank.</summary>
    public static Gen<string> Name() => Gen.Frequency(
        (9, ModelGenerators.Text(NameChars, 1, 20)),
        (1, Gen.Elements("", " ")));

    /// <summary>GUIDs from a pool of <paramref name="size"/> values (with a fixed prefix per pool kind).</summary>
    private static Gen<Guid> PooledGuid(int kind, int size) =>
        Gen.Choose(1, size).Select(i => new Guid(kind, 0x1234, 0x4567, 0x80, 0, 0, 0, 0, 0, 0, (byte)i));

    /// <summary>Principal IDs from a pool of six.</summary>
    public static Gen<PrincipalId> PrincipalId() => PooledGuid(1, 6).Select(g => new PrincipalId(g));

    /// <summary>Tenant IDs from a pool of three, plus the empty GUID now and then.</summary>
    public static Gen<TenantId> TenantId() => Gen.Frequency(
        (9, PooledGuid(2, 3).Select(g => new TenantId(g))),
        (1, Gen.Constant(default(TenantId))));

    /// <summary>Subscription IDs from a pool of eight.</summary>
    public static Gen<SubscriptionId> SubscriptionId() => PooledGuid(3, 8).Select(g => new SubscriptionId(g));

    /// <summary>Role IDs from <see cref="RolePool"/>.</summary>
    public static Gen<RoleDefinitionId> RoleDefinitionId() => Gen.Elements(RolePool.AsEnumerable());

    /// <summary>Principals of every kind, with or without display names.</summary>
    public static Gen<Principal> Principal() =>
        ModelGenerators.Principal(PrincipalId(), ModelGenerators.AnyKind(), ModelGenerators.OrNone(Name(), weight: 4));

    /// <summary>Just-in-time policies: durations from 0 to 10 hours in 15-minute steps, known and unknown MFA values, 0 to 12 approvers.</summary>
    public static Gen<JustInTimeAccessPolicy> Policy() =>
        ModelGenerators.Policy(
            Gen.Elements("Azure", "None", "azure", "Phone").Select(mfa => new MultiFactorAuthProvider(mfa)),
            Gen.Choose(0, 40).Select(quarters => TimeSpan.FromMinutes(15 * quarters)),
            Gen.Frequency((4, ModelGenerators.ListOf(Principal(), 2)), (1, ModelGenerators.ListOf(Principal(), 12))));

    /// <summary>Permanent authorizations, sometimes with delegated roles.</summary>
    public static Gen<Authorization> Authorization() =>
        ModelGenerators.Authorization(
            Principal(), RoleDefinitionId(), Gen.Frequency((3, Gen.Constant(ImmutableArray<RoleDefinitionId>.Empty)), (1, ModelGenerators.ListOf(RoleDefinitionId(), 3))));

    /// <summary>Eligible authorizations, rarely with delegated roles; policies are often shared so that equal policies occur.</summary>
    public static Gen<EligibleAuthorization> Eligible() =>
        ModelGenerators.Eligible(
            Principal(),
            RoleDefinitionId(),
            Gen.Frequency((2, Gen.Constant(ManagedServices.Offers.JustInTimeAccessPolicy.Default)), (3, Policy())),
            Gen.Frequency((6, Gen.Constant(ImmutableArray<RoleDefinitionId>.Empty)), (1, ModelGenerators.ListOf(RoleDefinitionId(), 2))));

    /// <summary>Manifests with 0 to 8 permanent and 0 to 5 eligible authorizations.</summary>
    public static Gen<DelegationManifest> Manifest() =>
        ModelGenerators.Manifest(
            TenantId(),
            from major in Gen.Choose(0, 3) from minor in Gen.Choose(0, 12) select new ManifestVersion(major, minor, 0),
            ModelGenerators.ListOf(Authorization(), 8),
            ModelGenerators.ListOf(Eligible(), 5));

    /// <summary>Public and private plans with small audiences.</summary>
    public static Gen<Plan> Plan() =>
        ModelGenerators.Plan(Id(), Name(), ModelGenerators.OrNone(Name()), ModelGenerators.ListOf(SubscriptionId(), 4), Manifest());

    /// <summary>Offers with 0 to 3 plans.</summary>
    public static Gen<Offer> Offer() =>
        ModelGenerators.Offer(Id(), Name(), Id(), ModelGenerators.OrNone(Name()), ModelGenerators.ListOf(Plan(), 3));

    /// <summary>Arbitrary principal IDs.</summary>
    public static Arbitrary<PrincipalId> PrincipalIdArbitrary() => Arb.From(PrincipalId());

    /// <summary>Arbitrary tenant IDs.</summary>
    public static Arbitrary<TenantId> TenantIdArbitrary() => Arb.From(TenantId());

    /// <summary>Arbitrary subscription IDs.</summary>
    public static Arbitrary<SubscriptionId> SubscriptionIdArbitrary() => Arb.From(SubscriptionId());

    /// <summary>Arbitrary role IDs.</summary>
    public static Arbitrary<RoleDefinitionId> RoleDefinitionIdArbitrary() => Arb.From(RoleDefinitionId());

    /// <summary>Arbitrary principals.</summary>
    public static Arbitrary<Principal> PrincipalArbitrary() => Arb.From(Principal());

    /// <summary>Arbitrary just-in-time policies.</summary>
    public static Arbitrary<JustInTimeAccessPolicy> PolicyArbitrary() => Arb.From(Policy());

    /// <summary>Arbitrary permanent authorizations.</summary>
    public static Arbitrary<Authorization> AuthorizationArbitrary() => Arb.From(Authorization());

    /// <summary>Arbitrary eligible authorizations.</summary>
    public static Arbitrary<EligibleAuthorization> EligibleArbitrary() => Arb.From(Eligible());

    /// <summary>Arbitrary manifests.</summary>
    public static Arbitrary<DelegationManifest> ManifestArbitrary() => Arb.From(Manifest());

    /// <summary>Arbitrary plans.</summary>
    public static Arbitrary<Plan> PlanArbitrary() => Arb.From(Plan());

    /// <summary>Arbitrary offers.</summary>
    public static Arbitrary<Offer> OfferArbitrary() => Arb.From(Offer());
}
