using System.Collections.Immutable;
using ManagedServices.Rest;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Hardening;

/// <summary>
/// The REST-shape readers (<see cref="RegistrationResources"/>, <see cref="DenyAssignmentResources"/>) under structured
/// mutation of documents shaped like <c>GET …/registrationDefinitions</c>, <c>…/registrationAssignments</c> and
/// <c>…/denyAssignments</c> answers: every read returns a value or errors, never an exception.
/// </summary>
public class RestReaderFuzzTests
{
    private const int CasesPerDocument = 200;

    private const string Definitions = """
        {
          "value": [
            {
              "id": "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/providers/Microsoft.ManagedServices/registrationDefinitions/86d5837c-8da0-5669-9a2b-885b9e4c10b9",
              "type": "Microsoft.ManagedServices/registrationDefinitions",
              "name": "86d5837c-8da0-5669-9a2b-885b9e4c10b9",
              "properties": {
                "registrationDefinitionName": "Contoso Managed Infrastructure",
                "description": "24x7 operations",
                "managedByTenantId": "8174a7b1-dbd4-4092-b82e-f8b1b6e91f40",
                "authorizations": [
                  { "principalId": "0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6", "principalIdDisplayName": "Ops", "roleDefinitionId": "b24988ac-6180-42a0-ab88-20f7382dd24c" },
                  { "principalId": "9f2c7a10-3c1e-4a55-8b5e-2f1f6b1f0c3a", "roleDefinitionId": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "delegatedRoleDefinitionIds": [ "b24988ac-6180-42a0-ab88-20f7382dd24c" ] }
                ],
                "eligibleAuthorizations": [
                  { "principalId": "c1a2b3d4-0000-4e5f-8a9b-0c1d2e3f4a5b", "roleDefinitionId": "b24988ac-6180-42a0-ab88-20f7382dd24c",
                    "justInTimeAccessPolicy": { "multiFactorAuthProvider": "Azure", "maximumActivationDuration": "PT4H",
                      "managedByTenantApprovers": [ { "principalId": "0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6" } ] } }
                ],
                "provisioningState": "Succeeded",
                "manageeTenantId": "d0aa2562-09cb-4f55-afc6-f5352607f8c8"
              },
              "plan": { "name": "standard", "publisher": "contoso", "product": "contoso-managed-infra", "version": "1.0.0" },
              "systemData": { "createdBy": "someone", "createdAt": "2026-01-01T00:00:00Z" }
            }
          ]
        }
        """;

    private const string Assignments = """
        [
          {
            "id": "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg-app/providers/Microsoft.ManagedServices/registrationAssignments/86d5837c-8da0-5669-9a2b-885b9e4c10b9",
            "type": "Microsoft.ManagedServices/registrationAssignments",
            "name": "86d5837c-8da0-5669-9a2b-885b9e4c10b9",
            "properties": {
              "registrationDefinitionId": "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/providers/Microsoft.ManagedServices/registrationDefinitions/86d5837c-8da0-5669-9a2b-885b9e4c10b9",
              "provisioningState": "Succeeded"
            }
          }
        ]
        """;

    private const string DenyAssignments = """
        {
          "value": [
            {
              "properties": {
                "denyAssignmentName": "Locked by managed application",
                "description": "Created by the managed application.",
                "permissions": [
                  { "actions": [ "*" ], "notActions": [ "*/read" ], "dataActions": [], "notDataActions": [] },
                  { "actions": [ "Microsoft.Compute/virtualMachines/restart/action" ], "notActions": [], "dataActions": [ "*" ], "notDataActions": [] }
                ],
                "scope": "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/mrg-app",
                "doNotApplyToChildScopes": false,
                "principals": [ { "id": "00000000-0000-0000-0000-000000000000", "type": "SystemDefined" } ],
                "excludePrincipals": [ { "id": "9f2c7a10-3c1e-4a55-8b5e-2f1f6b1f0c3a", "type": "User" } ],
                "isSystemProtected": true,
                "condition": null,
                "conditionVersion": null,
                "createdOn": "2026-03-02T10:11:12Z"
              },
              "id": "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/mrg-app/providers/Microsoft.Authorization/denyAssignments/4f9d2c1a-7b3e-4d6a-9c8b-1e2f3a4b5c6d",
              "type": "Microsoft.Authorization/denyAssignments",
              "name": "4f9d2c1a-7b3e-4d6a-9c8b-1e2f3a4b5c6d"
            }
          ]
        }
        """;

    [Fact]
    public void Samples_ReadWithoutErrors()
    {
        var definitions = RegistrationResources.ReadDefinitions(Definitions);
        Assert.False(definitions.HasErrors, string.Join("\n", definitions.Diagnostics));
        Assert.Single(definitions.Value);
        var assignments = RegistrationResources.ReadAssignments(Assignments);
        Assert.False(assignments.HasErrors, string.Join("\n", assignments.Diagnostics));
        Assert.Single(assignments.Value);
        var denies = DenyAssignmentResources.Read(DenyAssignments);
        Assert.False(denies.HasErrors, string.Join("\n", denies.Diagnostics));
        Assert.Equal(2, denies.Value.Length);
    }

    [Fact]
    public void MutatedDefinitionsAndAssignments_ReturnValueOrErrors_NeverThrow()
    {
        var random = new Random(20261126);
        var reads = 0;
        foreach (var (text, read) in new (string, Func<string, bool>)[]
        {
            (Definitions, json => Outcome(RegistrationResources.ReadDefinitions(json))),
            (Assignments, json => Outcome(RegistrationResources.ReadAssignments(json))),
            (DenyAssignments, json => Outcome(DenyAssignmentResources.Read(json))),
        })
        {
            for (var i = 0; i < CasesPerDocument; i++)
            {
                var kind = random.Next(Mutations.Count);
                var mutated = Mutations.Apply(text, kind, random.Next(), random.Next());
                var ok = false;
                var ex = Record.Exception(() => ok = read(mutated));
                Assert.True(ex is null, $"{Mutations.Name(kind)}: {ex}");
                Assert.True(ok, $"{Mutations.Name(kind)}: neither a value nor an error");
                reads++;
            }
        }

        Assert.Equal(3 * CasesPerDocument, reads);
    }

    [Fact]
    public void FiftyMegabytes_AreRefusedBySize()
    {
        Assert.Contains(RegistrationResources.ReadDefinitions(HostileText.Fifty).Diagnostics, d => d.Code == DiagnosticCodes.JsonTooLarge);
        Assert.Contains(RegistrationResources.ReadAssignments(HostileText.Fifty).Diagnostics, d => d.Code == DiagnosticCodes.JsonTooLarge);
        Assert.Contains(DenyAssignmentResources.Read(HostileText.Fifty).Diagnostics, d => d.Code == DiagnosticCodes.JsonTooLarge);
    }

    /// <summary>A list, or errors with an empty list (fails closed: no partial list).</summary>
    private static bool Outcome<T>(DiagnosticResult<ImmutableArray<T>> result) =>
        !result.Value.IsDefault && (!result.HasErrors || result.Value.IsEmpty);
}
