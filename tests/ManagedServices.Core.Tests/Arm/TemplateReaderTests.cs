using System.Collections.Immutable;
using ManagedServices.Json;
using ManagedServices.Arm;

namespace ManagedServices.Tests.Arm;

public class TemplateReaderTests
{
    private const string Tenant = "fbcdd0f3-dc82-4cee-bcde-7301d24e9bf6";
    private const string Principal = "4c8d1a2e-0f2b-4b6e-9d0a-5f1c2b3a4d5e";
    private const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

    /// <summary>A minimal subscription onboarding template whose definition properties and extra parts can be replaced.</summary>
    private static string Template(string? properties = null, string parameters = "", string variables = "", string extraResources = "", string? name = null) => $$"""
        {
          "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "mspOfferName": { "type": "string", "defaultValue": "Offer" }{{parameters}}
          },
          "variables": { "unused": "[reference('x')]"{{variables}} },
          "resources": [
            {
              "type": "Microsoft.ManagedServices/registrationDefinitions",
              "apiVersion": "2022-10-01",
              "name": "{{name ?? "[guid(parameters('mspOfferName'))]"}}",
              "properties": {{properties ?? DefaultProperties}}
            },
            {
              "type": "Microsoft.ManagedServices/registrationAssignments",
              "apiVersion": "2022-10-01",
              "name": "[guid(parameters('mspOfferName'))]",
              "properties": { "registrationDefinitionId": "[resourceId('Microsoft.ManagedServices/registrationDefinitions/', guid(parameters('mspOfferName')))]" }
            }{{extraResources}}
          ]
        }
        """;

    private const string DefaultProperties = $$"""
        {
          "registrationDefinitionName": "[parameters('mspOfferName')]",
          "managedByTenantId": "{{Tenant}}",
          "authorizations": [ { "principalId": "{{Principal}}", "roleDefinitionId": "{{Reader}}" } ]
        }
        """;

    private static DiagnosticResult<OnboardingTemplateContent> Read(string template, string? parameters = null, OnboardingReadOptions? options = null) =>
        OnboardingTemplate.Read(template, parameters, options);

    [Fact]
    public void Read_MinimalTemplate_UsesDefaultsAndIgnoresUnusedVariables()
    {
        var result = Read(Template());
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal("Offer", result.Value.Definition.Name);
        Assert.Equal(ArmGuid.Create("Offer"), result.Value.RegistrationDefinitions[0].Id);
        Assert.Single(result.Value.Definition.Manifest.Authorizations);
    }

    [Fact]
    public void Read_DuplicateProperty_IsRejectedWithLine()
    {
        var result = Read("{\n  \"resources\": [],\n  \"Resources\": []\n}");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.JsonDuplicateProperty, d.Code);
        Assert.Equal(3, d.Line);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Read_TooDeep_IsReported()
    {
        var deep = "{\"resources\": " + new string('[', 200) + new string(']', 200) + "}";
        var result = Read(deep);
        Assert.Equal(DiagnosticCodes.JsonMalformed, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Read_TooLarge_IsReported()
    {
        var big = "{\"x\": \"" + new string('a', JsonTree.MaxBytes) + "\"}";
        Assert.Equal(DiagnosticCodes.JsonTooLarge, Assert.Single(Read(big).Diagnostics).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"resources\": {}}")]
    [InlineData("{\"a\": \"\\ud800\"}")]
    [InlineData("{} {}")]
    public void Read_Malformed_GivesDiagnosticsNotExceptions(string text)
    {
        var result = Read(text);
        Assert.Null(result.Value);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Read_WrongType_ReportsPathAndLine()
    {
        var properties = $$"""
            {
              "registrationDefinitionName": "x",
              "managedByTenantId": "{{Tenant}}",
              "authorizations": [ { "principalId": 42, "roleDefinitionId": "{{Reader}}" } ]
            }
            """;
        var result = Read(Template(properties));
        var d = Assert.Single(result.Diagnostics, static d => d.Code == DiagnosticCodes.JsonUnexpectedType);
        Assert.Equal("$.resources[0].properties.authorizations[0].principalId", d.Path);
        Assert.Equal(16, d.Line);
    }

    [Theory]
    [InlineData("[reference('x').outputs.y]", "reference")]
    [InlineData("[toLower('X')]", "toLower")]
    [InlineData("[concat('a']", "cannot be parsed")]
    [InlineData("[parameters('missing')]", "not declared")]
    [InlineData("[variables('missing')]", "not declared")]
    [InlineData("[copyIndex()]", "outside a copy loop")]
    [InlineData("[guid(1)]", "needs a string")]
    [InlineData("[if('yes', 'a', 'b')]", "bool condition")]
    [InlineData("[json('{')]", "not valid JSON")]
    [InlineData("[parameters('mspOfferName').x]", "Cannot read property")]
    [InlineData("[concat(json('[1]'), 'x')]", "cannot join")]
    public void Read_ExpressionOutsideSubset_IsDiagnosticWithPath(string expression, string message)
    {
        var result = Read(Template(name: expression));
        var d = Assert.Single(result.Diagnostics, static d => d.Code is DiagnosticCodes.TemplateExpressionUnsupported);
        Assert.Equal("$.resources[0].name", d.Path);
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
        Assert.Equal(12, d.Line);
    }

    [Fact]
    public void Read_EscapedBracket_IsLiteral()
    {
        var result = Read(Template(DefaultProperties.Replace("[parameters('mspOfferName')]", "[[not an expression]", StringComparison.Ordinal)));
        Assert.Equal("[not an expression]", result.Value!.Definition.Name);
    }

    [Fact]
    public void Read_DeeplyNestedExpression_HitsNestingLimit()
    {
        var expression = "[" + string.Concat(Enumerable.Repeat("concat(", 40)) + "'x'" + new string(')', 40) + "]";
        var result = Read(Template(name: expression));
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateLimitExceeded && d.Path == "$.resources[0].name");
    }

    [Fact]
    public void Read_ExponentialVariables_HitBudgetNotMemory()
    {
        var variables = string.Concat(Enumerable.Range(1, 60).Select(i =>
            $",\n \"v{i}\": \"[concat(variables('v{i - 1}'), variables('v{i - 1}'))]\""));
        var result = Read(Template(name: "[variables('v60')]", variables: ",\n \"v0\": \"ab\"" + variables));
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateLimitExceeded);
    }

    [Fact]
    public void Read_LongVariableChain_HitsReferenceLimitNotTheStack()
    {
        var variables = string.Concat(Enumerable.Range(1, 20_000).Select(static i => $",\n \"v{i}\": \"[variables('v{i - 1}')]\""));
        var result = Read(Template(name: "[variables('v20000')]", variables: ",\n \"v0\": \"x\"" + variables));
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateLimitExceeded && d.Message.Contains("levels deep", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ShortVariableChain_IsEvaluated()
    {
        var variables = string.Concat(Enumerable.Range(1, 40).Select(static i => $",\n \"v{i}\": \"[variables('v{i - 1}')]\""));
        var result = Read(Template(name: "[guid(variables('v40'))]", variables: ",\n \"v0\": \"x\"" + variables));
        Assert.Equal(ArmGuid.Create("x"), result.Value!.RegistrationDefinitions[0].Id);
    }

    [Fact]
    public void Read_VariableCycle_IsReported()
    {
        var result = Read(Template(name: "[variables('a')]", variables: ", \"a\": \"[variables('b')]\", \"b\": \"[variables('a')]\""));
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateExpressionUnsupported && d.Message.Contains("refers to itself", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(801)]
    [InlineData(-1)]
    public void Read_CopyCountOutsideLimit_IsReported(int count)
    {
        var extra = $$"""
            ,
            {
              "type": "Microsoft.ManagedServices/registrationAssignments",
              "apiVersion": "2022-10-01",
              "name": "[guid('x', string(copyIndex()))]",
              "copy": { "name": "loop", "count": {{count}} },
              "properties": {}
            }
            """;
        var result = Read(Template(extraResources: extra));
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateLimitExceeded && d.Path.EndsWith(".copy.count", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ParameterFileAndOverrides_AreApplied()
    {
        const string Parameters = """
            { "$schema": "x", "parameters": { "mspOfferName": { "value": "From file" }, "count": { "value": 2 } } }
            """;
        var template = Template(parameters: ", \"count\": { \"type\": \"int\", \"allowedValues\": [1, 2, 3] }");
        Assert.Equal("From file", Read(template, Parameters).Value!.Definition.Name);
        var options = new OnboardingReadOptions { ParameterOverrides = ImmutableDictionary<string, string>.Empty.Add("mspOfferName", "Inline").Add("count", "3") };
        var result = Read(template, Parameters, options);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal("Inline", result.Value.Definition.Name);
    }

    [Fact]
    public void Read_ValueNotAllowed_IsReported()
    {
        var template = Template(parameters: ", \"count\": { \"type\": \"int\", \"allowedValues\": [1, 2, 3] }");
        var result = Read(template, "{ \"parameters\": { \"count\": { \"value\": 9 } } }");
        var d = Assert.Single(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateParameterInvalid);
        Assert.Equal("parameters:$.parameters.count.value", d.Path);
        Assert.Equal(1, d.Line);
    }

    [Fact]
    public void Read_ParameterOfWrongType_IsReported()
    {
        var result = Read(Template(), "{ \"parameters\": { \"mspOfferName\": { \"value\": [1] } } }");
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateParameterInvalid && d.Path == "parameters:$.parameters.mspOfferName.value");
    }

    [Fact]
    public void Read_UndeclaredParameter_IsReported()
    {
        var result = Read(Template(), "{ \"parameters\": { \"other\": { \"value\": 1 } } }");
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateParameterUnknown);
    }

    [Fact]
    public void Read_KeyVaultReference_IsReported()
    {
        var result = Read(Template(), "{ \"parameters\": { \"mspOfferName\": { \"reference\": { \"keyVault\": {} } } } }");
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateExpressionUnsupported && d.Message.Contains("Key Vault", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_LanguageVersion2_IsReported()
    {
        var result = Read("{ \"languageVersion\": \"2.0\", \"resources\": {} }");
        Assert.Equal(DiagnosticCodes.TemplateExpressionUnsupported, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Read_SubscriptionFunction_UsesGivenSubscription()
    {
        var subscription = SubscriptionId.Parse("ed40e6c1-4292-4dd6-88f1-89e0da98d68b");
        var template = Template(name: "[guid(subscription().subscriptionId)]");
        var known = Read(template, null, new OnboardingReadOptions { SubscriptionId = subscription });
        Assert.Equal(ArmGuid.Create(subscription.ToString()), known.Value!.RegistrationDefinitions[0].Id);
        Assert.DoesNotContain(known.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateSubscriptionUnknown);

        var unknown = Read(template);
        Assert.Contains(unknown.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateSubscriptionUnknown && d.Severity == DiagnosticSeverity.Info);
    }

    [Fact]
    public void Read_EligibleUnderOldApiVersion_IsError()
    {
        var properties = DefaultProperties.TrimEnd().TrimEnd('}') + $$"""
            , "eligibleAuthorizations": [ { "principalId": "{{Principal}}", "roleDefinitionId": "{{Reader}}",
                "justInTimeAccessPolicy": { "multiFactorAuthProvider": "Azure", "maximumActivationDuration": "PT4H" } } ] }
            """;
        var result = Read(Template(properties).Replace("2022-10-01", "2019-09-01", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.ApiVersionTooOld && d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(TimeSpan.FromHours(4), result.Value!.Definition.Manifest.EligibleAuthorizations[0].JustInTimeAccessPolicy.MaximumActivationDuration);
    }

    [Fact]
    public void Read_UnknownMember_IsWarning()
    {
        var properties = DefaultProperties.Replace("\"roleDefinitionId\"", "\"colour\": \"blue\", \"roleDefinitionId\"", StringComparison.Ordinal);
        var result = Read(Template(properties));
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.JsonUnknownMember && d.Path.EndsWith("colour", StringComparison.Ordinal));
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void Read_InvalidDuration_IsReported()
    {
        var properties = DefaultProperties.TrimEnd().TrimEnd('}') + $$"""
            , "eligibleAuthorizations": [ { "principalId": "{{Principal}}", "roleDefinitionId": "{{Reader}}",
                "justInTimeAccessPolicy": { "maximumActivationDuration": "8 hours" } } ] }
            """;
        Assert.Contains(Read(Template(properties)).Diagnostics, static d => d.Code == DiagnosticCodes.InvalidDuration);
    }
}
