using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Lifecycle;
using ManagedServices.Offers;
using ManagedServices.Validation;
using static ManagedServices.Tests.Lifecycle.LifecycleFixtures;

namespace ManagedServices.Tests.Lifecycle;

/// <summary>
/// One rule, one place: the rules <see cref="OfferLifecycle.Publish"/> shares with <see cref="OfferValidator"/> (an
/// offer has a plan, plan IDs are unique, a private plan's audience is 1 to 10,000 subscriptions) are reported with the
/// validator's codes at the validator's paths, whether or not the lifecycle also runs the validator on each plan.
/// </summary>
public class SharedRuleTests
{
    private static readonly string[] SharedCodes =
    [
        DiagnosticCodes.OfferWithoutPlans, DiagnosticCodes.DuplicatePlanId,
        DiagnosticCodes.PrivatePlanWithoutAudience, DiagnosticCodes.AudienceTooLarge,
    ];

    private static IEnumerable<string> Shared(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => SharedCodes.Contains(d.Code)).Select(d => $"{d.Code} {d.Severity} {d.Path}").Order(StringComparer.Ordinal);

    private static Arbitrary<Offer> Offers() =>
        (from count in Gen.Choose(0, 4)
         from ids in Gen.ArrayOf(Gen.Elements("plan-a", "plan-b", "plan-c"), count)
         from kinds in Gen.ArrayOf(Gen.Choose(0, 3), ids.Length)
         select Offer([.. ids.Select((id, i) => kinds[i] switch
         {
             0 => PublicPlan(id),
             1 => PrivatePlan(id),
             2 => PrivatePlan(id, Subscriptions[0]),
             _ => PrivatePlan(id, [.. Enumerable.Repeat(Subscriptions[1], OfferValidator.MaxAudience + 1)]),
         })])).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property Publish_ReportsTheValidatorsCodesAndPaths() =>
        Prop.ForAll(Offers(), offer =>
        {
            var validator = Shared(OfferValidator.Default.Validate(offer).Diagnostics).ToList();
            var published = Shared(OfferLifecycle.Create(offer).Publish().Diagnostics).ToList();
            var structureOnly = Shared(OfferLifecycle.Create(offer).Publish(_ => []).Diagnostics).ToList();
            return (validator.SequenceEqual(published) && validator.SequenceEqual(structureOnly))
                .Label($"validator [{string.Join("; ", validator)}] publish [{string.Join("; ", published)}] structure only [{string.Join("; ", structureOnly)}]");
        });

    [Fact]
    public void Publish_DuplicatePlanIdAndEmptyAudience_UseTheValidatorsCodes()
    {
        var result = OfferLifecycle.Create(Offer(PrivatePlan("plan-a"), PublicPlan("plan-a"))).Publish(_ => []);

        Assert.True(result.HasErrors);
        Assert.Equal(
            ["MSC1028 Error plans[1].id", "MSC1030 Error plans[0].audience"],
            Shared(result.Diagnostics));
    }
}
