using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Offers;
using ManagedServices.Templates;

namespace ManagedServices.Tests.Templates;

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
        from principal in Principals
        from role in Gen.Elements(Roles)
        from delegated in Gen.Elements(Roles).ListOf().Select(static l => l.Take(3).ToImmutableArray())
        select new Authorization { Principal = principal, RoleDefinitionId = role, DelegatedRoleDefinitionIds = delegated };

    public static Gen<EligibleAuthorization> Eligible =>
        from principal in Principals
        from role in Gen.Elements(Roles)
        from mfa in Gen.Elements(MultiFactorAuthProvider.Azure, MultiFactorAuthProvider.None)
        from minutes in Gen.Choose(30, 480)
        from approvers in Principals.ListOf().Select(static l => l.Take(3).ToImmutableArray())
        select new EligibleAuthorization
        {
            Principal = principal,
            RoleDefinitionId = role,
            JustInTimeAccessPolicy = new JustInTimeAccessPolicy
            {
                MultiFactorAuthProvider = mfa,
                MaximumActivationDuration = TimeSpan.FromMinutes(minutes),
                Approvers = approvers,
            },
        };

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
