using ManagedServices.Access;
using ManagedServices.Offers;

namespace ManagedServices.Tests.Access;

/// <summary>
/// One principal with grants on the whole subscription and on several of its resource groups: at a scope, the roles of
/// the subscription and of that scope's resource group apply, and no other group's. These lists take the fast path
/// (permanent grants of ordinary roles of one managing tenant), which keeps the subscription's roles and each delegated
/// resource group's roles as bit masks; every path of a check must give the same answer.
/// </summary>
public class ResourceGroupMaskTests
{
    private const string Sub = AccessEvaluatorScenarioTests.Sub;
    private const string Write = "Microsoft.Compute/virtualMachines/write";
    private const string Read = "Microsoft.Compute/virtualMachines/read";
    private const string StorageWrite = "Microsoft.Storage/storageAccounts/write";
    private const string SiteWrite = "Microsoft.Web/sites/write";
    private static readonly PrincipalId Ops = AccessEvaluatorScenarioTests.Ops;
    private static readonly RoleDefinitionId VirtualMachineContributor = RoleDefinitionId.Parse("9980e02c-c2be-4d73-94e8-173b1dc7cf3c");
    private static readonly RoleDefinitionId StorageAccountContributor = RoleDefinitionId.Parse("17d1049b-9a84-46fb-8f53-869881c3d3ab");
    private static readonly RoleDefinitionId WebsiteContributor = RoleDefinitionId.Parse("de139f84-1756-47ae-9be6-808fbbe84772");

    private static Authorization Grant(RoleDefinitionId role) => new() { Principal = Principal.User(Ops), RoleDefinitionId = role };

    private static AccessEvaluator Evaluator() => AccessEvaluator.Create(DelegationSnapshot.Create(
    [
        // Reader on the subscription twice (two delegations with the same role must not cancel each other).
        AccessEvaluatorScenarioTests.Delegate(Sub, Grant(BuiltInRoleIds.Reader)),
        AccessEvaluatorScenarioTests.Delegate(Sub, Grant(BuiltInRoleIds.Reader)),
        AccessEvaluatorScenarioTests.Delegate(Sub + "/resourceGroups/rg1", Grant(StorageAccountContributor)),
        AccessEvaluatorScenarioTests.Delegate(Sub + "/resourceGroups/rg2", Grant(VirtualMachineContributor)),
        AccessEvaluatorScenarioTests.Delegate(Sub + "/resourceGroups/rg3", Grant(WebsiteContributor)),
        AccessEvaluatorScenarioTests.Delegate(Sub + "/resourceGroups/rg4", Grant(VirtualMachineContributor)),
    ]));

    public static TheoryData<string, string, bool> Requests() => new()
    {
        { Read, Sub, true },
        { Read, Sub + "/resourceGroups/rg9", true },
        { Write, Sub, false },
        { Write, Sub + "/resourceGroups/rg1", false },
        { Write, Sub + "/resourceGroups/rg2", true },
        { Write, Sub + "/resourceGroups/rg3", false },
        { Write, Sub + "/resourceGroups/RG4/providers/Microsoft.Compute/virtualMachines/vm1", true },
        { Write, Sub + "/resourceGroups/rg9", false },
        { Write, Sub + "/resourceGroups/rg10", false },
        { StorageWrite, Sub + "/resourceGroups/rg1", true },
        { StorageWrite, Sub + "/resourceGroups/rg2", false },
        { SiteWrite, Sub + "/resourceGroups/rg3", true },
        { SiteWrite, Sub + "/resourceGroups/rg4", false },
        { SiteWrite, Sub + "/resourceGroups/rg2", false },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void EachScope_GetsTheSubscriptionsRoles_AndItsOwnResourceGroupsOnly(string action, string scope, bool allowed)
    {
        var evaluator = Evaluator();
        Assert.True(PreparedAction.TryPrepare(action, out var preparedAction));
        Assert.True(PreparedScope.TryPrepare(scope, out var preparedScope));

        // Every denial here is a role at the scope without the action.
        var reason = allowed ? AccessReason.Allowed : AccessReason.ActionNotInRole;

        // Twice: the first check fills the action's memo entry, which the fast path reads.
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(reason, evaluator.Check(new AccessRequest(Ops, action, scope)).Reason);
            Assert.Equal(reason, evaluator.Check(Ops, in preparedAction, in preparedScope).Reason);
            var prepared = evaluator.Prepare(Ops, in preparedAction, in preparedScope);
            Assert.Equal(reason, evaluator.Check(in prepared).Reason);
            Assert.Equal(reason, evaluator.Explain(new AccessRequest(Ops, action, scope)).Decision.Reason);
        }
    }
}
