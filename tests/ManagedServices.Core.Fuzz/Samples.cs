using System.Text;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Arm;
using ManagedServices.Rest;
using ManagedServices.Serialization;

namespace ManagedServices.Fuzz;

/// <summary>A small realistic offer, its delegation, and the seed inputs of every target built from it.</summary>
internal static class Samples
{
    private const string SubscriptionText = "5b3c1f7e-9a2d-4c6b-8e1f-0a9b8c7d6e5f";
    private const string Vm = "/subscriptions/" + SubscriptionText + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm1";
    private static readonly Principal Support = Principal.Group(PrincipalId.Parse("7e0cb6fc-2af8-4d9d-a62d-c24d3c53360f"), "MSP-L1-Support");
    private static readonly Principal Ops = Principal.Group(PrincipalId.Parse("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6"), "MSP-L2-Ops");
    private static readonly Principal OnCall = Principal.User(PrincipalId.Parse("c1a2b3d4-0000-4e5f-8a9b-0c1d2e3f4a5b"), "On-call");

    /// <summary>Ops reading a virtual machine: allowed by the sample delegation.</summary>
    public static AccessRequest AllowedRequest { get; } = new(Ops.Id, "Microsoft.Compute/virtualMachines/read", Vm);

    public static Offer Offer { get; } = new OfferBuilder()
        .WithId("contoso-managed-infra")
        .WithDisplayName("Contoso Managed Infrastructure")
        .WithPublisher("contoso")
        .WithDescription("24x7 operations")
        .AddPlan(plan => plan
            .WithId("standard")
            .WithName("Standard")
            .AsPublic()
            .WithManifest(m => m
                .WithVersion("1.0.0")
                .WithManagingTenant("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40")
                .AddAuthorization(Support, BuiltInRoleIds.Reader)
                .AddAuthorization(Ops, BuiltInRoleIds.Contributor)
                .AddAuthorization(Ops, BuiltInRoleIds.RegistrationAssignmentDelete)
                .AddEligibleAuthorization(OnCall, BuiltInRoleIds.Contributor, new JustInTimeAccessPolicy
                {
                    MultiFactorAuthProvider = MultiFactorAuthProvider.Azure,
                    MaximumActivationDuration = TimeSpan.FromHours(4),
                    Approvers = [Ops],
                })))
        .Build();

    public static OnboardingDefinition Definition { get; } = new()
    {
        Name = Offer.DisplayName,
        Description = Offer.Description,
        Manifest = Offer.Plans[0].Manifest,
    };

    public static RegistrationDefinition Registration { get; } = new()
    {
        Id = ArmGuid.Create(Offer.DisplayName),
        Name = Offer.DisplayName,
        Description = Offer.Description,
        Manifest = Offer.Plans[0].Manifest,
    };

    /// <summary>The sample delegated to its subscription.</summary>
    public static DelegationSnapshot Snapshot() => DelegationSnapshot.Create(
    [
        new Delegation
        {
            CustomerTenantId = TenantId.Parse("d0aa2562-09cb-4f55-afc6-f5352607f8c8"),
            Definition = Registration,
            AssignmentId = ArmGuid.Create(Registration.Id.ToString(), "/subscriptions/" + SubscriptionText),
            Scope = ResourceScope.Parse("/subscriptions/" + SubscriptionText),
        },
    ]);

    /// <summary>Seed inputs per target: the library's own output for the sample, and (when present) Microsoft's samples.</summary>
    public static IEnumerable<(string Target, string Name, byte[] Data)> Seeds(string? corpus)
    {
        foreach (var (name, target) in new[]
                 {
                     ("subscription", OnboardingTarget.ForSubscription()),
                     ("resource-groups", OnboardingTarget.ForResourceGroups(["rg-app", "rg-data"])),
                 })
        {
            var files = OnboardingTemplate.Write(Definition, target).GetValueOrThrow();
            yield return ("template", name, Utf8(files.Template + "\0" + files.Parameters));
        }

        // A nested deployment to a resource group named "rg/../other" (once an exit 134): a diagnostic, never an exception.
        var rg = OnboardingTemplate.Write(Definition, OnboardingTarget.ForResourceGroup("rg-app")).GetValueOrThrow();
        yield return ("template", "bad-resource-group", Utf8(rg.Template + "\0" + rg.Parameters!.Replace("\"rg-app\"", "\"rg/../other\"", StringComparison.Ordinal)));

        yield return ("offer", "offer", Utf8(OfferDocument.Write(Offer)));
        yield return ("registrations", "definitions", Utf8(RegistrationResources.WriteDefinitions([new RegistrationDefinitionResource
        {
            Definition = Registration,
            ResourceId = $"/subscriptions/{SubscriptionText}/providers/Microsoft.ManagedServices/registrationDefinitions/{Registration.Id}",
            ProvisioningState = "Succeeded",
        }])));
        yield return ("registrations", "assignments", Utf8(RegistrationResources.WriteAssignments([new RegistrationAssignmentResource
        {
            Id = ArmGuid.Create(Registration.Id.ToString(), "/subscriptions/" + SubscriptionText),
            ResourceId = $"/subscriptions/{SubscriptionText}/providers/Microsoft.ManagedServices/registrationAssignments/{ArmGuid.Create(Registration.Id.ToString(), "/subscriptions/" + SubscriptionText)}",
            RegistrationDefinitionId = $"/subscriptions/{SubscriptionText}/providers/Microsoft.ManagedServices/registrationDefinitions/{Registration.Id}",
        }], RestListShape.Array)));
        yield return ("deny", "deny-assignments", Utf8(DenyJson));
        yield return ("scope", "resource", Utf8(Vm));
        yield return ("scope", "management-group", Utf8("/providers/Microsoft.Management/managementGroups/contoso"));
        yield return ("check", "allowed", Utf8($"{Ops.Id}\nMicrosoft.Compute/virtualMachines/read\n{Vm}"));
        yield return ("check", "eligible", Utf8($"{OnCall.Id}\nMicrosoft.Compute/virtualMachines/write\n{Vm.ToUpperInvariant()}"));
        // Requests with other outcomes, for the check target's comparisons of strings, handles, prepared requests and
        // the reverse query: Lighthouse's rule on Microsoft.ManagedServices (removing a delegation is allowed, writing a
        // definition is not), a role without the action, a role that excludes it, another subscription, a management
        // group, and an operation outside Azure's list.
        yield return ("check", "assignment-delete", Utf8($"{Ops.Id}\nMicrosoft.ManagedServices/registrationAssignments/delete\n/subscriptions/{SubscriptionText}"));
        yield return ("check", "definition-write", Utf8($"{Ops.Id}\nMicrosoft.ManagedServices/registrationDefinitions/write\n/subscriptions/{SubscriptionText}"));
        yield return ("check", "reader-write", Utf8($"{Support.Id}\nMicrosoft.Compute/virtualMachines/write\n{Vm}"));
        yield return ("check", "role-assignment", Utf8($"{Ops.Id}\nMicrosoft.Authorization/roleAssignments/write\n/subscriptions/{SubscriptionText}/resourceGroups/rg-app"));
        yield return ("check", "other-subscription", Utf8($"{Ops.Id}\nMicrosoft.Compute/virtualMachines/read\n/subscriptions/{SubscriptionText[..^1]}0"));
        yield return ("check", "management-group", Utf8($"{Support.Id}\nMicrosoft.Resources/subscriptions/read\n/providers/Microsoft.Management/managementGroups/contoso"));
        yield return ("check", "unknown-operation", Utf8($"{Support.Id}\nContoso.Widgets/gadgets/read\n{Vm}"));

        // Issue 13's hostile shapes, each a seed the mutations start from.
        yield return ("check", "action-trailing-slash", Utf8($"{Ops.Id}\nMicrosoft.Authorization/roleAssignments/write/\n{Vm}"));
        yield return ("check", "action-query", Utf8($"{Ops.Id}\nMicrosoft.Authorization/roleAssignments/write?x\n{Vm}"));
        yield return ("check", "action-colon", Utf8($"{Ops.Id}\nMicrosoft.CognitiveServices/accounts/ComputerVision/imageanalysis:analyze/action\n{Vm}"));
        yield return ("check", "scope-trailing-slash", Utf8($"{Ops.Id}\nMicrosoft.Compute/virtualMachines/read\n{Vm}/"));
        yield return ("check", "principal-0x", Utf8($"0x{Ops.Id.ToString()[2..]}\nMicrosoft.Compute/virtualMachines/read\n{Vm}"));
        yield return ("check", "subscription-plus", Utf8($"{Ops.Id}\nMicrosoft.Compute/virtualMachines/read\n/subscriptions/+{SubscriptionText[1..]}/resourceGroups/rg-app"));
        yield return ("scope", "trailing-slash", Utf8(Vm + "/"));
        yield return ("scope", "bad-resource-group", Utf8($"/subscriptions/{SubscriptionText}/resourceGroups/rg./providers/A.B/t/n"));
        yield return ("scope", "subscription-0x", Utf8($"/subscriptions/0x{SubscriptionText[2..]}"));
        yield return ("guid", "strict", Utf8(SubscriptionText.ToUpperInvariant()));
        yield return ("guid", "0x", Utf8("0x" + SubscriptionText[2..]));
        yield return ("guid", "plus", Utf8(SubscriptionText[..9] + "+" + SubscriptionText[10..]));
        yield return ("guid", "braces", Utf8("{" + SubscriptionText + "}"));
        // A mutation CI once met: a GUID and one '/', which as a subscription is the same scope with its trailing '/'.
        yield return ("guid", "trailing-slash", Utf8(SubscriptionText.ToUpperInvariant() + "/"));
        yield return ("deny", "subscription-0x", Utf8(DenyJson.Replace("/subscriptions/" + SubscriptionText + "/resourceGroups", "/subscriptions/0x" + SubscriptionText[2..] + "/resourceGroups", StringComparison.Ordinal)));
        // Hostile shapes: values that double in variables and feed a copy loop (refused by the work budget), and a
        // request with a lone surrogate escape.
        yield return ("template", "hostile-doubling-array", Utf8(Doubling("[ { \"principalId\": \"" + Ops.Id + "\", \"roleDefinitionId\": \"acdd72a7-3385-48ef-bd42-f606fba81ae7\" } ]", 17, "authorizations")));
        yield return ("template", "hostile-doubling-string", Utf8(Doubling("\"0123456789abcdef\"", 15, "description")));
        yield return ("check", "lone-surrogate", Utf8($"{Ops.Id}\nMicrosoft.Compute/virtualMachines/read\\ud800\n{Vm}"));

        if (corpus is not null && Directory.Exists(corpus))
        {
            foreach (var template in Directory.EnumerateFiles(corpus, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (template.EndsWith(".parameters.json", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var parameters = Path.ChangeExtension(template, ".parameters.json");
                var text = File.ReadAllText(template) + (File.Exists(parameters) ? "\0" + File.ReadAllText(parameters) : "");
                yield return ("template", "corpus-" + Path.GetFileNameWithoutExtension(template), Utf8(text));
            }
        }
    }

    /// <summary>A 1-2 KB template whose variables double <paramref name="seed"/> and feed an 800-iteration copy loop.</summary>
    private static string Doubling(string seed, int doublings, string property)
    {
        var variables = new StringBuilder("\"v0\": " + seed);
        for (var i = 1; i <= doublings; i++)
        {
            variables.Append(System.Globalization.CultureInfo.InvariantCulture, $", \"v{i}\": \"[concat(variables('v{i - 1}'), variables('v{i - 1}'))]\"");
        }

        var authorizations = property == "authorizations"
            ? ""
            : "\"authorizations\": [ { \"principalId\": \"" + Ops.Id + "\", \"roleDefinitionId\": \"acdd72a7-3385-48ef-bd42-f606fba81ae7\" } ],";
        return $$"""
            {
              "$schema": "https://schema.management.azure.com/schemas/2019-08-01/subscriptionDeploymentTemplate.json#",
              "contentVersion": "1.0.0.0",
              "variables": { {{variables}} },
              "resources": [
                {
                  "type": "Microsoft.ManagedServices/registrationDefinitions",
                  "apiVersion": "2022-10-01",
                  "name": "{{Registration.Id}}",
                  "copy": { "name": "defs", "count": 800 },
                  "properties": {
                    "registrationDefinitionName": "offer",
                    "managedByTenantId": "8174a7b1-dbd4-4092-b82e-f8b1b6e91f40",
                    {{authorizations}}
                    "{{property}}": "[variables('v{{doublings}}')]"
                  }
                }
              ]
            }
            """;
    }

    private const string DenyJson = """
        {
          "value": [
            {
              "id": "/subscriptions/5b3c1f7e-9a2d-4c6b-8e1f-0a9b8c7d6e5f/providers/Microsoft.Authorization/denyAssignments/2f3c9a61-7b0e-4c1d-9e8f-5a6b7c8d9e0f",
              "name": "2f3c9a61-7b0e-4c1d-9e8f-5a6b7c8d9e0f",
              "type": "Microsoft.Authorization/denyAssignments",
              "properties": {
                "denyAssignmentName": "Managed application lock",
                "permissions": [ { "actions": [ "*/write", "*/delete" ], "notActions": [ "Microsoft.Compute/virtualMachines/restart/action" ], "dataActions": [], "notDataActions": [] } ],
                "scope": "/subscriptions/5b3c1f7e-9a2d-4c6b-8e1f-0a9b8c7d6e5f/resourceGroups/rg-app",
                "doNotApplyToChildScopes": false,
                "principals": [ { "id": "00000000-0000-0000-0000-000000000000", "type": "SystemDefined" } ],
                "excludePrincipals": [ { "id": "0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6", "type": "Group" } ],
                "isSystemProtected": true
              }
            }
          ]
        }
        """;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
