using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Operations;
using ManagedServices.Rest;
using ManagedServices.Tests.Arm;
using ManagedServices.Tests.Rest;

namespace ManagedServices.Tests.Access;

/// <summary>
/// AccessEvaluator.WhatCan with the caller's groups and AccessEvaluator.Describe, on delegations read from the REST
/// specification's examples: the operations Describe lists for a principal's permanent grants are exactly those Check
/// allows it (two code paths, one answer), the eligible policy is the authorization's, and grants of other evaluators
/// are not described.
/// </summary>
public class WhatCanDescribeTests
{
    private const string Subscription = "0afefe50-734e-4610-8c82-a144aff49dea";
    private const string SupportUser = "f98d86a2-4cc4-4e9d-ad47-b3e80a1bcdfc";
    private const string Group = "5a6b7c8d-0000-4000-8000-00000000abcd";
    private const string Vm = "/subscriptions/" + Subscription + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1";

    /// <summary>
    /// The 2022-10-01 example with its first authorization's role swapped for Contributor (Actions <c>*</c> with
    /// NotActions) and a Virtual Machine Contributor authorization for a group added.
    /// </summary>
    private static readonly Lazy<AccessEvaluator> Evaluator = new(() =>
    {
        var list = JsonNode.Parse(RegistrationDelegationsTests.Example("assignments.json"))!;
        var authorizations = list["value"]![0]!["properties"]!["registrationDefinition"]!["properties"]!["authorizations"]!.AsArray();
        authorizations[0]!["roleDefinitionId"] = BuiltInRoleIds.Contributor.ToString();
        authorizations.Add(new JsonObject { ["principalId"] = Group, ["roleDefinitionId"] = "9980e02c-c2be-4d73-94e8-173b1dc7cf3c" });
        var read = RegistrationResources.ReadDelegations([new RestDocument { Name = "a", Json = list.ToJsonString() }]);
        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        return AccessEvaluator.Create(DelegationSnapshot.Create(read.Value));
    });

    private static readonly Lazy<HashSet<string>> Described = new(() =>
    {
        var access = Evaluator.Value.WhatCan(PrincipalId.Parse(SupportUser), Vm);
        return [.. access.Grants.Where(static g => !g.IsEligible).SelectMany(static g => Evaluator.Value.Describe(g, includeOperations: true)!.Operations)];
    });

    private static readonly string[] Universe = [.. OperationCatalog.Azure.Entries.Select(static e => e.Name)];

    [Fact]
    public void WhatCan_WithTheCallersGroup_AddsTheGroupsGrant()
    {
        var user = PrincipalId.Parse(SupportUser);

        var alone = Evaluator.Value.WhatCan(user, Vm);
        var withGroup = Evaluator.Value.WhatCan(user, Vm, groupIds: [PrincipalId.Parse(Group)]);

        Assert.Equal(["Contributor", "User Access Administrator"], alone.Grants.Select(static g => g.RoleName));
        Assert.Equal(["Contributor", "User Access Administrator", "Virtual Machine Contributor"], withGroup.Grants.Select(static g => g.RoleName));
    }

    [Fact]
    public void Describe_Contributor_ListsWritesButNotWhatNotActionsOrLighthouseTakeAway()
    {
        var contributor = Evaluator.Value.WhatCan(PrincipalId.Parse(SupportUser), Vm).Grants[0];

        var details = Evaluator.Value.Describe(contributor, includeOperations: true, search: "microsoft.compute/virtualmachines/")!;

        Assert.Contains("Microsoft.Compute/virtualMachines/write", details.Operations);
        Assert.All(details.Operations, o => Assert.Contains("Microsoft.Compute/virtualMachines/", o, StringComparison.OrdinalIgnoreCase));
        var all = Evaluator.Value.Describe(contributor, includeOperations: true)!.Operations;
        Assert.DoesNotContain("Microsoft.Authorization/roleAssignments/write", all);
        Assert.DoesNotContain("Microsoft.ManagedServices/registrationAssignments/delete", all);
        Assert.Null(details.JustInTimeAccessPolicy);
        Assert.Empty(details.DelegatedRoleDefinitionIds);
    }

    [Fact]
    public void Describe_UserAccessAdministrator_GivesItsAssignableRoles_AndOnlyWhatItPermitsOutright()
    {
        var uaa = Evaluator.Value.WhatCan(PrincipalId.Parse(SupportUser), Vm).Grants[1];

        var details = Evaluator.Value.Describe(uaa, includeOperations: true)!;

        Assert.Equal([BuiltInRoleIds.Contributor.ToString()], details.DelegatedRoleDefinitionIds.Select(static r => r.ToString()));
        Assert.Contains("Microsoft.Authorization/roleAssignments/read", details.Operations);
        Assert.DoesNotContain("Microsoft.Authorization/roleAssignments/write", details.Operations);
        Assert.All(details.Operations, o => Assert.True(o.Equals("Microsoft.Authorization/roleAssignments/read", StringComparison.OrdinalIgnoreCase) ||
                                                        o.StartsWith("Microsoft.Support/", StringComparison.OrdinalIgnoreCase), o));
    }

    [Fact]
    public void Describe_EligibleGrant_CarriesTheAuthorizationsPolicy()
    {
        var read = RegistrationResources.ReadDelegations(
            [new RestDocument { Name = "a", Json = RegistrationDelegationsTests.Example("assignments-unexpanded.json") }],
            [new RestDocument { Name = "d", Json = RegistrationDelegationsTests.Example("definitions.json") }]);
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create(read.Value!));

        var grant = Assert.Single(evaluator.WhatCan(PrincipalId.Parse("3e0ed8c6-e902-4fc5-863c-e3ddbb2ae2a2"), "/subscriptions/0afefe50-734e-4610-8a82-a144aff49dea").Grants);
        var policy = evaluator.Describe(grant)!.JustInTimeAccessPolicy;

        Assert.True(grant.IsEligible);
        Assert.NotNull(policy);
        Assert.Equal(MultiFactorAuthProvider.Azure, policy.MultiFactorAuthProvider);
        Assert.Equal("Approver Group", Assert.Single(policy.Approvers).DisplayName);
        Assert.Empty(evaluator.Describe(grant)!.Operations);
    }

    [Fact]
    public void Describe_AGrantOfAnotherEvaluator_IsNull()
    {
        var grant = Evaluator.Value.WhatCan(PrincipalId.Parse(SupportUser), Vm).Grants[0];

        Assert.Null(AccessEvaluator.Create(DelegationSnapshot.Empty).Describe(grant));
    }

    /// <summary>
    /// For any operation of Azure's list: Describe lists it for one of the principal's permanent grants exactly when
    /// Check allows the principal to perform it on the resource (data actions: neither).
    /// </summary>
    [Property(MaxTest = 500)]
    public Property DescribedOperations_AreExactlyWhatCheckAllows() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, Universe.Length - 1)), index =>
        {
            var op = Universe[index];
            var allowed = Evaluator.Value.Check(new AccessRequest(PrincipalId.Parse(SupportUser), op, Vm)).IsAllowed;
            return (Described.Value.Contains(op) == allowed).Label($"{op}: described {Described.Value.Contains(op)}, allowed {allowed}");
        });
}
