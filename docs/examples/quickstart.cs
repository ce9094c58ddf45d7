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

// Write the ARM onboarding template and its parameters file (delegating the whole subscription).
var onboarding = ManagedServices.Templates.OnboardingTemplate.Write(
    new ManagedServices.Templates.OnboardingDefinition { Name = offer.DisplayName, Description = "Managed by Contoso", Manifest = manifest },
    ManagedServices.Templates.OnboardingTarget.ForSubscription()).GetValueOrThrow();
var onboardingDir = Path.Combine(Path.GetTempPath(), "managedservices-quickstart");
Directory.CreateDirectory(onboardingDir);
File.WriteAllText(Path.Combine(onboardingDir, "onboarding.json"), onboarding.Template);
File.WriteAllText(Path.Combine(onboardingDir, "onboarding.parameters.json"), onboarding.Parameters);
Console.WriteLine($"Wrote onboarding.json and onboarding.parameters.json (api-version {onboarding.ApiVersion}) to {onboardingDir}");
Console.WriteLine($"  registration definition name: {ManagedServices.Templates.ArmGuid.Create(offer.DisplayName)}");

if (offer.ToBuilder().Build() != offer)
{
    Console.Error.WriteLine("round trip through the builder changed the offer");
    return 1;
}

return 0;
