#r "nuget: ManagedServices.Core, 0.1.0"
// dotnet script docs/examples/csx/quickstart.csx
// Builds an offer with the fluent builder, validates it against the Lighthouse rules and shows why Owner is refused.
// Returns 0 when every check holds, 1 otherwise (dotnet-script uses the returned value as the exit code).
using System;
using System.Linq;
using ManagedServices;
using ManagedServices.Offers;
using ManagedServices.Validation;

var support = Principal.Group(PrincipalId.Parse("7e0cb6fc-2af8-4d9d-a62d-c24d3c53360f"), "MSP-L1-Support");
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
            .WithManagingTenant("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40")
            .AddAuthorization(support, BuiltInRoleIds.Reader)
            .AddAuthorization(support, BuiltInRoleIds.RegistrationAssignmentDelete)))
    .Build();

var result = OfferValidator.Default.Validate(offer);
Console.WriteLine($"{offer.Id}: {(result.HasErrors ? "invalid" : "valid")}, {result.Warnings.Length} warning(s)");
foreach (var diagnostic in result.Diagnostics)
{
    Console.WriteLine("  " + diagnostic);
}

var owner = RoleCatalog.BuiltIn.GetDelegability(BuiltInRoleIds.Owner)!;
Console.WriteLine($"Owner: {owner.Reason}");

return !result.HasErrors && !owner.IsDelegable ? 0 : 1;
