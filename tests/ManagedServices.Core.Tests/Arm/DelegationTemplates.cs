using System.Globalization;
using System.Text;

namespace ManagedServices.Tests.Arm;

/// <summary>A registration definition of a hand-built template: a key (its name is <c>guid(mspOfferName, key)</c>) and its authorizations.</summary>
public sealed record HandDefinition(string Key, IReadOnlyList<(string Principal, string Role)> Authorizations)
{
    /// <summary>The definition's <c>condition</c>, or null for none.</summary>
    public bool? Condition { get; init; }

    /// <summary>Write the authorizations with a property copy loop over a variable (ARM property iteration).</summary>
    public bool PropertyCopy { get; init; }
}

/// <summary>
/// A registration assignment of a hand-built template: the key of the definition it references, and the resource group
/// of the nested deployment it sits in (null: at the subscription, top level).
/// </summary>
public sealed record HandAssignment(string DefinitionKey, string? ResourceGroup)
{
    /// <summary>The assignment's <c>condition</c>, or null for none.</summary>
    public bool? Condition { get; init; }

    /// <summary>The nested deployment's <c>condition</c>, or null for none (resource groups only).</summary>
    public bool? DeploymentCondition { get; init; }

    /// <summary>The nested deployment evaluates in inner scope (resource groups only).</summary>
    public bool InnerScope { get; init; }

    /// <summary>Reference the definition with <c>subscriptionResourceId()</c> rather than <c>resourceId()</c>.</summary>
    public bool SubscriptionResourceId { get; init; }

    /// <summary>Write the definition ID in upper case (a literal, resolved against <see cref="DelegationTemplates.Subscription"/>).</summary>
    public bool UpperCaseLiteral { get; init; }
}

/// <summary>
/// Writes onboarding templates in the style of Microsoft's samples (subscription deployment, definitions named with
/// <c>guid()</c>, assignments at subscription level and in resource groups through nested deployments, outer scope by
/// default) from a hand-written description, in any resource order. Test input only: it knows nothing of the reader.
/// </summary>
internal static class DelegationTemplates
{
    public const string Subscription = "6a1f8c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    public const string ManagingTenant = "fbcdd0f3-dc82-4cee-bcde-7301d24e9bf6";
    public const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    public const string Alice = "11111111-1111-4111-8111-111111111111";
    public const string Bob = "22222222-2222-4222-8222-222222222222";

    /// <summary>Definition A: Reader for Alice.</summary>
    public static readonly HandDefinition ReaderForAlice = new("A", [(Alice, Reader)]);

    /// <summary>Definition B: Contributor for Bob.</summary>
    public static readonly HandDefinition ContributorForBob = new("B", [(Bob, Contributor)]);

    /// <summary>The template text; <paramref name="order"/> permutes the top-level resources (definitions first, then assignments).</summary>
    public static string Write(IReadOnlyList<HandDefinition> definitions, IReadOnlyList<HandAssignment> assignments, IReadOnlyList<int>? order = null)
    {
        var resources = new List<string>();
        resources.AddRange(definitions.Select(Definition));
        resources.AddRange(assignments.Select((a, i) => Assignment(a, i)));
        if (order is not null)
        {
            resources = [.. order.Select(i => resources[i])];
        }

        var variables = string.Join(",\n", definitions.Where(static d => d.PropertyCopy).Select(static d =>
            $"    \"auth-{d.Key}\": [{string.Join(", ", d.Authorizations.Select(static a => $"{{ \"p\": \"{a.Principal}\", \"r\": \"{a.Role}\" }}"))}]"));
        return $$"""
            {
              "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
              "contentVersion": "1.0.0.0",
              "parameters": {
                "mspOfferName": { "type": "string", "defaultValue": "Contoso Managed Services" },
                "managedByTenantId": { "type": "string", "defaultValue": "{{ManagingTenant}}" }
              },
              "variables": {
            {{variables}}
              },
              "resources": [
            {{string.Join(",\n", resources)}}
              ]
            }
            """;
    }

    private static string DefinitionName(string key) => $"guid(parameters('mspOfferName'), '{key}')";

    private static string Condition(bool? condition) => condition is { } c ? $"\"condition\": \"[equals('{(c ? "on" : "off")}', 'on')]\"," : "";

    private static string Definition(HandDefinition d)
    {
        string authorizations;
        if (d.PropertyCopy)
        {
            authorizations = $$"""
                "copy": [
                  {
                    "name": "authorizations",
                    "count": "[length(variables('auth-{{d.Key}}'))]",
                    "input": {
                      "principalId": "[variables('auth-{{d.Key}}')[copyIndex('authorizations')].p]",
                      "principalIdDisplayName": "[concat('Principal ', copyIndex('authorizations', 1))]",
                      "roleDefinitionId": "[variables('auth-{{d.Key}}')[copyIndex('authorizations')].r]"
                    }
                  }
                ]
                """;
        }
        else
        {
            authorizations = "\"authorizations\": [" + string.Join(", ", d.Authorizations.Select(static a =>
                $"{{ \"principalId\": \"{a.Principal}\", \"principalIdDisplayName\": \"Ops\", \"roleDefinitionId\": \"{a.Role}\" }}")) + "]";
        }

        return $$"""
                {
                  {{Condition(d.Condition)}}
                  "type": "Microsoft.ManagedServices/registrationDefinitions",
                  "apiVersion": "2022-10-01",
                  "name": "[{{DefinitionName(d.Key)}}]",
                  "properties": {
                    "registrationDefinitionName": "[concat(parameters('mspOfferName'), ' {{d.Key}}')]",
                    "description": "Definition {{d.Key}}",
                    "managedByTenantId": "[parameters('managedByTenantId')]",
                    {{authorizations}}
                  }
                }
            """;
    }

    private static string Assignment(HandAssignment a, int index)
    {
        var reference = a.UpperCaseLiteral
            ? $"\"/SUBSCRIPTIONS/{Subscription.ToUpperInvariant()}/PROVIDERS/MICROSOFT.MANAGEDSERVICES/REGISTRATIONDEFINITIONS/[[DEF]]\""
            : $"\"[{(a.SubscriptionResourceId ? "subscriptionResourceId" : "resourceId")}('Microsoft.ManagedServices/registrationDefinitions', {DefinitionName(a.DefinitionKey)})]\"";
        var name = $"[guid('assignment', '{index.ToString(CultureInfo.InvariantCulture)}')]";
        var inner = $$"""
                    {
                      {{Condition(a.Condition)}}
                      "type": "Microsoft.ManagedServices/registrationAssignments",
                      "apiVersion": "2022-10-01",
                      "name": "{{name}}",
                      "properties": { "registrationDefinitionId": {{reference}} }
                    }
            """;
        if (a.ResourceGroup is null)
        {
            return inner;
        }

        var scope = a.InnerScope ? "\"expressionEvaluationOptions\": { \"scope\": \"inner\" }," : "";
        var parameters = a.InnerScope
            ? "\"parameters\": { \"mspOfferName\": { \"value\": \"[parameters('mspOfferName')]\" } },"
            : "";
        var innerParameters = a.InnerScope ? "\"parameters\": { \"mspOfferName\": { \"type\": \"string\" } }," : "";
        return $$"""
                {
                  {{Condition(a.DeploymentCondition)}}
                  "type": "Microsoft.Resources/deployments",
                  "apiVersion": "2022-09-01",
                  "name": "rgAssignment{{index.ToString(CultureInfo.InvariantCulture)}}",
                  "resourceGroup": "{{a.ResourceGroup}}",
                  "properties": {
                    "mode": "Incremental",
                    {{scope}}
                    {{parameters}}
                    "template": {
                      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                      "contentVersion": "1.0.0.0",
                      {{innerParameters}}
                      "resources": [
            {{inner}}
                      ]
                    }
                  }
                }
            """;
    }

    /// <summary>Replaces the <c>[[DEF]]</c> marker of upper-case literal references with the evaluated definition name.</summary>
    public static string WithDefinitionName(string template, string name) => template.Replace("[[DEF]]", name.ToUpperInvariant(), StringComparison.Ordinal);

    /// <summary>A resource ID under a resource group of <see cref="Subscription"/>.</summary>
    public static string Vm(string resourceGroup, string name = "vm1") =>
        new StringBuilder("/subscriptions/").Append(Subscription).Append("/resourceGroups/").Append(resourceGroup)
            .Append("/providers/Microsoft.Compute/virtualMachines/").Append(name).ToString();
}
