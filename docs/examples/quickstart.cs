// The README's main job:  dotnet run docs/examples/quickstart.cs [output-folder]
// 1. builds a realistic Managed Service offer with the fluent builder,
// 2. validates it against the Lighthouse rules and prints the diagnostics,
// 3. writes the ARM onboarding template and parameters file for two resource groups and reads them back,
// 4. answers access checks for the delegations the customer's deployment creates.
// Exits non-zero when anything is not as expected, so CI can run it.
#:project ../../src/ManagedServices.Core/ManagedServices.Core.csproj
using ManagedServices;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Arm;
using ManagedServices.Validation;

var failures = 0;
var managingTenant = TenantId.Parse("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40");
var l1Support = Principal.Group(PrincipalId.Parse("7e0cb6fc-2af8-4d9d-a62d-c24d3c53360f"), "MSP-L1-Support");
var l2Ops = Principal.Group(PrincipalId.Parse("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6"), "MSP-L2-Ops");
var automation = Principal.ServicePrincipal(PrincipalId.Parse("9f2c7a10-3c1e-4a55-8b5e-2f1f6b1f0c3a"), "MSP-Automation");
var oncall = Principal.User(PrincipalId.Parse("c1a2b3d4-0000-4e5f-8a9b-0c1d2e3f4a5b"), "On-call engineer");

var offer = new OfferBuilder()
    .WithId("contoso-managed-infra")
    .WithDisplayName("Contoso Managed Infrastructure")
    .WithPublisher("contoso")
    .WithDescription("24x7 operations of Azure infrastructure by Contoso")
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

var plan = offer.Plans[0];
var manifest = plan.Manifest;
Console.WriteLine($"1. Offer {offer.Id} ({offer.DisplayName}), plan {plan.Id}, manifest {manifest.Version}");
Console.WriteLine($"   {manifest.Authorizations.Length} permanent and {manifest.EligibleAuthorizations.Length} eligible authorizations for tenant {manifest.ManagingTenantId}");
foreach (var a in manifest.Authorizations)
{
    var role = RoleCatalog.BuiltIn.TryGet(a.RoleDefinitionId, out var r) ? r.Name : a.RoleDefinitionId.ToString();
    Console.WriteLine($"   - {a.Principal.DisplayName} ({a.Principal.Kind}): {role}");
}

Check(offer.ToBuilder().Build() == offer, "a round trip through the builder keeps the offer");

// 2. Validate.
var validation = OfferValidator.Default.Validate(offer);
Console.WriteLine($"2. Validation: {(validation.HasErrors ? "INVALID" : "valid")}, {validation.Errors.Length} error(s), {validation.Warnings.Length} warning(s)");
foreach (var d in validation.Diagnostics)
{
    Console.WriteLine($"   {d}");
}

Check(!validation.HasErrors, "the offer passes validation");

// 3. Write the onboarding template (two resource groups of one subscription) and read it back.
var output = args.Length > 0 ? args[0] : Path.Combine(".artifacts", "quickstart");
Directory.CreateDirectory(output);
var definition = new OnboardingDefinition { Name = offer.DisplayName, Description = offer.Description, Manifest = manifest };
var target = OnboardingTarget.ForResourceGroups(["rg-app", "rg-app-dev"]);
var files = OnboardingTemplate.Write(definition, target).GetValueOrThrow();
var templatePath = Path.Combine(output, "onboarding.json");
var parametersPath = Path.Combine(output, "onboarding.parameters.json");
File.WriteAllText(templatePath, files.Template);
File.WriteAllText(parametersPath, files.Parameters);
Console.WriteLine($"3. Wrote {templatePath} and {parametersPath} (api-version {files.ApiVersion})");

var read = OnboardingTemplate.Read(File.ReadAllText(templatePath), File.ReadAllText(parametersPath));
Check(!read.HasErrors, "the written template reads back without errors");
// ARM templates carry no principal kind (user, group, service principal): compare everything else.
Check(WithoutKinds(read.Value!.Definition.Manifest) == WithoutKinds(manifest), "the manifest read back equals the one written, principal kinds aside");
Console.WriteLine($"   Read back: {read.Value.RegistrationDefinitions.Length} registration definition(s) for {read.Value.Target}");

// 4. The customer deploys it to subscription ed40e6c1-…; the deployment creates one delegation per resource group.
var customerTenant = TenantId.Parse("d0aa2562-09cb-4f55-afc6-f5352607f8c8");
var subscription = SubscriptionId.Parse("ed40e6c1-4292-4dd6-88f1-89e0da98d68b");
var delegations = read.Value.RegistrationDefinitions.Zip(target.ResourceGroupNames, (registration, rg) => new Delegation
{
    CustomerTenantId = customerTenant,
    Definition = registration,
    AssignmentId = registration.Id,
    Scope = ResourceScope.ForResourceGroup(subscription, rg),
}).ToList();
var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create(delegations));

var vm = $"/subscriptions/{subscription}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1";
Console.WriteLine("4. Access checks:");
Expect(l2Ops.Id, "Microsoft.Compute/virtualMachines/restart/action", vm, allowed: true);
Expect(l1Support.Id, "Microsoft.Compute/virtualMachines/restart/action", vm, allowed: false);
Expect(l1Support.Id, "Microsoft.Compute/virtualMachines/read", vm.ToUpperInvariant(), allowed: true);
Expect(l2Ops.Id, "Microsoft.Authorization/roleAssignments/write", vm, allowed: false);
Expect(l2Ops.Id, "Microsoft.Compute/virtualMachines/read", $"/subscriptions/{subscription}/resourceGroups/rg-app-prod", allowed: false);
Expect(l2Ops.Id, "Microsoft.Resources/subscriptions/resourceGroups/read", $"/subscriptions/{subscription}", allowed: false);
Expect(oncall.Id, "Microsoft.Compute/virtualMachines/write", vm, allowed: false);
Expect(l2Ops.Id, "Microsoft.ManagedServices/registrationAssignments/delete", $"/subscriptions/{subscription}/resourceGroups/rg-app-dev", allowed: true);

Console.WriteLine(failures == 0 ? "All checks passed." : $"{failures} check(s) FAILED.");
return failures == 0 ? 0 : 1;

void Expect(PrincipalId principal, string action, string scope, bool allowed)
{
    var decision = evaluator.Check(new AccessRequest(principal, action, scope) { PrincipalTenantId = managingTenant });
    var who = manifest.Authorizations.Concat<object>(manifest.EligibleAuthorizations).Select(x => x switch
    {
        Authorization a when a.Principal.Id == principal => a.Principal.DisplayName,
        EligibleAuthorization e when e.Principal.Id == principal => e.Principal.DisplayName,
        _ => null,
    }).FirstOrDefault(n => n is not null) ?? principal.ToString();
    var via = decision.Grant is { } g ? $" via {g.RoleName} on {g.Scope}" : "";
    Console.WriteLine($"   {(decision.IsAllowed ? "Allow" : "Deny "),-5} {who}: {action} ({decision.Reason}){via}");
    Check(decision.IsAllowed == allowed, $"{who} {(allowed ? "may" : "may not")} {action} on {scope}");
}

static DelegationManifest WithoutKinds(DelegationManifest m) => m with
{
    Authorizations = [.. m.Authorizations.Select(a => a with { Principal = a.Principal with { Kind = PrincipalKind.Unknown } })],
    EligibleAuthorizations = [.. m.EligibleAuthorizations.Select(e => e with
    {
        Principal = e.Principal with { Kind = PrincipalKind.Unknown },
        JustInTimeAccessPolicy = e.JustInTimeAccessPolicy with
        {
            Approvers = [.. e.JustInTimeAccessPolicy.Approvers.Select(p => p with { Kind = PrincipalKind.Unknown })],
        },
    })],
};

void Check(bool condition, string what)
{
    if (!condition)
    {
        failures++;
        Console.Error.WriteLine($"FAILED: {what}");
    }
}
