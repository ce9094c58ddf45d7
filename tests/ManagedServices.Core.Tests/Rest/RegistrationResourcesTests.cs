using System.Text.Json.Nodes;
using ManagedServices.Offers;
using ManagedServices.Rest;
using ManagedServices.Tests.Arm;

namespace ManagedServices.Tests.Rest;

public class RegistrationResourcesTests
{
    // The shape of GET /subscriptions/{s}/providers/Microsoft.ManagedServices/registrationDefinitions?api-version=2022-10-01,
    // with members this library does not model (systemData, a future "futureMember", "nextLink") and equivalent spellings
    // (upper-case GUID, a full role definition ID) that must survive a round trip unchanged.
    private const string DefinitionList = """
        {
          "value": [
            {
              "properties": {
                "description": "Monitoring",
                "authorizations": [
                  {
                    "principalId": "4C8D1A2E-0F2B-4B6E-9D0A-5F1C2B3A4D5E",
                    "principalIdDisplayName": "Ops",
                    "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7",
                    "futureMember": { "x": 1 }
                  }
                ],
                "eligibleAuthorizations": [
                  {
                    "principalId": "4c8d1a2e-0f2b-4b6e-9d0a-5f1c2b3a4d5e",
                    "roleDefinitionId": "36243c78-bf99-498c-9df9-86d9f8d28608",
                    "justInTimeAccessPolicy": { "multiFactorAuthProvider": "Azure", "maximumActivationDuration": "PT8H", "managedByTenantApprovers": [] }
                  }
                ],
                "registrationDefinitionName": "Contoso",
                "managedByTenantId": "fbcdd0f3-dc82-4cee-bcde-7301d24e9bf6",
                "provisioningState": "Succeeded",
                "manageeTenantId": "a1b2c3d4-0000-4000-8000-000000000001",
                "manageeTenantName": "Fabrikam",
                "managedByTenantName": "Contoso Ltd"
              },
              "plan": { "name": "gold", "publisher": "contoso", "product": "managed", "version": "1.2.0" },
              "id": "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/providers/Microsoft.ManagedServices/registrationDefinitions/86d5837c-8da0-5669-9a2b-885b9e4c10b9",
              "type": "Microsoft.ManagedServices/registrationDefinitions",
              "name": "86d5837c-8da0-5669-9a2b-885b9e4c10b9",
              "systemData": { "createdBy": "someone@contoso.com", "createdByType": "User", "createdAt": "2026-01-01T00:00:00Z" }
            }
          ],
          "nextLink": null
        }
        """;

    private const string AssignmentArray = """
        [
          {
            "properties": {
              "registrationDefinitionId": "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/providers/Microsoft.ManagedServices/registrationDefinitions/86d5837c-8da0-5669-9a2b-885b9e4c10b9",
              "provisioningState": "Succeeded",
              "registrationDefinition": {
                "properties": {
                  "authorizations": [ { "principalId": "4c8d1a2e-0f2b-4b6e-9d0a-5f1c2b3a4d5e", "roleDefinitionId": "acdd72a7-3385-48ef-bd42-f606fba81ae7" } ],
                  "registrationDefinitionName": "Contoso",
                  "managedByTenantId": "fbcdd0f3-dc82-4cee-bcde-7301d24e9bf6"
                },
                "id": "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/providers/Microsoft.ManagedServices/registrationDefinitions/86d5837c-8da0-5669-9a2b-885b9e4c10b9",
                "type": "Microsoft.ManagedServices/registrationDefinitions",
                "name": "86d5837c-8da0-5669-9a2b-885b9e4c10b9"
              }
            },
            "id": "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg-app/providers/Microsoft.ManagedServices/registrationAssignments/640b6484-5908-5001-ab32-9aa56db0a08e",
            "type": "Microsoft.ManagedServices/registrationAssignments",
            "name": "640b6484-5908-5001-ab32-9aa56db0a08e",
            "systemData": { "createdBy": "x" }
          }
        ]
        """;

    [Fact]
    public void ReadDefinitions_RestList_ReadsModelAndReadOnlyMembers()
    {
        var result = RegistrationResources.ReadDefinitions(DefinitionList);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var resource = Assert.Single(result.Value);
        Assert.Equal(ArmGuid.Create("Contoso Managed Infrastructure"), resource.Definition.Id);
        Assert.Equal("Contoso", resource.Definition.Name);
        Assert.Equal(TemplateSamples.Reader, resource.Definition.Manifest.Authorizations[0].RoleDefinitionId);
        Assert.Single(resource.Definition.Manifest.EligibleAuthorizations);
        Assert.Equal("Succeeded", resource.ProvisioningState);
        Assert.Equal("Fabrikam", resource.ManageeTenantName);
        Assert.Equal("1.2.0", resource.Definition.Plan!.Version);
        Assert.Equal(new ManifestVersion(1, 2, 0), resource.Definition.Manifest.Version);
    }

    [Fact]
    public void WriteDefinitions_Unchanged_WritesBackEveryMemberUnchanged()
    {
        var read = RegistrationResources.ReadDefinitions(DefinitionList).GetValueOrThrow();
        var written = RegistrationResources.WriteDefinitions(read);
        var expected = JsonNode.Parse(DefinitionList)!["value"];
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(written)!["value"]), written);
    }

    [Fact]
    public void WriteDefinitions_Changed_WritesChangeAndKeepsUnknownMembers()
    {
        var resource = RegistrationResources.ReadDefinitions(DefinitionList).GetValueOrThrow()[0];
        var changed = resource with
        {
            Definition = resource.Definition with
            {
                Description = null,
                Manifest = resource.Definition.Manifest with
                {
                    Authorizations = resource.Definition.Manifest.Authorizations.Add(
                        new Authorization { Principal = new Principal { Id = TemplateSamples.Approver }, RoleDefinitionId = TemplateSamples.Contributor }),
                },
            },
        };
        var written = RegistrationResources.WriteDefinitions([changed], RestListShape.Array);
        var node = JsonNode.Parse(written)!.AsArray()[0]!;
        Assert.Null(node["properties"]!["description"]);
        Assert.Equal(2, node["properties"]!["authorizations"]!.AsArray().Count);
        Assert.Equal("someone@contoso.com", (string?)node["systemData"]!["createdBy"]);
        Assert.Equal(1, (int?)node["properties"]!["authorizations"]![0]!["futureMember"]!["x"]);
        Assert.Equal(changed, RegistrationResources.ReadDefinitions(written).GetValueOrThrow()[0]);
    }

    [Fact]
    public void ReadAssignments_CliArray_ReadsScopeAndExpandedDefinition()
    {
        var result = RegistrationResources.ReadAssignments(AssignmentArray);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var assignment = Assert.Single(result.Value);
        Assert.Equal(ArmGuid.Create("rg-app"), assignment.Id);
        Assert.Equal(ResourceScope.Parse("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg-app"), assignment.Scope);
        Assert.Equal("Contoso", assignment.RegistrationDefinition!.Definition.Name);

        var written = RegistrationResources.WriteAssignments(result.Value, RestListShape.Array);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(AssignmentArray), JsonNode.Parse(written)), written);
    }

    [Theory]
    [InlineData("[1]", DiagnosticCodes.JsonUnexpectedType)]
    [InlineData("{\"value\": {}}", DiagnosticCodes.JsonUnexpectedType)]
    [InlineData("{\"name\": \"x\", \"properties\": {}}", DiagnosticCodes.TemplateValueNotGuid)]
    [InlineData("{\"type\": \"Microsoft.Compute/virtualMachines\", \"name\": \"86d5837c-8da0-5669-9a2b-885b9e4c10b9\", \"properties\": {\"managedByTenantId\": \"fbcdd0f3-dc82-4cee-bcde-7301d24e9bf6\", \"authorizations\": []}}", DiagnosticCodes.JsonUnexpectedType)]
    public void ReadDefinitions_Invalid_IsDiagnostic(string json, string code)
    {
        var result = RegistrationResources.ReadDefinitions(json);
        Assert.Empty(result.Value);
        Assert.Contains(result.Diagnostics, d => d.Code == code);
    }
}
