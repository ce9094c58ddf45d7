using FsCheck.Xunit;
using ManagedServices.Offers;
using ManagedServices.Validation;

namespace ManagedServices.Tests.Validation;

/// <summary>Properties of the model (round trips, equality) and of the validator (independent of authorization order).</summary>
public class ValidationPropertyTests
{
    private const int Runs = 200;

    [Property(Arbitrary = new[] { typeof(ModelArbitraries) }, MaxTest = Runs)]
    public bool Offer_ToBuilderBuild_RoundTrips(Offer offer) => offer.ToBuilder().Build().Equals(offer);

    [Property(Arbitrary = new[] { typeof(ModelArbitraries) }, MaxTest = Runs)]
    public bool Plan_ToBuilderBuild_RoundTrips(Plan plan) => plan.ToBuilder().Build().Equals(plan);

    [Property(Arbitrary = new[] { typeof(ModelArbitraries) }, MaxTest = Runs)]
    public bool Manifest_ToBuilderBuild_RoundTrips(DelegationManifest manifest) => manifest.ToBuilder().Build().Equals(manifest);

    [Property(Arbitrary = new[] { typeof(ModelArbitraries) }, MaxTest = Runs)]
    public void Offer_EqualCopies_HaveEqualHashes_AndChangedCopiesDiffer(Offer offer)
    {
        var copy = offer.ToBuilder().Build();
        Assert.Equal(offer, copy);
        Assert.Equal(offer.GetHashCode(), copy.GetHashCode());
        Assert.True(offer == copy);

        Assert.NotEqual(offer, copy with { Id = offer.Id + "x" });
        Assert.NotEqual(offer, copy with { Plans = offer.Plans.Add(ValidationSamples.Plan().Build()) });
        if (!offer.Plans.IsEmpty)
        {
            var plan = offer.Plans[0];
            Assert.NotEqual(offer, copy with { Plans = offer.Plans.SetItem(0, plan with { IsStopSold = !plan.IsStopSold }) });
        }
    }

    [Property(Arbitrary = new[] { typeof(ModelArbitraries) }, MaxTest = Runs)]
    public void Plan_EqualCopies_HaveEqualHashes_AndChangedCopiesDiffer(Plan plan)
    {
        var copy = plan.ToBuilder().Build();
        Assert.Equal(plan, copy);
        Assert.Equal(plan.GetHashCode(), copy.GetHashCode());

        Assert.NotEqual(plan, copy with { Name = plan.Name + "x" });
        Assert.NotEqual(plan, copy with { Audience = plan.Audience.Add(default) });
        Assert.NotEqual(plan, copy with { Manifest = plan.Manifest with { Version = new ManifestVersion(99, 0, 0) } });
    }

    [Property(Arbitrary = new[] { typeof(ModelArbitraries) }, MaxTest = Runs)]
    public void Manifest_EqualCopies_HaveEqualHashes_AndChangedCopiesDiffer(DelegationManifest manifest, Authorization extra, EligibleAuthorization extraEligible)
    {
        var copy = manifest.ToBuilder().Build();
        Assert.Equal(manifest, copy);
        Assert.Equal(manifest.GetHashCode(), copy.GetHashCode());

        Assert.NotEqual(manifest, copy with { Authorizations = manifest.Authorizations.Add(extra) });
        Assert.NotEqual(manifest, copy with { EligibleAuthorizations = manifest.EligibleAuthorizations.Insert(0, extraEligible) });
        Assert.NotEqual(manifest, copy with { ManagingTenantId = new TenantId(Guid.NewGuid()) });
        if (!manifest.Authorizations.IsEmpty)
        {
            var a = manifest.Authorizations[0];
            var changed = a with { DelegatedRoleDefinitionIds = a.DelegatedRoleDefinitionIds.Add(BuiltInRoleIds.Reader) };
            Assert.NotEqual(manifest, copy with { Authorizations = manifest.Authorizations.SetItem(0, changed) });
        }
    }

    [Property(Arbitrary = new[] { typeof(ModelArbitraries) }, MaxTest = Runs)]
    public void Authorization_EqualityAndHash_AreStructural(Authorization a, JustInTimeAccessPolicy policy)
    {
        var copy = a with { DelegatedRoleDefinitionIds = [.. a.DelegatedRoleDefinitionIds] };
        Assert.Equal(a, copy);
        Assert.Equal(a.GetHashCode(), copy.GetHashCode());

        var policyCopy = policy with { Approvers = [.. policy.Approvers] };
        Assert.Equal(policy, policyCopy);
        Assert.Equal(policy.GetHashCode(), policyCopy.GetHashCode());
        Assert.NotEqual(policy, policy with { MaximumActivationDuration = policy.MaximumActivationDuration + TimeSpan.FromMinutes(1) });
    }

    [Property(Arbitrary = new[] { typeof(ModelArbitraries) }, MaxTest = Runs)]
    public void Validate_Manifest_DoesNotDependOnAuthorizationOrder(DelegationManifest manifest, int seed, bool marketplace)
    {
        var shuffled = Shuffle(manifest, new Random(seed));

        var expected = OfferValidator.Default.Validate(manifest, marketplace);
        var actual = OfferValidator.Default.Validate(shuffled, marketplace);

        Assert.Equal(Key(expected), Key(actual));
        Assert.Equal(!expected.HasErrors, !actual.HasErrors);
        Assert.Equal((!expected.HasErrors && expected.Warnings.IsEmpty), (!actual.HasErrors && actual.Warnings.IsEmpty));
    }

    [Property(Arbitrary = new[] { typeof(ModelArbitraries) }, MaxTest = Runs)]
    public void Validate_Offer_DoesNotDependOnAuthorizationOrder(Offer offer, int seed)
    {
        var random = new Random(seed);
        var shuffled = offer with { Plans = [.. offer.Plans.Select(p => p with { Manifest = Shuffle(p.Manifest, random) })] };

        Assert.Equal(Key(OfferValidator.Default.Validate(offer)), Key(OfferValidator.Default.Validate(shuffled)));
    }

    [Property(Arbitrary = new[] { typeof(ModelArbitraries) }, MaxTest = Runs)]
    public void Validate_IsDeterministic_AndPathsAreWellFormed(Offer offer)
    {
        var first = OfferValidator.Default.Validate(offer);
        var second = new OfferValidator(RoleCatalog.BuiltIn).Validate(offer);

        Assert.Equal<Diagnostic>(first.Diagnostics, second.Diagnostics);
        Assert.All(first.Diagnostics, d =>
        {
            Assert.StartsWith("MSC1", d.Code, StringComparison.Ordinal);
            Assert.False(d.Path.EndsWith('.'));
            Assert.DoesNotContain("..", d.Path, StringComparison.Ordinal);
        });
    }

    private static DelegationManifest Shuffle(DelegationManifest manifest, Random random) => manifest with
    {
        Authorizations = [.. manifest.Authorizations.OrderBy(_ => random.Next())],
        EligibleAuthorizations = [.. manifest.EligibleAuthorizations.OrderBy(_ => random.Next())],
    };

    /// <summary>The diagnostics as a sorted multiset of (code, severity, message): paths carry indexes, messages do not.</summary>
    private static string[] Key<T>(ValidationResult<T> result)
        where T : notnull =>
        [.. result.Diagnostics.Select(d => $"{d.Code}|{d.Severity}|{d.Message}").Order(StringComparer.Ordinal)];
}
