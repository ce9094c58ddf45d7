using ManagedServices;
using ManagedServices.Offers;
using ManagedServices.Validation;

// Every check appends to failures; the process exits 1 when any failed, so CI fails loudly.
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
Check(validation.IsValid, "the offer has validation errors: " + validation);

// The embedded role catalog is read with System.Text.Json at run time: it must survive trimming.
Check(RoleCatalog.BuiltIn.Count > 900, $"built-in catalog has {RoleCatalog.BuiltIn.Count} roles");
Check(RoleCatalog.BuiltIn.TryGetByName("Virtual Machine Contributor", out var vmc) && vmc.PermitsAction("Microsoft.Compute/virtualMachines/write"),
    "Virtual Machine Contributor does not permit Microsoft.Compute/virtualMachines/write");
Check(RoleCatalog.BuiltIn.GetDelegability(BuiltInRoleIds.Owner) is { IsDelegable: false, IsOwner: true }, "Owner delegability");

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
