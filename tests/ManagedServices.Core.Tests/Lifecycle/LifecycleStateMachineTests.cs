using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Access;
using ManagedServices.Lifecycle;
using ManagedServices.Offers;
using static ManagedServices.Tests.Lifecycle.LifecycleArbitraries;
using static ManagedServices.Tests.Lifecycle.LifecycleFixtures;

namespace ManagedServices.Tests.Lifecycle;

/// <summary>
/// State-machine style properties: random sequences of operations (each an operation kind and two small arguments),
/// interpreted against <see cref="OfferLifecycle"/> and <see cref="CustomerTenant"/>, with invariants checked after
/// every step.
/// </summary>
public class LifecycleStateMachineTests
{
    /// <summary>One step: an operation kind and two arguments, interpreted modulo the pools.</summary>
    public sealed record Op(int Kind, int A, int B)
    {
        public override string ToString() => $"({Kind},{A},{B})";
    }

    public static class Ops
    {
        public static Arbitrary<Op[]> SequenceArbitrary() => Arb.From(
            from length in Gen.Choose(1, 25)
            from steps in Gen.ArrayOf(
                from kind in Gen.Choose(0, 10)
                from a in Gen.Choose(0, 7)
                from b in Gen.Choose(0, 7)
                select new Op(kind, a, b), length)
            select steps);
    }

    private static readonly string[] PlanIds = ["plan-a", "plan-b", "plan-c"];
    private static readonly Principal Ana = Principals[1];
    private static readonly Principal Offboarding = Principals[2];

    private static DelegationManifest Variant(int variant, ManifestVersion version)
    {
        var b = new DelegationManifestBuilder().WithManagingTenant(ManagingTenant).WithVersion(version).AddAuthorization(Ana, BuiltInRoleIds.Reader);
        if ((variant & 1) != 0)
        {
            b.AddAuthorization(Ana, BuiltInRoleIds.Contributor);
        }

        if ((variant & 2) != 0)
        {
            b.AddAuthorization(Offboarding, BuiltInRoleIds.RegistrationAssignmentDelete);
        }

        return b.Build();
    }

    private static Offer InitialOffer() => Offer(PublicPlan("plan-a"), PrivatePlan("plan-b", Subscriptions[0], Subscriptions[1]));

    private static ImmutableArray<SubscriptionId> Mask(int mask) =>
        [.. Subscriptions.Take(3).Where((_, i) => (mask & (1 << i)) != 0)];

    private static Offer EditDraft(Offer draft, Op step)
    {
        var planId = PlanIds[step.A % PlanIds.Length];
        var index = draft.Plans.IndexOf(draft.Plans.FirstOrDefault(p => p.Id == planId)!);
        var plan = index >= 0 ? draft.Plans[index] : null;
        Offer With(Plan p) => draft with { Plans = draft.Plans.SetItem(index, p) };
        return step.Kind switch
        {
            0 when plan is not null => With(plan with { Visibility = step.B % 2 == 0 ? PlanVisibility.Public : PlanVisibility.Private }),
            1 when plan is not null => With(plan with { Audience = Mask(step.B) }),
            2 when plan is not null => With(plan with { Manifest = Variant(step.B, BumpOrNot(plan.Manifest.Version, step.B)) }),
            3 when plan is null => draft with { Plans = draft.Plans.Add(step.B % 2 == 0 ? PublicPlan(planId) : PrivatePlan(planId, Mask(step.B).ToArray())) },
            3 when plan is not null => draft with { Plans = draft.Plans.RemoveAt(index) },
            4 => draft with { Id = step.B % 4 == 0 ? "renamed-offer" : "contoso-managed", PublisherId = step.B % 4 == 1 ? "fabrikam" : "contoso" },
            5 when plan is not null => With(plan with { IsStopSold = step.B % 2 == 0 }),
            _ => draft,
        };

        // Mostly a bump of the patch number; sometimes the same version, sometimes a lower one.
        static ManifestVersion BumpOrNot(ManifestVersion v, int b) => (b % 4) switch
        {
            0 => v,
            1 => new ManifestVersion(v.Major, v.Minor, Math.Max(0, v.Patch - 1)),
            _ => new ManifestVersion(v.Major, v.Minor, v.Patch + 1),
        };
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(Ops)], MaxTest = 150)]
    public void OfferOperations_KeepPublishingInvariants(Op[] ops)
    {
        var state = OfferLifecycle.Create(InitialOffer());
        var everPublic = new HashSet<string>(StringComparer.Ordinal);
        var histories = new Dictionary<string, ImmutableArray<PublishedPlanVersion>>(StringComparer.Ordinal);
        var customer = CustomerTenant.Create(CustomerTenantId);
        foreach (var step in ops)
        {
            LifecycleResult<OfferLifecycle>? result = step.Kind switch
            {
                <= 5 => state.UpdateDraft(EditDraft(state.Draft, step)),
                6 or 7 => state.Publish(step.B == 7 ? p => [Diagnostic.Error("MSC1999", "invalid")] : null),
                8 => state.StopSelling(PlanIds[step.A % PlanIds.Length]),
                _ => null,
            };

            if (result is not null)
            {
                if (result.HasErrors)
                {
                    // A refused operation never changes the state, and says why.
                    Assert.Same(state, result.Value);
                    Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Code.StartsWith("MSC", StringComparison.Ordinal));
                }

                state = result.Value;
            }
            else
            {
                // Purchases: a private plan outside its audience and a stop-sold plan always fail.
                var planId = PlanIds[step.A % PlanIds.Length];
                var subs = Mask(step.B | 4 * (step.Kind - 9));
                var bought = customer.Purchase(state, planId, subs);
                if (state.TryGetPlan(planId, out var plan))
                {
                    if (plan.Current.Visibility == PlanVisibility.Private && subs.Any(s => !plan.Current.Audience.Contains(s)))
                    {
                        Assert.Contains(bought.Diagnostics, d => d.Code == DiagnosticCodes.SubscriptionNotInAudience);
                    }

                    if (plan.IsStopSold)
                    {
                        Assert.Contains(bought.Diagnostics, d => d.Code == DiagnosticCodes.PlanStopSold);
                    }
                }
                else
                {
                    Assert.True(bought.HasErrors);
                }

                if (bought.HasErrors)
                {
                    Assert.Same(customer, bought.Value);
                }

                customer = bought.Value;
            }

            foreach (var history in state.Plans)
            {
                // Public never becomes private, in the live plan or in the draft.
                if (everPublic.Contains(history.PlanId))
                {
                    Assert.Equal(PlanVisibility.Public, history.Current.Visibility);
                    Assert.Equal(PlanVisibility.Public, state.Draft.Plans.Single(p => p.Id == history.PlanId).Visibility);
                }

                if (history.Current.Visibility == PlanVisibility.Public)
                {
                    everPublic.Add(history.PlanId);
                }

                // Versions strictly increase, and history only grows at the end.
                for (var i = 1; i < history.Versions.Length; i++)
                {
                    Assert.True(history.Versions[i - 1].Version < history.Versions[i].Version);
                }

                if (histories.TryGetValue(history.PlanId, out var before))
                {
                    Assert.True(before.Length <= history.Versions.Length);
                    Assert.Equal(before, history.Versions.Take(before.Length));
                }

                histories[history.PlanId] = history.Versions;

                // Private plans are published with an audience of 1..10,000.
                if (history.Current.Visibility == PlanVisibility.Private)
                {
                    Assert.InRange(history.Current.Audience.Length, 1, OfferLifecycle.MaxAudience);
                }
            }

            // Ids are immutable once published.
            if (state.IsPublished)
            {
                Assert.Equal(state.Published.Id, state.Draft.Id);
                Assert.All(state.Plans, h => Assert.Contains(state.Draft.Plans, p => p.Id == h.PlanId));
            }

            Assert.All(customer.Purchases, p => Assert.True(state.TryGetPlan(p.PlanId, out _)));
        }
    }

    private static readonly string[] Actions =
    [
        "Microsoft.Compute/virtualMachines/read",
        "Microsoft.Compute/virtualMachines/write",
        CustomerTenant.RegistrationAssignmentDeleteAction,
    ];

    private static ResourceScope ScopeAt(int index) => (index % 9) switch
    {
        < 3 and var i => ResourceScope.ForSubscription(Subscriptions[i]),
        var i => ResourceScope.ForResourceGroup(Subscriptions[(i - 3) / 2], "rg-" + ((i - 3) % 2).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };

    [FsCheck.Xunit.Property(Arbitrary = [typeof(Ops)], MaxTest = 200)]
    public void CustomerOperations_KeepDelegationInvariants(Op[] ops)
    {
        var offer = OfferLifecycle.Create(Offer(
                PublicPlan("plan-a", Variant(2, new ManifestVersion(1, 0, 0))),
                PrivatePlan("plan-b", Subscriptions[0], Subscriptions[1]) with { Manifest = Variant(0, new ManifestVersion(1, 0, 0)) }))
            .Publish().GetValueOrThrow();
        var customer = CustomerTenant.Create(CustomerTenantId);
        foreach (var step in ops)
        {
            var planId = PlanIds[step.A % 2];
            Delegation? removed = null;
            LifecycleResult<CustomerTenant>? result = null;
            switch (step.Kind)
            {
                case 0 or 1:
                    result = customer.Purchase(offer, planId, Mask(step.B == 0 ? 1 : step.B));
                    break;
                case 2 or 3 or 4:
                    result = customer.Onboard(offer.OfferId, planId, [ScopeAt(step.B), ScopeAt(step.B + step.Kind * step.A)]);
                    break;
                case 5:
                    var latest = offer.Plans.Single(p => p.PlanId == planId).Latest.Version;
                    var draft = offer.Draft.Replace(planId, p => p with { Manifest = Variant(step.B, new ManifestVersion(latest.Major, latest.Minor + 1, 0)) });
                    offer = offer.UpdateDraft(draft).GetValueOrThrow().Publish().GetValueOrThrow();
                    break;
                case 6 or 7:
                    result = customer.AcceptUpdate(offer, planId);
                    break;
                case 8 when !customer.Delegations.IsEmpty:
                    removed = customer.Delegations[step.B % customer.Delegations.Length];
                    result = customer.Remove(removed);
                    Assert.False(result.HasErrors);
                    break;
                case 9 or 10 when !customer.Delegations.IsEmpty:
                    removed = customer.Delegations[step.B % customer.Delegations.Length];
                    var who = step.A % 2 == 0 ? Ana : Offboarding;
                    var allowed = customer.CreateEvaluator().Check(new AccessRequest(who.Id, CustomerTenant.RegistrationAssignmentDeleteAction, removed.Scope.ToString())).IsAllowed;
                    result = customer.RemoveAsProvider(removed, who.Id);
                    Assert.Equal(allowed, !result.HasErrors);
                    break;
            }

            if (result is null)
            {
                continue;
            }

            if (result.HasErrors)
            {
                Assert.Same(customer, result.Value);
                Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
                continue;
            }

            customer = result.Value;

            // One assignment per scope and offer name; every delegation carries its purchase's accepted manifest.
            Assert.Equal(customer.Delegations.Length, customer.Delegations.Select(d => (d.Scope, d.Definition.Name)).Distinct().Count());

            // One registration definition per subscription and name: every delegation sharing it sees the same one.
            Assert.All(customer.Delegations.GroupBy(d => (d.Scope.SubscriptionId, d.Definition.Id)), g => Assert.Single(g.Select(d => d.Definition).Distinct()));
            foreach (var purchase in customer.Purchases)
            {
                Assert.All(customer.DelegationsOf(purchase), d => Assert.Equal(purchase.AcceptedVersion.Manifest, d.Definition.Manifest));
                Assert.All(customer.DelegationsOf(purchase), d => Assert.Contains(d.Scope.SubscriptionId!.Value, purchase.Subscriptions));
            }

            if (removed is not null)
            {
                // After removal, no request is allowed through that delegation.
                var evaluator = customer.CreateEvaluator();
                var target = removed.Scope + "/providers/Microsoft.Compute/virtualMachines/vm1";
                foreach (var principal in Principals)
                {
                    foreach (var action in Actions)
                    {
                        var decision = evaluator.Check(new AccessRequest(principal.Id, action, target));
                        if (decision.IsAllowed)
                        {
                            var grant = decision.Grant!;
                            Assert.False(grant.Scope == removed.Scope && grant.RegistrationDefinitionName == removed.Definition.Name);
                            Assert.Contains(customer.Delegations, d => d.Scope == grant.Scope && d.Definition.Name == grant.RegistrationDefinitionName);
                        }
                    }
                }

                if (!customer.Delegations.Any(d => d.Scope.Contains(removed.Scope)))
                {
                    foreach (var action in Actions)
                    {
                        Assert.Equal(AccessReason.NoDelegationCoversScope, evaluator.Check(new AccessRequest(Ana.Id, action, target)).Reason);
                    }
                }
            }
        }
    }
}
