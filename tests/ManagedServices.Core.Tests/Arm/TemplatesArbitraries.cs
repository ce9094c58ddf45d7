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

    public static Gen<Guid> Guids =>
        Gen.Choose(0, 255).ArrayOf(16).Select(static bytes => new Guid(bytes.Select(static b => (byte)b).ToArray()));

    public static Gen<string> Names(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.Elements(NameChars).ArrayOf(n)).Select(static parts => string.Concat(parts));

    public static Gen<string> OfferNames => Names(1, 40).Where(static s => !string.IsNullOrWhiteSpace(s));

    public static Gen<Principal> Principals =>
        from id in Guids
        from name in Names(0, 20).OrNull()
        select new Principal { Id = new PrincipalId(id), DisplayName = name };

    public static Gen<Authorization> Authorizations =>
        ModelGenerators.Authorizations(Principals, Gen.Elements(Roles), ModelGenerators.UpTo(Gen.Elements(Roles), 3));

    public static Gen<EligibleAuthorization> Eligible =>
        ModelGenerators.Eligible(
            Principals,
            Gen.Elements(Roles),
            ModelGenerators.Policies(
                Gen.Elements(MultiFactorAuthProvider.Azure, MultiFactorAuthProvider.None),
                Gen.Choose(30, 480).Select(static m => TimeSpan.FromMinutes(m)),
                ModelGenerators.UpTo(Principals, 3)));

    public static Gen<OnboardingTarget> Targets =>
        Gen.OneOf(
            Gen.Constant(OnboardingTarget.ForSubscription()),
            GroupNames(1, 1).Select(static n => OnboardingTarget.ForResourceGroup(n[0])),
            from names in GroupNames(1, 5)
            from perGroup in Gen.Elements(true, false)
            select OnboardingTarget.ForResourceGroups(names, perGroup));

    public static Gen<OnboardingDefinition> Definitions =>
        from tenant in Guids
        from name in OfferNames
        from description in Names(0, 60).OrNull()
        from authorizations in Authorizations.ListOf().Select(static l => l.Take(6).ToImmutableArray())
        from eligible in Eligible.ListOf().Select(static l => l.Take(3).ToImmutableArray())
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

    public static Gen<Principal> KindedPrincipals =>
        from principal in Principals
        from kind in Gen.Elements(PrincipalKind.Unknown, PrincipalKind.User, PrincipalKind.Group, PrincipalKind.ServicePrincipal)
        select principal with { Kind = kind };

    public static Gen<DelegationManifest> DocumentManifests =>
        from tenant in Guids
        from version in Gen.Choose(0, 50).Three()
        from authorizations in (from p in KindedPrincipals from a in Authorizations select a with { Principal = p }).ListOf().Select(static l => l.Take(5).ToImmutableArray())
        from eligible in (from p in KindedPrincipals from e in Eligible from ticks in Gen.Choose(1, int.MaxValue) from roles in Gen.Elements(Roles).ListOf()
                          select e with
                          {
                              Principal = p,
                              JustInTimeAccessPolicy = e.JustInTimeAccessPolicy with { MaximumActivationDuration = TimeSpan.FromTicks(ticks * 997L) },
                              DelegatedRoleDefinitionIds = roles.Take(2).ToImmutableArray(),
                          }).ListOf().Select(static l => l.Take(3).ToImmutableArray())
        select new DelegationManifest
        {
            Version = new ManifestVersion(version.Item1, version.Item2, version.Item3),
            ManagingTenantId = new TenantId(tenant),
            Authorizations = authorizations,
            EligibleAuthorizations = eligible,
        };

    public static Gen<Plan> Plans =>
        from id in Names(1, 20)
        from name in Names(0, 30)
        from description in Names(0, 40).OrNull()
        from visibility in Gen.Elements(PlanVisibility.Public, PlanVisibility.Private)
        from audience in Guids.Select(static g => new SubscriptionId(g)).ListOf().Select(static l => l.Take(4).ToImmutableArray())
        from stopSold in Gen.Elements(false, true)
        from manifest in DocumentManifests
        select new Plan { Id = id, Name = name, Description = description, Visibility = visibility, Audience = audience, IsStopSold = stopSold, Manifest = manifest };

    public static Arbitrary<Offer> Offers() =>
        Arb.From(
            from id in Names(1, 20)
            from displayName in Names(0, 30)
            from publisher in Names(1, 20)
            from description in Names(0, 80).OrNull()
            from plans in Plans.ListOf().Select(static l => l.Take(3).ToImmutableArray())
            select new Offer { Id = id, DisplayName = displayName, PublisherId = publisher, Description = description, Plans = plans });

    public static Arbitrary<TemplateCase> TemplateCases() =>
        Arb.From(from definition in Definitions from target in Targets select new TemplateCase(definition, target));

    public static Arbitrary<MutationCase> MutationCases() =>
        Arb.From(from definition in Definitions from target in Targets from seed in Gen.Choose(0, int.MaxValue)
                 select new MutationCase(new TemplateCase(definition, target), seed));

    private static Gen<string[]> GroupNames(int min, int max) =>
        Gen.Choose(1, 12).SelectMany(n => Gen.Elements(GroupChars).ArrayOf(n))
            .Select(static c => new string(c).TrimEnd('.'))
            .Where(static s => s.Length > 0)
            .ListOf()
            .Select(l => l.Distinct(StringComparer.OrdinalIgnoreCase).Take(max).ToArray())
            .Where(a => a.Length >= min);
}
