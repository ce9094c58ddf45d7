using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;

namespace ManagedServices.Tests.Access;

/// <summary>Explain agrees with Check; the reverse queries agree with Check.</summary>
public class AccessExplainAndReverseTests
{
    [Property(Arbitrary = [typeof(AccessEvaluatorPropertyTests.Generators)], MaxTest = 300)]
    public bool Explain_AgreesWithCheckAndItsCandidates(AccessWorld world, AccessRequest request)
    {
        var evaluator = AccessEvaluator.Create(world.Snapshot, world.Options());
        var decision = evaluator.Check(request);
        var explanation = evaluator.Explain(request);
        if (explanation.Decision != decision)
        {
            return false;
        }

        var applicable = explanation.Candidates.Where(c => c.CoversScope && c.MatchesPrincipal).ToList();
        var ok = decision.Reason switch
        {
            AccessReason.Allowed => applicable.Any(c => c.Outcome == AccessReason.Allowed),
            AccessReason.MalformedRequest => explanation.MalformedBecause is not null,
            AccessReason.DataActionNotDelegated => explanation.Candidates.IsEmpty,
            AccessReason.NoDelegationCoversScope => !explanation.Candidates.Any(c => c.CoversScope),
            AccessReason.PrincipalNotAuthorized => applicable.Count == 0,
            _ => applicable.Count > 0 && applicable.MaxBy(c => ReferenceEvaluator.Rank(c.Outcome))!.Outcome == decision.Reason && applicable.All(c => c.Outcome != AccessReason.Allowed),
        };
        return ok ? true : throw new InvalidOperationException(explanation + "\n" + world);
    }

    [Property(Arbitrary = [typeof(AccessEvaluatorPropertyTests.Generators)], MaxTest = 300)]
    public bool WhoCan_ListsExactlyThoseCheckAllows(AccessWorld world, AccessRequest generated)
    {
        var evaluator = AccessEvaluator.Create(world.Snapshot, world.Options());
        var principal = generated.PrincipalId;
        var request = new AccessRequest(principal, generated.Action, generated.Scope);
        var holders = evaluator.WhoCan(request.Action, request.Scope);
        var decision = evaluator.Check(request);
        var listed = holders.Where(h => h.PrincipalId == principal && h.Condition is null).ToList();
        if (decision.IsAllowed)
        {
            // Allowed (without activations asserted) implies a permanent holder, or an eligible one with a live activation.
            return listed.Any(h => h.Grant == decision.Grant);
        }

        // A permanent, unconditional holder of the right tenant would have been allowed.
        return !listed.Any(h => !h.IsEligible);
    }

    [Property(Arbitrary = [typeof(AccessEvaluatorPropertyTests.Generators)], MaxTest = 200)]
    public bool WhatCan_DecisionsAreCheckDecisions(AccessWorld world, AccessRequest generated)
    {
        var evaluator = AccessEvaluator.Create(world.Snapshot, world.Options());
        var principal = generated.PrincipalId;
        var access = evaluator.WhatCan(principal, generated.Scope, AccessArbitraries.Actions);
        return access.Actions.Select(a => a.Decision).SequenceEqual(AccessArbitraries.Actions.Select(a => evaluator.Check(new AccessRequest(principal, a, generated.Scope)))) &&
            access.Actions.Where(a => a.Decision.IsAllowed).All(a => access.Grants.Contains(a.Decision.Grant!));
    }

    [Fact]
    public void Explain_ContributorRoleAssignmentWrite_NamesTheExcludingNotAction()
    {
        var sub = "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b";
        var ops = PrincipalId.Parse("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6");
        var delegation = new Delegation
        {
            CustomerTenantId = AccessArbitraries.CustomerA,
            AssignmentId = Guid.Empty,
            Scope = ResourceScope.Parse(sub + "/resourceGroups/rg1"),
            Definition = new RegistrationDefinition
            {
                Id = Guid.Empty,
                Name = "Contoso",
                Manifest = new DelegationManifest
                {
                    ManagingTenantId = AccessArbitraries.ManagingA,
                    Authorizations =
                    [
                        new Authorization { Principal = Principal.Group(ops, "MSP-L2-Ops"), RoleDefinitionId = BuiltInRoleIds.Contributor },
                        new Authorization { Principal = Principal.Group(ops, "MSP-L2-Ops"), RoleDefinitionId = BuiltInRoleIds.Reader },
                    ],
                },
            },
        };
        var other = delegation with { Scope = ResourceScope.Parse(sub + "/resourceGroups/rg10") };
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([delegation, other]));
        var explanation = evaluator.Explain(new AccessRequest(ops, "Microsoft.Authorization/roleAssignments/write", sub + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1"));
        Assert.Equal(AccessReason.ExcludedByNotActions, explanation.Decision.Reason);
        Assert.Equal(4, explanation.Candidates.Length);
        var contributor = explanation.Candidates[0];
        Assert.Equal("*", contributor.MatchedAction);
        Assert.Equal("Microsoft.Authorization/*/Write", contributor.ExcludedBy);
        Assert.Equal(AccessReason.ActionNotInRole, explanation.Candidates[1].Outcome);
        Assert.All(explanation.Candidates.Skip(2), c => Assert.Equal(AccessReason.NoDelegationCoversScope, c.Outcome));
        Assert.Contains("NotAction 'Microsoft.Authorization/*/Write'", explanation.ToString(), StringComparison.Ordinal);
        Assert.NotNull(evaluator.Explain(new AccessRequest("x", "a", "b")).MalformedBecause);
    }

    /// <summary>
    /// An authorization that never lets a request through (here to the empty GUID, which names no principal, and an
    /// Owner, which Lighthouse refuses) is listed by no reverse query: who-can, what-can and the customer's access
    /// report agree with <see cref="AccessEvaluator.Check(in AccessRequest)"/>, which denies both.
    /// </summary>
    [Fact]
    public void ReverseQueries_ListNoGrantThatCheckRefuses()
    {
        var sub = "/subscriptions/" + AccessArbitraries.Subscriptions[0];
        var nobody = new PrincipalId(Guid.Empty);
        var owner = AccessArbitraries.Users[1];
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create(
        [
            AccessEvaluatorScenarioTests.Delegate(
                sub,
                new Authorization { Principal = Principal.User(nobody), RoleDefinitionId = BuiltInRoleIds.Reader },
                new Authorization { Principal = Principal.User(owner), RoleDefinitionId = BuiltInRoleIds.Owner }),
        ]));
        const string Read = "Microsoft.Compute/virtualMachines/read";

        Assert.False(evaluator.Check(new AccessRequest(nobody, Read, sub)).IsAllowed);
        Assert.False(evaluator.Check(new AccessRequest(owner, Read, sub)).IsAllowed);
        Assert.Empty(evaluator.WhoCan(Read, sub));
        Assert.Empty(evaluator.WhatCan(nobody, sub, [Read]).Grants);
        Assert.Empty(evaluator.WhatCan(owner, sub, [Read]).Grants);
        Assert.Empty(evaluator.GetCustomerAccessReport(AccessEvaluatorScenarioTests.Customer));
    }

    [Fact]
    public void GetCustomerAccessReport_ListsPrincipalsAndGroupMembersOfThatCustomerOnly()
    {
        var group = AccessArbitraries.Groups[0];
        var member = AccessArbitraries.Users[0];
        Delegation For(TenantId customer, string scope, RoleDefinitionId role) => new()
        {
            CustomerTenantId = customer,
            AssignmentId = Guid.Empty,
            Scope = ResourceScope.Parse(scope),
            Definition = new RegistrationDefinition
            {
                Id = Guid.Empty,
                Name = "Offer",
                Manifest = new DelegationManifest
                {
                    ManagingTenantId = AccessArbitraries.ManagingA,
                    Authorizations = [new Authorization { Principal = Principal.Group(group, "Ops"), RoleDefinitionId = role }],
                    EligibleAuthorizations = [new EligibleAuthorization { Principal = Principal.User(member), RoleDefinitionId = BuiltInRoleIds.Contributor }],
                },
            },
        };
        var evaluator = AccessEvaluator.Create(
            DelegationSnapshot.Create([For(AccessArbitraries.CustomerA, "/subscriptions/" + AccessArbitraries.Subscriptions[0], BuiltInRoleIds.Reader),
                                       For(AccessArbitraries.CustomerB, "/subscriptions/" + AccessArbitraries.Subscriptions[1], BuiltInRoleIds.Contributor)]),
            new AccessEvaluatorOptions { Groups = InMemoryGroupMembership.Create([KeyValuePair.Create(member, (IEnumerable<PrincipalId>)[group])]) });
        var report = evaluator.GetCustomerAccessReport(AccessArbitraries.CustomerA);
        Assert.Equal(3, report.Length);
        Assert.All(report, h => Assert.Equal(AccessArbitraries.CustomerA, h.Grant.CustomerTenantId));
        Assert.Contains(report, h => h.PrincipalId == group && h.ViaGroupId is null && h.Grant.RoleName == "Reader");
        Assert.Contains(report, h => h.PrincipalId == member && h.ViaGroupId == group);
        Assert.Contains(report, h => h.PrincipalId == member && h.IsEligible && h.Grant.RoleName == "Contributor");
        var who = evaluator.WhoCan("Microsoft.Compute/virtualMachines/read", "/subscriptions/" + AccessArbitraries.Subscriptions[0] + "/resourceGroups/rg1");
        Assert.Equal(3, who.Length);
    }
}
