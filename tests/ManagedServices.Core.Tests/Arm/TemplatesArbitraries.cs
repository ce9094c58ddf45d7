using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Offers;
using ManagedServices.Arm;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Arm;

/// <summary>An onboarding definition and target that the writer accepts.</summary>
public sealed record TemplateCase(OnboardingDefinition Definition, OnboardingTarget Target)
{
    public override string ToString() => $"{Definition} -> {Target}";
}

/// <summary>A template case plus a seed for random mutations.</summary>
public sealed record MutationCase(TemplateCase Case, int Seed);

/// <summary>FsCheck generators for the templates area (valid ids and readable names; no control characters).</summary>
public static class TemplatesArbitraries
{
    // Single code points as strings, so that surrogate pairs (the rocket) are never split.
    private static readonly string[] NameChars =
        [.. "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,'\"&()[]{}<>/\\:;äöüßéçñ–日本語".Select(static c => c.ToString()), "🚀"];

    private static readonly char[] GroupChars = "abcdefghijklmnopqrstuvwxyz0123456789-_().".ToCharArray();

    private static readonly RoleDefinitionId[] Roles =
    [
        TemplateSamples.Reader, TemplateSamples.Contributor, TemplateSamples.UserAccessAdministrator, TemplateSamples.ResourcePolicyContributor,
    ];

    /// <summary>Any GUID (all 16 bytes random).</summary>
    public static Gen<Guid> AnyGuid() =>
        Gen.Choose(0, 255).ArrayOf(16).Select(static bytes => new Guid(bytes.Select(static b => (byte)b).ToArray()));

    /// <summary>Readable names of <paramref name="min"/> to <paramref name="max"/> code points (markup, quotes, accents, CJK, an emoji).</summary>
    public static Gen<string> Name(int min, int max) => ModelGenerators.Text(NameChars, min, max);

    /// <summary>A name as <see cref="Name"/>, or (now and then, as FsCheck's <c>OrNull</c> chooses) none.</summary>
    public static Gen<string?> NameOrNone(int min, int max) => Name(min, max).OrNull().Select(static s => (string?)s);

    /// <summary>Offer names: 1 to 40 code points, not blank.</summary>
    public static Gen<string> OfferName() => Name(1, 40).Where(static s => !string.IsNullOrWhiteSpace(s));

    /// <summary>Principals with random IDs, the default kind, and a readable name or none.</summary>
    public static Gen<Principal> Principal() =>
        ModelGenerators.Principal(AnyGuid().Select(static g => new PrincipalId(g)), Gen.Constant(default(PrincipalKind)), NameOrNone(0, 20));

    /// <summary>Principals with random IDs, every kind, and a readable name or none.</summary>
    public static Gen<Principal> KindedPrincipal() =>
        ModelGenerators.Principal(AnyGuid().Select(static g => new PrincipalId(g)), ModelGenerators.AnyKind(), NameOrNone(0, 20));

    /// <summary>Permanent authorizations over the sample roles, with 0 to 3 delegated roles.</summary>
    public static Gen<Authorization> Authorization() =>
        ModelGenerators.Authorization(Principal(), Gen.Elements(Roles), ModelGenerators.UpTo(Gen.Elements(Roles), 3));

    /// <summary>Eligible authorizations over the sample roles: 30 to 480 minutes, up to 3 approvers.</summary>
    public static Gen<EligibleAuthorization> Eligible() =>
        ModelGenerators.Eligible(
            Principal(),
            Gen.Elements(Roles),
            ModelGenerators.Policy(
                Gen.Elements(MultiFactorAuthProvider.Azure, MultiFactorAuthProvider.None),
                Gen.Choose(30, 480).Select(static m => TimeSpan.FromMinutes(m)),
                ModelGenerators.UpTo(Principal(), 3)));

    /// <summary>Onboarding targets: the subscription, one resource group, or several (one definition each or shared).</summary>
    public static Gen<OnboardingTarget> Target() =>
        Gen.OneOf(
            Gen.Constant(OnboardingTarget.ForSubscription()),
            GroupNames(1, 1).Select(static n => OnboardingTarget.ForResourceGroup(n[0])),
            from names in GroupNames(1, 5)
            from perGroup in Gen.Elements(true, false)
            select OnboardingTarget.ForResourceGroups(names, perGroup));

    /// <summary>Onboarding definitions the writer accepts, with or without a Marketplace plan.</summary>
    public static Gen<OnboardingDefinition> Definition() =>
        from tenant in AnyGuid()
        from name in OfferName()
        from description in NameOrNone(0, 60)
        from authorizations in ModelGenerators.UpTo(Authorization(), 6)
        from eligible in ModelGenerators.UpTo(Eligible(), 3)
        from withPlan in Gen.Elements(false, true)
        from version in Gen.Choose(0, 20).Three()
        select new OnboardingDefinition
        {
            Name = name,
            Description = description,
            Manifest = new DelegationManifest
            {
                Version = withPlan ? new ManifestVersion(version.Item1, version.Item2, version.Item3) : ManifestVersion.Initial,
                ManagingTenantId = new TenantId(tenant),
                Authorizations = authorizations,
                EligibleAuthorizations = eligible,
            },
            Plan = withPlan
                ? new MarketplacePlanReference
                {
                    Publisher = "contoso",
                    Product = "managed-infra",
                    Name = "plan-" + version.Item1.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Version = new ManifestVersion(version.Item1, version.Item2, version.Item3).ToString(),
                }
                : null,
        };

    /// <summary>
    /// Manifests for the offer document: principals of every kind, activation durations at tick precision (up to
    /// about 2.4 days), eligible authorizations with up to 2 delegated roles.
    /// </summary>
    public static Gen<DelegationManifest> DocumentManifest() =>
        ModelGenerators.Manifest(
            AnyGuid().Select(static g => new TenantId(g)),
            ModelGenerators.Version(Gen.Choose(0, 50)),
            ModelGenerators.UpTo(ModelGenerators.Authorization(KindedPrincipal(), Gen.Elements(Roles), ModelGenerators.UpTo(Gen.Elements(Roles), 3)), 5),
            ModelGenerators.UpTo(
                ModelGenerators.Eligible(
                    KindedPrincipal(),
                    Gen.Elements(Roles),
                    ModelGenerators.Policy(
                        Gen.Elements(MultiFactorAuthProvider.Azure, MultiFactorAuthProvider.None),
                        Gen.Choose(1, int.MaxValue).Select(static ticks => TimeSpan.FromTicks(ticks * 997L)),
                        ModelGenerators.UpTo(Principal(), 3)),
                    ModelGenerators.UpTo(Gen.Elements(Roles), 2)),
                3));

    /// <summary>Plans with readable names and random audiences.</summary>
    public static Gen<Plan> Plan() =>
        ModelGenerators.Plan(Name(1, 20), Name(0, 30), NameOrNone(0, 40), ModelGenerators.UpTo(AnyGuid().Select(static g => new SubscriptionId(g)), 4), DocumentManifest());

    /// <summary>Offers with readable names and up to 3 plans.</summary>
    public static Gen<Offer> Offer() =>
        ModelGenerators.Offer(Name(1, 20), Name(0, 30), Name(1, 20), NameOrNone(0, 80), ModelGenerators.UpTo(Plan(), 3));

    /// <summary>Arbitrary offers.</summary>
    public static Arbitrary<Offer> OfferArbitrary() => Arb.From(Offer());

    /// <summary>Arbitrary template cases.</summary>
    public static Arbitrary<TemplateCase> TemplateCaseArbitrary() =>
        Arb.From(from definition in Definition() from target in Target() select new TemplateCase(definition, target));

    /// <summary>Arbitrary template cases with a mutation seed.</summary>
    public static Arbitrary<MutationCase> MutationCaseArbitrary() =>
        Arb.From(from definition in Definition() from target in Target() from seed in Gen.Choose(0, int.MaxValue)
                 select new MutationCase(new TemplateCase(definition, target), seed));

    private static Gen<string[]> GroupNames(int min, int max) =>
        Gen.Choose(1, 12).SelectMany(n => Gen.Elements(GroupChars).ArrayOf(n))
            .Select(static c => new string(c).TrimEnd('.'))
            .Where(static s => s.Length > 0)
            .ListOf()
            .Select(l => l.Distinct(StringComparer.OrdinalIgnoreCase).Take(max).ToArray())
            .Where(a => a.Length >= min);
}
