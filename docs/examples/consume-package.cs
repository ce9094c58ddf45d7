// The package consumer check: uses ManagedServices.Core as a NuGet package, the way an application would.
//   dotnet pack src/ManagedServices.Core -c Release -o .artifacts/package-feed
//   dotnet run docs/examples/consume-package.cs                       # the newest 0.1.0 prerelease in the feed
//   dotnet run -p:ManagedServicesVersion=0.1.0-dev.g0123456789ab docs/examples/consume-package.cs -- --expect 0.1.0-dev.g0123456789ab
// Every local and CI pack has its own version (0.1.0-dev.g<commit>), so NuGet's cache cannot serve an older build;
// with --expect, the check fails unless the assembly it runs is exactly that package version (CI passes the version it
// just packed). docs/examples/nuget.config adds the folder feed .artifacts/package-feed to the machine's default sources.
// The repository manages package versions centrally; a file-based app names its own version, so it opts out.
// Exits non-zero, with a message on stderr, when anything is off.
#:property ManagedServicesVersion=0.1.0-*
#:package ManagedServices.Core@$(ManagedServicesVersion)
#:property ManagePackageVersionsCentrally=false
using ManagedServices;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Arm;
using ManagedServices.Validation;

var failures = new List<string>();
void Expect(bool condition, string what)
{
    if (!condition)
    {
        failures.Add(what);
    }
}

// The assembly is the packed one: its informational version is the package version plus the commit (SourceLink).
var version = typeof(RoleCatalog).Assembly
    .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
    .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().SingleOrDefault()?.InformationalVersion ?? "";
var expect = args.Length == 2 && args[0] == "--expect" ? args[1] : null;
if (expect is not null)
{
    Expect(version.StartsWith(expect + "+", StringComparison.Ordinal), $"ran ManagedServices.Core '{version}', not the package just packed ({expect})");
}
else
{
    Expect(version.StartsWith("0.1.0", StringComparison.Ordinal), $"unexpected ManagedServices.Core version '{version}'");
}

// Build an offer with the fluent builder.
var l1 = Principal.Group(PrincipalId.Parse("7e0cb6fc-2af8-4d9d-a62d-c24d3c53360f"), "MSP-L1-Support");
var automation = Principal.ServicePrincipal(PrincipalId.Parse("9f2c7a10-3c1e-4a55-8b5e-2f1f6b1f0c3a"), "MSP-Automation");
var built = new OfferBuilder()
    .WithId("contoso-managed-infra")
    .WithDisplayName("Contoso Managed Infrastructure")
    .WithPublisher("contoso")
    .AddPlan(plan => plan
        .WithId("standard")
        .WithName("Standard")
        .AsPublic()
        .WithManifest(m => m
            .WithVersion("1.0.0")
            .WithManagingTenant("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40")
            .AddAuthorization(l1, BuiltInRoleIds.Reader)
            .AddUserAccessAdministrator(automation, BuiltInRoleIds.Contributor)))
    .TryBuild();
Expect(!built.HasErrors, "the offer did not build: " + string.Join("; ", built.Diagnostics));
var offer = built.Value!;
Expect(offer.Plans.Length == 1 && offer.Plans[0].Manifest.Authorizations.Length == 2, "the offer lost a plan or an authorization");
Expect(offer.ToBuilder().Build() == offer, "a round trip through the builder changed the offer");

// Validate it against the Lighthouse rules: a good offer has no errors; Owner is refused with a stable code.
var validation = OfferValidator.Default.Validate(offer);
Expect(!validation.HasErrors, "the offer has validation errors: " + string.Join("; ", validation.Errors));
var withOwner = offer.ToBuilder();
withOwner.Plans[0].Manifest.AddAuthorization(l1, BuiltInRoleIds.Owner);
var ownerResult = OfferValidator.Default.Validate(withOwner.TryBuild().Value!);
Expect(ownerResult.HasErrors && ownerResult.Errors.All(d => d.Code.StartsWith("MSC1", StringComparison.Ordinal)),
    "an Owner authorization was not refused with an MSC1xxx code: " + ownerResult);

// Write the ARM onboarding template for the plan, read it back, and check access against the delegation it creates.
var definition = new OnboardingDefinition { Name = offer.DisplayName, Manifest = offer.Plans[0].Manifest };
var files = OnboardingTemplate.Write(definition, OnboardingTarget.ForSubscription());
Expect(!files.HasErrors, "the template was not written: " + string.Join("; ", files.Diagnostics));
var subscription = SubscriptionId.Parse("5b3c1f7e-9a2d-4c6b-8e1f-0a9b8c7d6e5f");
var read = OnboardingTemplate.Read(files.Value!.Template, files.Value.Parameters, new OnboardingReadOptions { SubscriptionId = subscription });
Expect(!read.HasErrors, "the template did not read back: " + string.Join("; ", read.Diagnostics));
var content = read.Value!;
Expect(content.Definition.Manifest.Authorizations.Select(a => (a.Principal.Id, a.RoleDefinitionId))
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
var canRead = evaluator.Check(new AccessRequest(l1.Id, "Microsoft.Compute/virtualMachines/read", vm));
var cannotWrite = evaluator.Check(new AccessRequest(l1.Id, "Microsoft.Compute/virtualMachines/write", vm));
Expect(canRead.IsAllowed && canRead.Grant?.RoleDefinitionId == BuiltInRoleIds.Reader, $"Reader cannot read the VM: {canRead}");
Expect(!cannotWrite.IsAllowed && cannotWrite.Reason == AccessReason.ActionNotInRole, $"Reader can write the VM: {cannotWrite}");

// A broken offer is reported as diagnostics, not as an exception.
var broken = new OfferBuilder().WithId("x").AddPlan(p => p.WithId("p").WithName("P")).TryBuild();
Expect(broken.HasErrors && broken.Diagnostics.All(d => d.Code.StartsWith("MSC", StringComparison.Ordinal)),
    "a broken offer was not reported with MSC diagnostics");

// The embedded role catalog ships in the package.
Expect(RoleCatalog.BuiltIn.Count > 900, $"the built-in role catalog has {RoleCatalog.BuiltIn.Count} roles");
Expect(RoleCatalog.BuiltIn.GetDelegability(BuiltInRoleIds.Owner) is { IsDelegable: false }, "Owner is reported as delegable");
Expect(RoleCatalog.BuiltIn.GetDelegability(BuiltInRoleIds.Reader) is { IsDelegable: true }, "Reader is reported as not delegable");

if (failures.Count > 0)
{
    foreach (var failure in failures)
    {
        Console.Error.WriteLine("consume-package: FAILED: " + failure);
    }

    return 1;
}

Console.WriteLine($"consume-package: OK ({offer.Id}, {RoleCatalog.BuiltIn.Count} built-in roles, ManagedServices.Core {version})");
return 0;
