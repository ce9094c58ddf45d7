#r "nuget: ManagedServices.Core, 0.1.0"
// dotnet script docs/examples/csx/convert-template.csx   (the same example as docs/examples/convert-template.cs)
// Converts between the formats of an offer: the offer document (JSON for source control), and the ARM onboarding
// template and parameters file a customer deploys (for the whole subscription or for resource groups). Reads each
// output back and exits non-zero when a conversion loses or changes anything.
using System;
using System.Collections.Generic;
using System.Linq;
using ManagedServices;
using ManagedServices.Offers;
using ManagedServices.Arm;
using ManagedServices.Serialization;

var support = Principal.Group(PrincipalId.Parse("7e0cb6fc-2af8-4d9d-a62d-c24d3c53360f"), "MSP-L1-Support");
var ops = Principal.Group(PrincipalId.Parse("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6"), "MSP-L2-Ops");
var failures = new List<string>();
var draft = new OfferBuilder()
    .WithId("contoso-managed-infra")
    .WithDisplayName("Contoso Managed Infrastructure")
    .WithPublisher("contoso")
    .AddPlan(plan => plan
        .WithId("standard")
        .WithName("Standard")
        .AsPublic()
        .WithManifest(m => m
            .WithVersion("1.2.0")
            .WithManagingTenant("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40")
            .AddAuthorization(support, BuiltInRoleIds.Reader)
            .AddAuthorization(ops, BuiltInRoleIds.Contributor)
            .AddEligibleAuthorization(support, BuiltInRoleIds.Contributor, new JustInTimeAccessPolicy
            {
                MultiFactorAuthProvider = MultiFactorAuthProvider.Azure,
                MaximumActivationDuration = TimeSpan.FromHours(1),
                Approvers = [ops],
            })))
    .Build();

// 1. Offer document: lossless, deterministic.
var document = OfferDocument.Write(draft);
var fromDocument = OfferDocument.Read(document);
Expect(!fromDocument.HasErrors && fromDocument.Value == draft, "the offer document did not read back to the same offer");
Expect(OfferDocument.Write(fromDocument.Value!) == document, "writing the offer document twice gave different text");
Console.WriteLine($"offer document: {document.Length} characters, schema {OfferDocument.SchemaVersion}");

// 2. ARM template + parameters, for the subscription and for two resource groups.
var definition = new OnboardingDefinition { Name = draft.DisplayName, Manifest = draft.Plans[0].Manifest };
foreach (var target in new[] { OnboardingTarget.ForSubscription(), OnboardingTarget.ForResourceGroups(["rg-app", "rg-data"]) })
{
    var files = OnboardingTemplate.Write(definition, target);
    Expect(!files.HasErrors, $"{target.Kind}: not written: " + string.Join("; ", files.Diagnostics));
    if (files.HasErrors)
    {
        continue;
    }

    var read = OnboardingTemplate.Read(files.Value.Template, files.Value.Parameters,
        new OnboardingReadOptions { SubscriptionId = SubscriptionId.Parse("5b3c1f7e-9a2d-4c6b-8e1f-0a9b8c7d6e5f") });
    Expect(!read.HasErrors, $"{target.Kind}: did not read back: " + string.Join("; ", read.Diagnostics));
    var manifest = read.Value?.Definition.Manifest;
    Expect(manifest is not null &&
           manifest.Authorizations.Select(a => (a.Principal.Id, a.RoleDefinitionId)).SequenceEqual(definition.Manifest.Authorizations.Select(a => (a.Principal.Id, a.RoleDefinitionId))) &&
           manifest.EligibleAuthorizations.Select(Eligible).SequenceEqual(definition.Manifest.EligibleAuthorizations.Select(Eligible)),
        $"{target.Kind}: the template changed the manifest");
    Expect(read.Value?.Target == target, $"{target.Kind}: the template delegates {read.Value?.Target} instead");
    Console.WriteLine($"{target.Kind}: template {files.Value.Template.Length} characters, parameters {files.Value.Parameters.Length}, api-version {files.Value.ApiVersion}, {read.Value?.RegistrationDefinitions.Length} registration definition(s)");
}

foreach (var failure in failures)
{
    Console.Error.WriteLine("convert-template: FAILED: " + failure);
}

return failures.Count == 0 ? 0 : 1;

// ARM templates carry no principal kinds, so principals (approvers included) compare by ID; a direct onboarding
// template (no Marketplace plan) carries no manifest version either.
static string Eligible(EligibleAuthorization e) =>
    $"{e.Principal.Id} {e.RoleDefinitionId} {e.JustInTimeAccessPolicy.MultiFactorAuthProvider} {e.JustInTimeAccessPolicy.MaximumActivationDuration} " +
    string.Join(",", e.JustInTimeAccessPolicy.Approvers.Select(a => a.Id));

void Expect(bool condition, string what)
{
    if (!condition)
    {
        failures.Add(what);
    }
}
