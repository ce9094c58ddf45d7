using ManagedServices.Arm;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Rest;

/// <summary>
/// A registration definition is created at subscription scope only: in a template with the resource-group deployment
/// schema, or in a nested resource-group deployment, ARM refuses it with <c>InvalidRegistrationDefinitionUri</c>
/// (rule book §1.2, §5.3), and so does the reader (<see cref="DiagnosticCodes.RegistrationDefinitionNotAtSubscription"/>).
/// Templates below are written by hand in the style of Microsoft's samples.
/// </summary>
public sealed class RegistrationDefinitionScopeTests
{
    private const string SubscriptionSchema = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#";
    private const string ResourceGroupSchema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

    private static string Template(string schema) => $$"""
        {
          "$schema": "{{schema}}",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "mspOfferName": { "type": "string", "defaultValue": "Contoso Managed Services" },
            "managedByTenantId": { "type": "string", "defaultValue": "6b1c7a7e-2f55-4a8a-9a0b-0c0d3c5e1f21" },
            "authorizations": {
              "type": "array",
              "defaultValue": [
                { "principalId": "0f3b1f43-8d53-4c0e-9a64-2d0e8e5f4a01", "principalIdDisplayName": "Contoso Ops", "roleDefinitionId": "acdd72a7-3385-48ef-bd42-f606fba81ae7" }
              ]
            }
          },
          "variables": {
            "mspRegistrationName": "[guid(parameters('mspOfferName'))]",
            "mspAssignmentName": "[guid(parameters('mspOfferName'))]"
          },
          "resources": [
            {
              "type": "Microsoft.ManagedServices/registrationDefinitions",
              "apiVersion": "2022-10-01",
              "name": "[variables('mspRegistrationName')]",
              "properties": {
                "registrationDefinitionName": "[parameters('mspOfferName')]",
                "managedByTenantId": "[parameters('managedByTenantId')]",
                "authorizations": "[parameters('authorizations')]"
              }
            },
            {
              "type": "Microsoft.ManagedServices/registrationAssignments",
              "apiVersion": "2022-10-01",
              "name": "[variables('mspAssignmentName')]",
              "dependsOn": [ "[resourceId('Microsoft.ManagedServices/registrationDefinitions/', variables('mspRegistrationName'))]" ],
              "properties": {
                "registrationDefinitionId": "[resourceId('Microsoft.ManagedServices/registrationDefinitions/', variables('mspRegistrationName'))]"
              }
            }
          ]
        }
        """;

    [Theory]
    [InlineData(ResourceGroupSchema)]
    [InlineData("https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#")]
    [InlineData("https://schema.management.azure.com/schemas/2019-04-01/DeploymentTemplate.json")]
    public void ResourceGroupSchema_TopLevelDefinition_IsAnError(string schema)
    {
        var result = OnboardingTemplate.Read(Template(schema));

        var error = Assert.Single(result.Diagnostics, static d => d.Code == DiagnosticCodes.RegistrationDefinitionNotAtSubscription);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("$.resources[0]", error.Path);
        Assert.Contains("InvalidRegistrationDefinitionUri", error.Message, StringComparison.Ordinal);
        Assert.True(result.HasErrors);
    }

    [Theory]
    [InlineData(SubscriptionSchema)]
    [InlineData("https://schema.management.azure.com/schemas/2019-08-01/subscriptionDeploymentTemplate.json#")]
    [InlineData("https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#")]
    public void OtherSchemas_DoNotReportTheScopeError(string schema)
    {
        var result = OnboardingTemplate.Read(Template(schema));

        Assert.DoesNotContain(result.Diagnostics, static d => d.Code == DiagnosticCodes.RegistrationDefinitionNotAtSubscription);
    }

    [Fact]
    public void DefinitionInANestedResourceGroupDeployment_IsTheSameError()
    {
        var template = Template(SubscriptionSchema);
        var start = template.IndexOf("{\n      \"type\": \"Microsoft.ManagedServices/registrationDefinitions\"", StringComparison.Ordinal);
        var end = template.IndexOf("    {\n      \"type\": \"Microsoft.ManagedServices/registrationAssignments\"", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start);
        var definition = template[start..end].TrimEnd().TrimEnd(',');
        var nested = $$"""
            {
              "type": "Microsoft.Resources/deployments",
              "apiVersion": "2018-05-01",
              "name": "rgDefinition",
              "resourceGroup": "rg-app",
              "properties": {
                "mode": "Incremental",
                "template": {
                  "$schema": "{{ResourceGroupSchema}}",
                  "contentVersion": "1.0.0.0",
                  "resources": [ {{definition}} ]
                }
              }
            },

            """;

        var result = OnboardingTemplate.Read(template[..start] + nested + template[end..]);

        var error = Assert.Single(result.Diagnostics, static d => d.Code == DiagnosticCodes.RegistrationDefinitionNotAtSubscription);
        Assert.Equal("$.resources[0].properties.template.resources[0]", error.Path);
        Assert.Contains("nested resource-group deployment", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Microsoft's samples, as shipped, are subscription deployments and never report the scope error; the same sample
    /// with its <c>$schema</c> swapped to the resource-group deployment schema always does.
    /// </summary>
    [TemplatesSharedFact]
    public void CorpusSamples_AtResourceGroupSchema_AreRefused()
    {
        var files = Directory.EnumerateFiles(TemplatesSharedData.Samples, "*.json", SearchOption.AllDirectories)
            .Where(static f => !f.EndsWith(".parameters.json", StringComparison.OrdinalIgnoreCase) && !f.Contains("policy", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (!text.Contains("Microsoft.ManagedServices/registrationDefinitions", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var parametersFile = Path.ChangeExtension(file, ".parameters.json");
            var parameters = File.Exists(parametersFile) ? File.ReadAllText(parametersFile) : null;
            var asShipped = OnboardingTemplate.Read(text, parameters);
            var schema = System.Text.RegularExpressions.Regex.Match(text, "\"\\$schema\"\\s*:\\s*\"([^\"]+)\"").Groups[1].Value;
            var swapped = OnboardingTemplate.Read(text.Replace(schema, ResourceGroupSchema, StringComparison.Ordinal), parameters);

            Assert.True(!asShipped.Diagnostics.Any(static d => d.Code == DiagnosticCodes.RegistrationDefinitionNotAtSubscription), file);
            Assert.True(swapped.Diagnostics.Any(static d => d.Code == DiagnosticCodes.RegistrationDefinitionNotAtSubscription && d.Severity == DiagnosticSeverity.Error), file);
        }
    }
}
