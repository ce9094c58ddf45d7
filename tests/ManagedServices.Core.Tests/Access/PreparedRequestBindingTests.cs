using System.Runtime.CompilerServices;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;

namespace ManagedServices.Tests.Access;

/// <summary>
/// <see cref="PreparedRequest"/> (<see cref="AccessEvaluator.Prepare"/>, <see cref="AccessEvaluator.Check(in PreparedRequest)"/>)
/// against string checks: a request bound to an evaluator holds that evaluator's facts, and no check, with that
/// evaluator or another, may decide otherwise than the string check of the same request.
/// </summary>
public class PreparedRequestBindingTests
{
    /// <summary>
    /// Random worlds (with and without deny assignments and activations, groups folded or not) and random requests:
    /// a prepared request is decided as its string request, on the first check and the next, with the default action
    /// memo, none and a memo of one entry.
    /// </summary>
    [Property(Arbitrary = [typeof(PreparedRequestTests.WithDenies)], MaxTest = 300)]
    public bool PreparedRequest_RandomWorlds_SameDecisionAsStrings(AccessWorld world, AccessRequest[] requests, bool foldGroups)
    {
        foreach (var capacity in new[] { 16384, 0, 1 })
        {
            var evaluator = AccessEvaluator.Create(world.Snapshot, world.Options(foldGroups: foldGroups, actionCacheCapacity: capacity));
            foreach (var (r, a, s) in PreparedBindingTests.Prepare(requests))
            {
                var expected = evaluator.Check(r);
                var request = evaluator.Prepare(r.PrincipalId, in a, in s);
                var first = evaluator.Check(in request);
                var again = evaluator.Check(in request);
                if (first != expected || again != expected || request.Principal != r.PrincipalId || request.Action.Name != a.Name || request.Scope.Scope != s.Scope)
                {
                    throw new InvalidOperationException($"{r} cache {capacity} folded {foldGroups} bound {request.IsBound}: prepared {first} then {again}, strings {expected}\n{world}");
                }
            }
        }

        return true;
    }

    [Fact]
    public void PreparedRequest_Default_IsMalformed_AndUnbound()
    {
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Empty);
        var request = default(PreparedRequest);
        Assert.False(request.IsPrepared);
        Assert.False(request.IsBound);
        Assert.Equal(evaluator.Check(default, default, default), evaluator.Check(in request));
        Assert.Equal(AccessReason.MalformedRequest, evaluator.Check(in request).Reason);

        Assert.True(PreparedScope.TryPrepare("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b", out var scope));
        var withoutAction = evaluator.Prepare(AccessArbitraries.Users[0], default, in scope);
        Assert.False(withoutAction.IsPrepared);
        Assert.False(withoutAction.IsBound);
        Assert.Equal(AccessReason.MalformedRequest, evaluator.Check(in withoutAction).Reason);
        Assert.Equal($"{AccessArbitraries.Users[0]} (not prepared) {scope.Scope}", withoutAction.ToString());
    }

    /// <summary>Callers hold many requests and a check reads one whole: the value stays at 72 bytes.</summary>
    [Fact]
    public void PreparedRequest_IsSeventyTwoBytes()
    {
        Assert.Equal(72, Unsafe.SizeOf<PreparedRequest>());
    }
}
