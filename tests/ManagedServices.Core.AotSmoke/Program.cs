using ManagedServices;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Operations;
using ManagedServices.Arm;
using ManagedServices.Validation;

// Builds an offer, validates it, writes and reads back its onboarding template, checks access against the
// delegation it creates, and uses the embedded role catalog. Every check appends to failures; the process exits 1 when any failed, so CI fails loudly.
var failures = new List<string>();

var managingTenant = TenantId.Parse("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40");
var support = Principal.Group(PrincipalId.Parse("7e0cb6fc-2af8-4d9d-a62d-c24d3c53360f"), "MSP-L1-Support");
var offer = new OfferBuilder()
    .WithId("aot-smoke")
    .WithDisplayName("AOT smoke")
    .WithPublisher("contoso")
    .AddPlan(plan => plan
        .WithId("standard")
        .WithName("Standard")
        .AsPublic()
        .WithManifest(m => m
            .WithVersion("1.0.0")
            .WithManagingTenant(managingTenant)
            .AddAuthorization(support, BuiltInRoleIds.Reader)
            .AddEligibleAuthorization(support, BuiltInRoleIds.Contributor, new JustInTimeAccessPolicy
            {
                MultiFactorAuthProvider = MultiFactorAuthProvider.Azure,
                MaximumActivationDuration = TimeSpan.FromHours(8),
            })))
    .Build();
Check(offer.ToBuilder().Build() == offer, "builder round trip changed the offer");

var validation = OfferValidator.Default.Validate(offer);
Check(!validation.HasErrors, "the offer has validation errors: " + validation);

// Write the ARM onboarding template for the plan, read it back, and check access against the delegation it creates.
var definition = new OnboardingDefinition { Name = offer.DisplayName, Manifest = offer.Plans[0].Manifest };
var files = OnboardingTemplate.Write(definition, OnboardingTarget.ForSubscription());
Check(!files.HasErrors, "the template was not written: " + string.Join("; ", files.Diagnostics));
var subscription = SubscriptionId.Parse("5b3c1f7e-9a2d-4c6b-8e1f-0a9b8c7d6e5f");
var read = OnboardingTemplate.Read(files.Value!.Template, files.Value.Parameters, new OnboardingReadOptions { SubscriptionId = subscription });
Check(!read.HasErrors, "the template did not read back: " + string.Join("; ", read.Diagnostics));
var content = read.Value!;
Check(content.Definition.Manifest.Authorizations.Select(a => (a.Principal.Id, a.RoleDefinitionId))
        .SequenceEqual(offer.Plans[0].Manifest.Authorizations.Select(a => (a.Principal.Id, a.RoleDefinitionId))),
    "the template round trip changed the authorizations");
var delegations = content.RegistrationDefinitions.Select(d => new Delegation
{
    CustomerTenantId = TenantId.Parse("2f4a9838-26b7-47ee-be60-ccc1fdec5953"),
    Definition = d,
    AssignmentId = ArmGuid.Create(d.Id.ToString(), subscription.ToString()),
    Scope = ResourceScope.Parse("/subscriptions/" + subscription),
});
var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create(delegations));
var vm = "/subscriptions/" + subscription + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";
var canRead = evaluator.Check(new AccessRequest(support.Id, "Microsoft.Compute/virtualMachines/read", vm));
var cannotWrite = evaluator.Check(new AccessRequest(support.Id, "Microsoft.Compute/virtualMachines/write", vm));
Check(canRead.IsAllowed && canRead.Grant?.RoleDefinitionId == BuiltInRoleIds.Reader, $"Reader cannot read the VM: {canRead}");
Check(!cannotWrite.IsAllowed && cannotWrite.Reason == AccessReason.EligibleNotActivated, $"eligible Contributor was not reported as not activated: {cannotWrite}");
var activated = evaluator.Check(new AccessRequest(support.Id, "Microsoft.Compute/virtualMachines/write", vm) { ActivatedRoleDefinitionIds = [BuiltInRoleIds.Contributor] });
Check(activated.IsAllowed, $"activated Contributor cannot write the VM: {activated}");

// The embedded role catalog is read with System.Text.Json at run time: it must survive trimming.
Check(RoleCatalog.BuiltIn.Count > 900, $"built-in catalog has {RoleCatalog.BuiltIn.Count} roles");
Check(RoleCatalog.BuiltIn.TryGetByName("Virtual Machine Contributor", out var vmc) && vmc.PermitsAction("Microsoft.Compute/virtualMachines/write"),
    "Virtual Machine Contributor does not permit Microsoft.Compute/virtualMachines/write");
Check(RoleCatalog.BuiltIn.GetDelegability(BuiltInRoleIds.Owner) is { IsDelegable: false, IsOwner: true }, "Owner delegability");

// The embedded operation list is Brotli-compressed: it must decompress in a native binary.
Check(OperationCatalog.Azure.GetPlane("Microsoft.KeyVault/vaults/secrets/getSecret/action") == OperationPlane.Data, "getSecret is not a data action");
var secret = evaluator.Check(new AccessRequest(support.Id, "Microsoft.KeyVault/vaults/secrets/getSecret/action", vm) { ActivatedRoleDefinitionIds = [BuiltInRoleIds.Contributor] });
Check(secret.Reason == AccessReason.DataActionNotDelegated, $"a data action was not denied as one: {secret}");

var scope = ResourceScope.Parse("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1");
Check(ResourceScope.Parse("/subscriptions/00000000-0000-0000-0000-000000000001").Contains(scope), "subscription scope does not contain the VM");

foreach (var failure in failures)
{
    Console.Error.WriteLine("aot-smoke: FAILED: " + failure);
}

Console.WriteLine(failures.Count == 0 ? "aot-smoke: OK" : $"aot-smoke: {failures.Count} check(s) failed");
return failures.Count == 0 ? 0 : 1;

void Check(bool condition, string what)
{
    if (!condition)
    {
        failures.Add(what);
    }
}
