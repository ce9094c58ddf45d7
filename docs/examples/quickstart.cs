// The README's main job:  dotnet run docs/examples/quickstart.cs
// Builds a realistic Managed Service offer with the fluent builder and prints it. Later sections of this file
// validate it, write the onboarding template and answer access checks.
#:project ../../src/ManagedServices.Core/ManagedServices.Core.csproj
using ManagedServices;
using ManagedServices.Offers;

var managingTenant = TenantId.Parse("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40");
var l1Support = Principal.Group(PrincipalId.Parse("7e0cb6fc-2af8-4d9d-a62d-c24d3c53360f"), "MSP-L1-Support");
var l2Ops = Principal.Group(PrincipalId.Parse("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6"), "MSP-L2-Ops");
var automation = Principal.ServicePrincipal(PrincipalId.Parse("9f2c7a10-3c1e-4a55-8b5e-2f1f6b1f0c3a"), "MSP-Automation");
var oncall = Principal.User(PrincipalId.Parse("c1a2b3d4-0000-4e5f-8a9b-0c1d2e3f4a5b"), "On-call engineer");

var offer = new OfferBuilder()
    .WithId("contoso-managed-infra")
    .WithDisplayName("Contoso Managed Infrastructure")
    .WithPublisher("contoso")
    .AddPlan(plan => plan
        .WithId("standard")
        .WithName("Standard")
        .AsPublic()
        .WithManifest(m => m
            .WithVersion("1.0.0")
            .WithManagingTenant(managingTenant)
            .AddAuthorization(l1Support, BuiltInRoleIds.Reader)
            .AddAuthorization(l2Ops, BuiltInRoleIds.Contributor)
            .AddAuthorization(oncall, BuiltInRoleIds.Reader)
            .AddUserAccessAdministrator(automation, BuiltInRoleIds.Contributor)
            .AddAuthorization(l2Ops, BuiltInRoleIds.RegistrationAssignmentDelete)
            .AddEligibleAuthorization(oncall, BuiltInRoleIds.Contributor, new JustInTimeAccessPolicy
            {
                MultiFactorAuthProvider = MultiFactorAuthProvider.Azure,
                MaximumActivationDuration = TimeSpan.FromHours(4),
                Approvers = [l2Ops],
            })))
    .Build();

var manifest = offer.Plans[0].Manifest;
Console.WriteLine($"Offer {offer.Id} ({offer.DisplayName}), plan {offer.Plans[0].Id}, manifest {manifest.Version}");
Console.WriteLine($"  {manifest.Authorizations.Length} permanent and {manifest.EligibleAuthorizations.Length} eligible authorizations for tenant {manifest.ManagingTenantId}");
foreach (var a in manifest.Authorizations)
{
    var role = RoleCatalog.BuiltIn.TryGet(a.RoleDefinitionId, out var r) ? r.Name : a.RoleDefinitionId.ToString();
    Console.WriteLine($"  - {a.Principal.DisplayName} ({a.Principal.Kind}): {role}");
}

if (offer.ToBuilder().Build() != offer)
{
    Console.Error.WriteLine("round trip through the builder changed the offer");
    return 1;
}

// Access checks: the plan delegated on one resource group of a customer subscription.
var delegation = new Delegation
{
    CustomerTenantId = TenantId.Parse("d0aa2562-09cb-4f55-afc6-f5352607f8c8"),
    AssignmentId = Guid.Parse("af8a44d1-0b3c-40b0-af3d-662477a95e39"),
    Scope = ResourceScope.Parse("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg-app"),
    Definition = new RegistrationDefinition { Id = Guid.Parse("52cd7214-5d46-447f-bec6-e29ee28cad85"), Name = offer.DisplayName, Manifest = manifest },
};
var evaluator = ManagedServices.Access.AccessEvaluator.Create(ManagedServices.Access.DelegationSnapshot.Create([delegation]));
var vm = delegation.Scope + "/providers/Microsoft.Compute/virtualMachines/vm1";
var sibling = "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg-app-dev";
Console.WriteLine("Access checks:");
foreach (var (who, action, scope) in new[]
{
    (l2Ops, "Microsoft.Compute/virtualMachines/write", vm),
    (l2Ops, "Microsoft.Authorization/roleAssignments/write", vm),
    (oncall, "Microsoft.Compute/virtualMachines/write", vm),
    (l1Support, "Microsoft.Compute/virtualMachines/read", sibling),
})
{
    var decision = evaluator.Check(new ManagedServices.Access.AccessRequest(who.Id, action, scope));
    Console.WriteLine($"  {who.DisplayName}: {action} -> {(decision.IsAllowed ? "Allow" : "Deny (" + decision.Reason + ")")}");
}

var remediation = evaluator.Check(new ManagedServices.Access.AccessRequest(automation.Id, "Microsoft.Authorization/roleAssignments/write", vm)
{
    TargetRoleDefinitionId = BuiltInRoleIds.Contributor,
    TargetIsManagedIdentity = true,
});
Console.WriteLine($"  {automation.DisplayName}: assign Contributor to a managed identity -> {(remediation.IsAllowed ? "Allow" : "Deny (" + remediation.Reason + ")")}");
if (!remediation.IsAllowed)
{
    Console.Error.WriteLine("the User Access Administrator authorization should allow the remediation assignment");
    return 1;
}

return 0;
