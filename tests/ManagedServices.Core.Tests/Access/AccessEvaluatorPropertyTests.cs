using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;
using Microsoft.Extensions.Time.Testing;

namespace ManagedServices.Tests.Access;

/// <summary>Properties of the compiled evaluator, and agreement with the reference evaluator.</summary>
public class AccessEvaluatorPropertyTests
{
    private const int Runs = 300;

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 600)]
    public bool Check_GeneratedWorlds_AgreesWithReference(AccessWorld world, AccessRequest[] requests) =>
        AgreeWithReference(world, requests, static (_, _, decision) =>
        {
            if (decision.IsAllowed != (decision.Grant is not null && decision.Reason == AccessReason.Allowed))
            {
                throw new InvalidOperationException($"{decision}: an Allow must name its grant");
            }
        });

    /// <summary>The compiled evaluator and the reference agree on every request, with groups folded and not; <paramref name="also"/> checks more.</summary>
    internal static bool AgreeWithReference(AccessWorld world, AccessRequest[] requests, Action<AccessEvaluator, AccessRequest, AccessDecision> also)
    {
        foreach (var fold in new[] { true, false })
        {
            var options = world.Options(foldGroups: fold);
            var evaluator = AccessEvaluator.Create(world.Snapshot, options);
            var reference = new ReferenceEvaluator(world.Snapshot, options);
            foreach (var r in requests)
            {
                var decision = evaluator.Check(r);
                var expected = reference.Decide(r);
                if (decision.Reason != expected)
                {
                    throw new InvalidOperationException($"{r} groups [{string.Join(",", r.GroupIds.IsDefault ? [] : r.GroupIds)}] tenant {r.PrincipalTenantId} fold {fold}: compiled {decision}, reference {expected}\n{world}");
                }

                also(evaluator, r, decision);
            }
        }

        return true;
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = Runs)]
    public bool Check_EmptySnapshot_DeniesEverything(AccessRequest request) =>
        !AccessEvaluator.Create(DelegationSnapshot.Empty).Check(request).IsAllowed;

    [Property(Arbitrary = [typeof(Generators)], MaxTest = Runs)]
    public bool Check_AddingAnAuthorization_NeverTurnsAllowIntoDeny(AccessWorld world, AccessRequest request, Authorization added, int at)
    {
        if (world.Delegations.IsEmpty)
        {
            return true;
        }

        var before = AccessEvaluator.Create(world.Snapshot, world.Options()).Check(request);
        var i = Math.Abs(at % world.Delegations.Length);
        var d = world.Delegations[i];
        var grown = d with { Definition = d.Definition with { Manifest = d.Definition.Manifest with { Authorizations = d.Definition.Manifest.Authorizations.Add(added) } } };
        var after = AccessEvaluator.Create(DelegationSnapshot.Create(world.Delegations.SetItem(i, grown)), world.Options()).Check(request);
        return !before.IsAllowed || after.IsAllowed;
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = Runs)]
    public bool Check_AddingADelegation_NeverTurnsAllowIntoDeny(AccessWorld world, AccessRequest request, Delegation added)
    {
        var before = AccessEvaluator.Create(world.Snapshot, world.Options()).Check(request);
        var after = AccessEvaluator.Create(DelegationSnapshot.Create(world.Delegations.Add(added)), world.Options()).Check(request);
        return !before.IsAllowed || after.IsAllowed;
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = Runs)]
    public bool Check_AddingAGroupMembership_NeverTurnsAllowIntoDeny(AccessWorld world, AccessRequest request, bool secondGroup)
    {
        var before = AccessEvaluator.Create(world.Snapshot, world.Options()).Check(request);
        var principal = request.PrincipalId;
        var group = AccessArbitraries.Groups[secondGroup ? 1 : 0];
        var groups = world.Memberships.TryGetValue(principal, out var g) ? g : [];
        var grownWorld = world with { Memberships = world.Memberships.SetItem(principal, groups.Contains(group) ? groups : groups.Add(group)) };
        var after = AccessEvaluator.Create(grownWorld.Snapshot, grownWorld.Options()).Check(request);
        return !before.IsAllowed || after.IsAllowed;
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = Runs)]
    public bool Check_AllowAtScope_AllowsEveryDescendant(AccessWorld world, AccessRequest request, string child)
    {
        var evaluator = AccessEvaluator.Create(world.Snapshot, world.Options());
        if (!evaluator.Check(request).IsAllowed || !ResourceScope.TryParse(request.Scope, out var scope))
        {
            return true;
        }

        var suffix = scope.Kind switch
        {
            ScopeKind.Subscription => "/resourceGroups/" + child,
            ScopeKind.ResourceGroup => "/providers/Microsoft.Compute/virtualMachines/" + child,
            _ => "/extensions/" + child,
        };
        // One trailing '/' is accepted on a resource ID (as Azure.Core's ResourceIdentifier does); a child is appended
        // to the ID without it.
        var parent = request.Scope.EndsWith('/') ? request.Scope[..^1] : request.Scope;
        var below = request.PrincipalIdText is { } text
            ? new AccessRequest(text, request.Action, parent + suffix)
            : new AccessRequest(request.PrincipalId, request.Action, parent + suffix);
        below = below with
        {
            PrincipalTenantId = request.PrincipalTenantId, GroupIds = request.GroupIds, ActivatedRoleDefinitionIds = request.ActivatedRoleDefinitionIds,
            TargetIsManagedIdentity = request.TargetIsManagedIdentity, TargetPrincipalKind = request.TargetPrincipalKind, TargetRoleDefinitionId = request.TargetRoleDefinitionId,
        };
        return evaluator.Check(below).IsAllowed;
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = Runs)]
    public bool Check_LetterCaseOfActionAndScope_NeverChangesDecision(AccessWorld world, AccessRequest request, bool upper)
    {
        var evaluator = AccessEvaluator.Create(world.Snapshot, world.Options());
        var action = request.Action is null ? null : upper ? request.Action.ToUpperInvariant() : request.Action.ToLowerInvariant();
        var scope = request.Scope is null ? null : upper ? request.Scope.ToUpperInvariant() : request.Scope.ToLowerInvariant();
        var recased = (request.PrincipalIdText is { } text ? new AccessRequest(text, action!, scope!) : new AccessRequest(request.PrincipalId, action!, scope!)) with
        {
            PrincipalTenantId = request.PrincipalTenantId, GroupIds = request.GroupIds, ActivatedRoleDefinitionIds = request.ActivatedRoleDefinitionIds,
            TargetIsManagedIdentity = request.TargetIsManagedIdentity, TargetPrincipalKind = request.TargetPrincipalKind,
            TargetRoleDefinitionId = request.TargetRoleDefinitionId, IsDataAction = request.IsDataAction,
        };
        return evaluator.Check(request).Reason == evaluator.Check(recased).Reason;
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = Runs)]
    public bool Check_NotActionsOfOneRole_NeverRemoveWhatAnotherRoleGrants(AccessRequest request, bool subscriptionWide)
    {
        // ContributorLike excludes role assignment writes; MultiStar grants every */action; ReaderLike grants reads.
        var user = AccessArbitraries.Users[0];
        var scope = subscriptionWide ? ResourceScope.Parse("/subscriptions/" + AccessArbitraries.Subscriptions[0]) : ResourceScope.Parse($"/subscriptions/{AccessArbitraries.Subscriptions[0]}/resourceGroups/rg1");
        Delegation With(params RoleDefinitionId[] roles) => new()
        {
            CustomerTenantId = AccessArbitraries.CustomerA,
            AssignmentId = Guid.Empty,
            Scope = scope,
            Definition = new RegistrationDefinition
            {
                Id = Guid.Empty,
                Name = "offer",
                Manifest = new DelegationManifest
                {
                    ManagingTenantId = AccessArbitraries.ManagingA,
                    Authorizations = [.. roles.Select(r => new Authorization { Principal = Principal.User(user), RoleDefinitionId = r })],
                },
            },
        };
        var options = new AccessEvaluatorOptions { RoleCatalog = AccessArbitraries.Catalog };
        var probe = new AccessRequest(user, request.Action ?? "", $"{scope}/providers/Microsoft.Compute/virtualMachines/vm1");
        foreach (var other in new[] { AccessArbitraries.ReaderLike, AccessArbitraries.MultiStar, AccessArbitraries.TwoBlocks, AccessArbitraries.ComputeLike })
        {
            var alone = AccessEvaluator.Create(DelegationSnapshot.Create([With(other)]), options).Check(probe);
            var together = AccessEvaluator.Create(DelegationSnapshot.Create([With(AccessArbitraries.ContributorLike, other)]), options).Check(probe);
            if (alone.IsAllowed && !together.IsAllowed)
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = Runs)]
    public bool Check_Activation_CountsExactlyWithinStartAndEndCutAtTheMaximum(PositiveInt startMinutes, PositiveInt lengthMinutes, int offsetSeconds, PositiveInt maximumMinutes)
    {
        var start = AccessArbitraries.Now.AddMinutes(startMinutes.Get % 1000);
        var end = start.AddMinutes(1 + (lengthMinutes.Get % 720));
        var maximum = TimeSpan.FromMinutes(30 + (maximumMinutes.Get % 600));
        var cut = end < start + maximum ? end : start + maximum;
        var time = new FakeTimeProvider(start.AddSeconds(offsetSeconds % 40_000));
        var user = AccessArbitraries.Users[0];
        var d = new Delegation
        {
            CustomerTenantId = AccessArbitraries.CustomerA,
            AssignmentId = Guid.Empty,
            Scope = ResourceScope.Parse("/subscriptions/" + AccessArbitraries.Subscriptions[0]),
            Definition = new RegistrationDefinition
            {
                Id = Guid.Empty,
                Name = "offer",
                Manifest = new DelegationManifest
                {
                    ManagingTenantId = AccessArbitraries.ManagingA,
                    EligibleAuthorizations =
                    [
                        new EligibleAuthorization
                        {
                            Principal = Principal.User(user),
                            RoleDefinitionId = AccessArbitraries.ReaderLike,
                            JustInTimeAccessPolicy = new JustInTimeAccessPolicy { MaximumActivationDuration = maximum },
                        },
                    ],
                },
            },
        };
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([d]), new AccessEvaluatorOptions
        {
            RoleCatalog = AccessArbitraries.Catalog,
            TimeProvider = time,
            Activations = [new JustInTimeActivation { PrincipalId = user, RoleDefinitionId = AccessArbitraries.ReaderLike, Start = start, End = end }],
        });
        var request = new AccessRequest(user, "Microsoft.Compute/virtualMachines/read", "/subscriptions/" + AccessArbitraries.Subscriptions[0]);
        var now = time.GetUtcNow();
        var live = start <= now && now < cut;
        var decision = evaluator.Check(request);
        var atStart = Probe(start);
        var justBeforeCut = Probe(cut.AddTicks(-1));
        var atCut = Probe(cut);
        return decision.IsAllowed == live && atStart && justBeforeCut && !atCut &&
            (live || decision.Reason == (now >= cut ? AccessReason.ActivationExpired : AccessReason.EligibleNotActivated));

        bool Probe(DateTimeOffset at)
        {
            time.AdjustTime(at);
            return evaluator.Check(request).IsAllowed;
        }
    }

    public static class Generators
    {
        public static Arbitrary<AccessWorld> World() => AccessArbitraries.WorldArbitrary();

        public static Arbitrary<AccessRequest> Request() => AccessArbitraries.RequestArbitrary();

        public static Arbitrary<Authorization> Authorization() => Arb.From(AccessArbitraries.Authorization());

        public static Arbitrary<Delegation> Delegation() => Arb.From(AccessArbitraries.Delegation());

        public static Arbitrary<string> Name() => Arb.From(Gen.Elements("vm1", "x", "rg1", "Providers", "a.b"));
    }
}
