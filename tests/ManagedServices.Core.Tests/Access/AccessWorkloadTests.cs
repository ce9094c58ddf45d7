using ManagedServices.Access;
using ManagedServices.Benchmarks;

namespace ManagedServices.Tests.Access;

/// <summary>The compiled evaluator and the reference evaluator against the shared workload's expected decisions.</summary>
public class AccessWorkloadTests
{
    [AccessWorkloadFact]
    public void Check_SharedWorkload_MatchesEveryExpectedDecision()
    {
        var w = SharedAccessWorkload.Value;
        var evaluator = AccessEvaluator.Create(w.Snapshot, w.Options);
        Assert.Equal(100_000, w.Count);
        var mismatches = new List<string>();
        for (var i = 0; i < w.Count; i++)
        {
            var decision = evaluator.Check(w.Request(i));
            if (decision.IsAllowed != w.Expected![i] && mismatches.Count < 10)
            {
                mismatches.Add($"#{i} {w.Request(i)}: got {decision}, expected {(w.Expected[i] ? "Allow" : "Deny")}");
            }

            Assert.True(decision.IsAllowed || decision.Reason is AccessReason.ActionNotInRole or AccessReason.ExcludedByNotActions
                or AccessReason.PrincipalNotAuthorized or AccessReason.NoDelegationCoversScope
                or AccessReason.ManagedServicesOperationNotDelegable, decision.ToString());
        }

        Assert.Empty(mismatches);
    }

    [AccessWorkloadFact]
    public void Check_SharedWorkloadWithoutCache_MatchesEveryExpectedDecision()
    {
        var w = SharedAccessWorkload.Value;
        var evaluator = AccessEvaluator.Create(w.Snapshot, new AccessEvaluatorOptions { Groups = w.Groups, ActionCacheCapacity = 0 });
        for (var i = 0; i < w.Count; i++)
        {
            Assert.Equal(w.Expected![i], evaluator.Check(w.Request(i)).IsAllowed);
        }
    }

    [AccessWorkloadFact]
    public void Reference_SharedWorkloadSample_MatchesExpectedAndCompiled()
    {
        var w = SharedAccessWorkload.Value;
        var evaluator = AccessEvaluator.Create(w.Snapshot, w.Options);
        var reference = new ReferenceEvaluator(w.Snapshot, w.Options);
        for (var i = 0; i < w.Count; i += 25)
        {
            var request = w.Request(i);
            var expected = reference.Decide(request);
            Assert.Equal(w.Expected![i], expected == AccessReason.Allowed);
            Assert.Equal(expected, evaluator.Check(request).Reason);
        }
    }

    [AccessWorkloadFact]
    public void Check_SharedWorkloadAfterWarmUp_AllocatesNothing()
    {
        var w = SharedAccessWorkload.Value;
        var evaluator = AccessEvaluator.Create(w.Snapshot, w.Options);
        var requests = Enumerable.Range(0, w.Count).Select(w.Request).ToArray();
        foreach (var r in requests)
        {
            evaluator.Check(r);
        }

        // Several rounds, keeping the smallest figure: tiered JIT work can land on this thread in an early round.
        var least = long.MaxValue;
        for (var round = 0; round < 4; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var allowed = 0;
            foreach (var r in requests)
            {
                allowed += evaluator.Check(r).IsAllowed ? 1 : 0;
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(39_206, allowed);
        }

        Assert.Equal(0, least);
    }

    [AccessWorkloadFact]
    public void Check_SharedWorkloadWithDenyAssignmentsAfterWarmUp_AllocatesNothing()
    {
        var w = SharedAccessWorkload.Value;
        var first = w.Snapshot.Delegations[0];
        var group = first.Definition.Manifest.Authorizations.Select(a => a.Principal.Id).First();
        var evaluator = AccessEvaluator.Create(w.Snapshot, new AccessEvaluatorOptions
        {
            Groups = w.Groups,
            DenyAssignments =
            [
                new DenyAssignment { Id = Guid.NewGuid(), Scope = first.Scope, Actions = ["Microsoft.Compute/*/delete", "*/write"], NotActions = ["Microsoft.Compute/disks/*"], Principals = [DenyAssignment.AllPrincipals] },
                new DenyAssignment { Id = Guid.NewGuid(), Scope = ResourceScope.TenantRoot, Actions = ["*/action"], Principals = [group], ExcludePrincipals = [w.Snapshot.Delegations[^1].Definition.Manifest.Authorizations[0].Principal.Id] },
            ],
        });
        var requests = Enumerable.Range(0, w.Count).Select(w.Request).ToArray();
        var denied = requests.Count(r => evaluator.Check(r).Reason == AccessReason.DeniedByDenyAssignment);
        Assert.True(denied > 0, "the deny assignments deny nothing in the workload");

        var least = long.MaxValue;
        for (var round = 0; round < 4; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var r in requests)
            {
                evaluator.Check(r);
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }

    [Fact]
    public void Check_GeneratedWorkload_AgreesWithReference()
    {
        var w = AccessWorkload.Generate(delegations: 30, authorizationsPerDelegation: 8, requests: 3_000, seed: 7);
        var evaluator = AccessEvaluator.Create(w.Snapshot, w.Options);
        var reference = new ReferenceEvaluator(w.Snapshot, w.Options);
        for (var i = 0; i < w.Count; i++)
        {
            Assert.Equal(reference.Decide(w.Request(i)), evaluator.Check(w.Request(i)).Reason);
        }
    }
}
