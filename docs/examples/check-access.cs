// dotnet run docs/examples/check-access.cs
// Answers "may this managing-tenant principal do this operation on this customer resource?" for a delegation, with
// the reason and the authorization that decided it. Exits non-zero when an answer is not the expected one.
#:project ../../src/ManagedServices.Core/ManagedServices.Core.csproj
using ManagedServices;
using ManagedServices.Access;
using ManagedServices.Offers;

var managingTenant = TenantId.Parse("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40");
var customerTenant = TenantId.Parse("2f4a9838-26b7-47ee-be60-ccc1fdec5953");
var support = Principal.Group(PrincipalId.Parse("7e0cb6fc-2af8-4d9d-a62d-c24d3c53360f"), "MSP-L1-Support");
var ops = Principal.Group(PrincipalId.Parse("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6"), "MSP-L2-Ops");
var alice = PrincipalId.Parse("c1a2b3d4-0000-4e5f-8a9b-0c1d2e3f4a5b"); // a member of MSP-L1-Support

var manifest = new DelegationManifestBuilder()
    .WithVersion("1.0.0")
    .WithManagingTenant(managingTenant)
    .AddAuthorization(support, BuiltInRoleIds.Reader)
    .AddAuthorization(ops, BuiltInRoleIds.Contributor)
    .AddEligibleAuthorization(support, BuiltInRoleIds.Contributor, new JustInTimeAccessPolicy
    {
        MultiFactorAuthProvider = MultiFactorAuthProvider.Azure,
        MaximumActivationDuration = TimeSpan.FromHours(2),
    })
    .Build();

// The customer delegated one resource group of one subscription.
const string Subscription = "/subscriptions/5b3c1f7e-9a2d-4c6b-8e1f-0a9b8c7d6e5f";
var delegation = new Delegation
{
    CustomerTenantId = customerTenant,
    AssignmentId = Guid.Parse("6f1d2c3b-4a59-4e8d-9c7b-1a2b3c4d5e6f"),
    Scope = ResourceScope.Parse(Subscription + "/resourceGroups/rg-app"),
    Definition = new RegistrationDefinition
    {
        Id = Guid.Parse("9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a"),
        Name = "Contoso Managed Infrastructure",
        Manifest = manifest,
    },
};

var groups = InMemoryGroupMembership.Create([new KeyValuePair<PrincipalId, IEnumerable<PrincipalId>>(alice, [support.Id])]);
var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([delegation]), new AccessEvaluatorOptions { Groups = groups });

const string Vm = Subscription + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1";
var failures = 0;
Check("Alice reads the VM (Reader through her group)", new AccessRequest(alice, "Microsoft.Compute/virtualMachines/read", Vm), AccessReason.Allowed);
Check("Alice restarts the VM (Contributor is only eligible)", new AccessRequest(alice, "Microsoft.Compute/virtualMachines/restart/action", Vm), AccessReason.EligibleNotActivated);
Check("Alice restarts the VM after activating Contributor", new AccessRequest(alice, "Microsoft.Compute/virtualMachines/restart/action", Vm) { ActivatedRoleDefinitionIds = [BuiltInRoleIds.Contributor] }, AccessReason.Allowed);
Check("Ops restarts the VM (Contributor)", new AccessRequest(ops.Id, "Microsoft.Compute/virtualMachines/restart/action", Vm), AccessReason.Allowed);
Check("Ops assigns a role (Contributor excludes Microsoft.Authorization writes)", new AccessRequest(ops.Id, "Microsoft.Authorization/roleAssignments/write", Vm), AccessReason.ExcludedByNotActions);
Check("Ops reads a VM in another resource group (not delegated)", new AccessRequest(ops.Id, "Microsoft.Compute/virtualMachines/read", Subscription + "/resourceGroups/rg-app-dev/providers/Microsoft.Compute/virtualMachines/vm1"), AccessReason.NoDelegationCoversScope);
Check("Alice reads a blob (data actions are never delegated)", new AccessRequest(alice, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", Vm) { IsDataAction = true }, AccessReason.DataActionNotDelegated);

return failures == 0 ? 0 : 1;

void Check(string what, AccessRequest request, AccessReason expected)
{
    var decision = evaluator.Check(request);
    var ok = decision.Reason == expected;
    failures += ok ? 0 : 1;
    var by = decision.Grant is { } g ? $" ({g.PrincipalDisplayName}: {g.RoleName}{(g.IsEligible ? ", eligible" : "")})" : "";
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {(decision.IsAllowed ? "Allow" : "Deny")} {decision.Reason}{by}");
    if (!ok)
    {
        Console.Error.WriteLine($"check-access: expected {expected}, got {decision.Reason} for {request}");
    }
}
