using System.Collections.Immutable;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Arm;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Arm;

/// <summary>
/// Delegations come from registration assignments (issue 12 §1): hand-written templates in the samples' style with
/// several definitions, assignments at subscription and resource-group level, swapped order, conditions and property copy.
/// </summary>
public class TemplateDelegationTests
{
    private const string Write = "Microsoft.Compute/virtualMachines/write";
    private const string Look = "Microsoft.Compute/virtualMachines/read";

    private static readonly SubscriptionId Subscription = SubscriptionId.Parse(DelegationTemplates.Subscription);
    private static readonly TenantId Customer = TenantId.Parse("33333333-3333-4333-8333-333333333333");


    private static DiagnosticResult<OnboardingTemplateContent> Read(string template, SubscriptionId? subscription = null) =>
        OnboardingTemplate.Read(template, null, new OnboardingReadOptions { SubscriptionId = subscription ?? Subscription });

    private static ImmutableArray<Delegation> Delegations(string template)
    {
        var read = Read(template);
        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        return OnboardingTemplate.Delegations(read.Value, Customer);
    }

    private static bool Allowed(ImmutableArray<Delegation> delegations, string principal, string action, string resource) =>
        AccessEvaluator.Create(DelegationSnapshot.Create(delegations)).Check(new AccessRequest(principal, action, resource)).IsAllowed;

    private static string Names(ImmutableArray<Delegation> delegations) =>
        string.Join(", ", delegations.Select(static d => $"{d.Definition.Name} @ {d.Scope}").OrderBy(static s => s, StringComparer.Ordinal));

    [Fact]
    public void Delegations_SwappedAssignments_PutEachDefinitionOnlyWhereItIsAssigned()
    {
        // B is assigned in alpha and A in beta; the assignments come before the definitions in the resources array.
        var template = DelegationTemplates.Write(
            [DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob],
            [new HandAssignment("B", "alpha"), new HandAssignment("A", "beta")],
            order: [3, 2, 1, 0]);

        var delegations = Delegations(template);

        Assert.Equal(
            $"Contoso Managed Services A @ /subscriptions/{Subscription}/resourceGroups/beta, Contoso Managed Services B @ /subscriptions/{Subscription}/resourceGroups/alpha",
            Names(delegations));
        Assert.True(Allowed(delegations, DelegationTemplates.Bob, Write, DelegationTemplates.Vm("alpha")));
        Assert.False(Allowed(delegations, DelegationTemplates.Bob, Write, DelegationTemplates.Vm("beta")));
        Assert.False(Allowed(delegations, DelegationTemplates.Bob, Look, DelegationTemplates.Vm("beta")));
        Assert.True(Allowed(delegations, DelegationTemplates.Alice, Look, DelegationTemplates.Vm("beta")));
        Assert.False(Allowed(delegations, DelegationTemplates.Alice, Look, DelegationTemplates.Vm("alpha")));
        Assert.All(delegations, d => Assert.NotEqual(Guid.Empty, d.AssignmentId));
    }

    [Fact]
    public void Delegations_SubscriptionAndResourceGroupAssignments_EachAtItsOwnScope()
    {
        var template = DelegationTemplates.Write(
            [DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob],
            [new HandAssignment("A", null), new HandAssignment("B", "alpha")]);

        var delegations = Delegations(template);

        Assert.True(Allowed(delegations, DelegationTemplates.Alice, Look, DelegationTemplates.Vm("any")));
        Assert.True(Allowed(delegations, DelegationTemplates.Bob, Write, DelegationTemplates.Vm("ALPHA")));
        Assert.False(Allowed(delegations, DelegationTemplates.Bob, Write, DelegationTemplates.Vm("alpha-dev")));
    }

    [Fact]
    public void Read_UnassignedDefinition_GrantsNothingAndWarns()
    {
        var template = DelegationTemplates.Write([DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], [new HandAssignment("A", null)]);

        var read = Read(template);
        var delegations = OnboardingTemplate.Delegations(read.Value!, Customer);

        var warning = Assert.Single(read.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateDefinitionNotAssigned);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("$.resources[1]", warning.Path);
        Assert.Single(delegations);
        Assert.False(Allowed(delegations, DelegationTemplates.Bob, Write, DelegationTemplates.Vm("alpha")));
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(null, false)]
    public void Read_AssignmentsWithFalseCondition_GrantNothing(bool? assignmentCondition, bool? deploymentCondition)
    {
        var template = DelegationTemplates.Write(
            [DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob],
            [new HandAssignment("A", "alpha"), new HandAssignment("B", "alpha") { Condition = assignmentCondition, DeploymentCondition = deploymentCondition }]);

        var read = Read(template);
        var delegations = OnboardingTemplate.Delegations(read.Value!, Customer);

        Assert.Contains(read.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateDefinitionNotAssigned && d.Path == "$.resources[1]");
        Assert.False(Allowed(delegations, DelegationTemplates.Bob, Write, DelegationTemplates.Vm("alpha")));
        Assert.True(Allowed(delegations, DelegationTemplates.Alice, Look, DelegationTemplates.Vm("alpha")));
    }

    [Fact]
    public void Read_DefinitionWithFalseCondition_ItsAssignmentGrantsNothing()
    {
        var template = DelegationTemplates.Write(
            [DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob with { Condition = false }],
            [new HandAssignment("A", null), new HandAssignment("B", null)]);

        var read = Read(template);
        var delegations = OnboardingTemplate.Delegations(read.Value!, Customer);

        Assert.Contains(read.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateAssignmentDefinitionNotFound && d.Severity == DiagnosticSeverity.Warning);
        Assert.Single(delegations);
        Assert.False(Allowed(delegations, DelegationTemplates.Bob, Write, DelegationTemplates.Vm("alpha")));
    }

    [Fact]
    public void Read_AssignmentOfUnknownDefinition_WarnsAndGrantsNothing()
    {
        var template = DelegationTemplates.Write([DelegationTemplates.ReaderForAlice], [new HandAssignment("A", null), new HandAssignment("ghost", "alpha")]);

        var read = Read(template);

        var warning = Assert.Single(read.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateAssignmentDefinitionNotFound);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        var assignment = Assert.Single(read.Value!.RegistrationAssignments, static a => a.DefinitionIndex is null);
        Assert.Equal("alpha", assignment.ResourceGroupName);
        Assert.Single(OnboardingTemplate.Delegations(read.Value, Customer));
    }

    [Fact]
    public void Read_DefinitionIdInOtherLetterCase_IsTheSameDefinition()
    {
        var template = DelegationTemplates.Write([DelegationTemplates.ContributorForBob], [new HandAssignment("B", "alpha") { UpperCaseLiteral = true }]);
        template = DelegationTemplates.WithDefinitionName(template, ArmGuid.Create("Contoso Managed Services", "B").ToString());

        var delegations = Delegations(template);

        Assert.True(Allowed(delegations, DelegationTemplates.Bob, Write, DelegationTemplates.Vm("alpha")));
    }

    [Fact]
    public void Read_InnerScopeResourceId_ResolvesInTheResourceGroupAndGrantsNothing()
    {
        // ARM: in an inner-scope resource-group deployment, resourceId() resolves in that resource group, which holds no
        // registration definition; subscriptionResourceId() names the subscription's definition.
        var wrong = DelegationTemplates.Write([DelegationTemplates.ContributorForBob], [new HandAssignment("B", "alpha") { InnerScope = true }]);
        var right = DelegationTemplates.Write([DelegationTemplates.ContributorForBob], [new HandAssignment("B", "alpha") { InnerScope = true, SubscriptionResourceId = true }]);

        var read = Read(wrong);
        var warning = Assert.Single(read.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateAssignmentDefinitionNotFound);

        Assert.Contains("/resourceGroups/alpha/providers/Microsoft.ManagedServices", read.Value!.RegistrationAssignments.Single().RegistrationDefinitionId, StringComparison.Ordinal);
        Assert.Contains("subscriptionResourceId", warning.Help, StringComparison.Ordinal);
        Assert.Empty(OnboardingTemplate.Delegations(read.Value!, Customer));
        Assert.True(Allowed(Delegations(right), DelegationTemplates.Bob, Write, DelegationTemplates.Vm("alpha")));
    }

    [Fact]
    public void Read_OuterScopeSubscriptionResourceId_IsPlacedInTheResourceGroup()
    {
        var template = DelegationTemplates.Write([DelegationTemplates.ContributorForBob], [new HandAssignment("B", "alpha") { SubscriptionResourceId = true }]);

        Assert.True(Allowed(Delegations(template), DelegationTemplates.Bob, Write, DelegationTemplates.Vm("alpha")));
    }

    [Fact]
    public void Read_PropertyCopy_IsExpandedAsArmDoes()
    {
        var copied = new HandDefinition("C", [(DelegationTemplates.Alice, DelegationTemplates.Reader), (DelegationTemplates.Bob, DelegationTemplates.Contributor)]) { PropertyCopy = true };
        var template = DelegationTemplates.Write([copied], [new HandAssignment("C", "alpha")]);

        var read = Read(template);
        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        var manifest = read.Value.RegistrationDefinitions.Single().Manifest;

        Assert.Equal(["Principal 1", "Principal 2"], manifest.Authorizations.Select(static a => a.Principal.DisplayName));
        Assert.Equal([PrincipalId.Parse(DelegationTemplates.Alice), PrincipalId.Parse(DelegationTemplates.Bob)], manifest.Authorizations.Select(static a => a.Principal.Id));
        var delegations = OnboardingTemplate.Delegations(read.Value, Customer);
        Assert.True(Allowed(delegations, DelegationTemplates.Bob, Write, DelegationTemplates.Vm("alpha")));
        Assert.False(Allowed(delegations, DelegationTemplates.Alice, Write, DelegationTemplates.Vm("alpha")));
    }

    [Fact]
    public void Read_PropertyCopyInNestedObjectAndEligible_IsExpanded()
    {
        var template = Single("""
            "authorizations": [ { "principalId": "11111111-1111-4111-8111-111111111111", "principalIdDisplayName": "Ops", "roleDefinitionId": "acdd72a7-3385-48ef-bd42-f606fba81ae7" } ],
            "copy": [
              {
                "name": "eligibleAuthorizations",
                "count": 2,
                "input": {
                  "principalId": "[if(equals(copyIndex('eligibleAuthorizations'), 0), '11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222')]",
                  "principalIdDisplayName": "Eligible",
                  "roleDefinitionId": "b24988ac-6180-42a0-ab88-20f7382dd24c",
                  "justInTimeAccessPolicy": { "multiFactorAuthProvider": "Azure", "maximumActivationDuration": "PT8H" }
                }
              }
            ]
            """);

        var read = Read(template);

        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        Assert.Equal(2, read.Value.Definition.Manifest.EligibleAuthorizations.Length);
    }

    [Theory]
    [InlineData("\"copy\": { \"name\": \"authorizations\", \"count\": 1, \"input\": {} }", DiagnosticCodes.TemplatePropertyCopyUnsupported)]
    [InlineData("\"authorizations\": [], \"copy\": [ { \"name\": \"authorizations\", \"count\": 1, \"input\": {} } ]", DiagnosticCodes.TemplatePropertyCopyUnsupported)]
    [InlineData("\"copy\": [ { \"name\": \"authorizations\", \"count\": 1, \"input\": { \"copy\": [] } } ]", DiagnosticCodes.TemplatePropertyCopyUnsupported)]
    [InlineData("\"copy\": [ { \"name\": \"authorizations\", \"count\": 1, \"input\": {}, \"mode\": \"serial\" } ]", DiagnosticCodes.TemplatePropertyCopyUnsupported)]
    [InlineData("\"copy\": [ { \"name\": \"[concat('author', 'izations')]\", \"count\": 1, \"input\": {} } ]", DiagnosticCodes.TemplatePropertyCopyUnsupported)]
    [InlineData("\"authorizations\": [ { \"copy\": [] } ]", DiagnosticCodes.TemplatePropertyCopyUnsupported)]
    [InlineData("\"copy\": [ { \"name\": \"authorizations\", \"count\": 801, \"input\": {} } ]", DiagnosticCodes.TemplateLimitExceeded)]
    [InlineData("\"copy\": [ { \"name\": \"authorizations\", \"count\": -1, \"input\": {} } ]", DiagnosticCodes.TemplateLimitExceeded)]
    [InlineData("\"copy\": [ { \"name\": \"authorizations\", \"count\": \"two\", \"input\": {} } ]", DiagnosticCodes.JsonUnexpectedType)]
    [InlineData("\"copy\": [ { \"name\": \"authorizations\", \"count\": 1 } ]", DiagnosticCodes.RequiredValueMissing)]
    [InlineData("\"copy\": [ { \"name\": \"authorizations\", \"count\": 1, \"input\": { \"principalId\": \"[copyIndex()]\" } } ]", DiagnosticCodes.TemplateExpressionUnsupported)]
    public void Read_PropertyCopyOutsideTheSupportedForm_IsRefused(string authorizations, string code)
    {
        var read = Read(Single(authorizations));

        Assert.Contains(read.Diagnostics, d => d.Code == code && d.Severity == DiagnosticSeverity.Error);
        Assert.True(read.HasErrors);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(800)]
    public void Read_PropertyCopyAtTheCountLimits_IsExpanded(int count)
    {
        var read = Read(Single($$"""
            "copy": [ { "name": "authorizations", "count": {{count}}, "input": { "principalId": "11111111-1111-4111-8111-111111111111", "principalIdDisplayName": "[concat('Ops ', copyIndex('authorizations'))]", "roleDefinitionId": "acdd72a7-3385-48ef-bd42-f606fba81ae7" } } ]
            """));

        Assert.DoesNotContain(read.Diagnostics, static d => d.Code is DiagnosticCodes.TemplatePropertyCopyUnsupported or DiagnosticCodes.TemplateLimitExceeded);
        Assert.Equal(count, read.Value!.Definition.Manifest.Authorizations.Length);
    }

    [Theory]
    [InlineData("\"subscriptionId\": \"99999999-9999-4999-8999-999999999999\",", DiagnosticCodes.TemplateDeploymentUnsupported)]
    [InlineData("\"scope\": \"[concat('Microsoft.Management/managementGroups/', 'mg')]\",", DiagnosticCodes.TemplateDeploymentUnsupported)]
    public void Read_NestedDeploymentElsewhere_IsRefused(string member, string code)
    {
        var template = DelegationTemplates.Write([DelegationTemplates.ContributorForBob], [new HandAssignment("B", "alpha")])
            .Replace("\"resourceGroup\": \"alpha\",", member + " \"resourceGroup\": \"alpha\",", StringComparison.Ordinal);

        var read = Read(template);

        Assert.Contains(read.Diagnostics, d => d.Code == code && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Read_NestedDeploymentToTheSameSubscription_IsPlaced()
    {
        var template = DelegationTemplates.Write([DelegationTemplates.ContributorForBob], [new HandAssignment("B", "alpha")])
            .Replace("\"resourceGroup\": \"alpha\",", "\"subscriptionId\": \"[subscription().subscriptionId]\", \"resourceGroup\": \"alpha\",", StringComparison.Ordinal);

        Assert.True(Allowed(Delegations(template), DelegationTemplates.Bob, Write, DelegationTemplates.Vm("alpha")));
    }

    [Fact]
    public void Read_LinkedTemplate_IsRefused()
    {
        var template = DelegationTemplates.Write([DelegationTemplates.ContributorForBob], [new HandAssignment("B", "alpha")])
            .Replace("\"mode\": \"Incremental\",", "\"mode\": \"Incremental\", \"templateLink\": { \"uri\": \"https://example.com/t.json\" },", StringComparison.Ordinal);

        var read = Read(template);

        Assert.Contains(read.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateDeploymentUnsupported && d.Path.EndsWith("templateLink", StringComparison.Ordinal));
        Assert.True(read.HasErrors);
    }

    [Theory]
    [InlineData("\"scope\": \"resourceGroups/alpha\",")]
    [InlineData("\"resourceGroup\": \"alpha\",")]
    [InlineData("\"subscriptionId\": \"[subscription().subscriptionId]\",")]
    public void Read_AssignmentWithExplicitScope_IsRefused(string member)
    {
        var template = DelegationTemplates.Write([DelegationTemplates.ContributorForBob], [new HandAssignment("B", null)])
            .Replace("\"type\": \"Microsoft.ManagedServices/registrationAssignments\",", "\"type\": \"Microsoft.ManagedServices/registrationAssignments\", " + member, StringComparison.Ordinal);

        var read = Read(template);

        Assert.Contains(read.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateDeploymentUnsupported && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Read_SameDefinitionTwice_IsRefused()
    {
        var template = DelegationTemplates.Write([DelegationTemplates.ContributorForBob, DelegationTemplates.ContributorForBob], [new HandAssignment("B", null)]);

        var read = Read(template);

        Assert.Contains(read.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateResourceDuplicated && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Read_SameAssignmentTwiceAtOneScope_IsRefused()
    {
        var template = DelegationTemplates.Write([DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], [new HandAssignment("A", null), new HandAssignment("B", null)])
            .Replace("guid('assignment', '1')", "guid('assignment', '0')", StringComparison.Ordinal);

        var read = Read(template);

        Assert.Contains(read.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateResourceDuplicated && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Read_InvalidResourceGroupName_IsRefused()
    {
        var template = DelegationTemplates.Write([DelegationTemplates.ContributorForBob], [new HandAssignment("B", "alpha/../beta")]);

        var read = Read(template);

        Assert.Contains(read.Diagnostics, static d => d.Code == DiagnosticCodes.InvalidResourceGroupName && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Read_WithoutSubscription_LinksThroughThePlaceholder()
    {
        var template = DelegationTemplates.Write([DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], [new HandAssignment("B", "alpha")]);

        var read = OnboardingTemplate.Read(template);

        Assert.Null(read.Value!.SubscriptionId);
        var delegation = Assert.Single(OnboardingTemplate.Delegations(read.Value, Customer));
        Assert.Equal($"/subscriptions/{Guid.Empty}/resourceGroups/alpha", delegation.Scope.ToString());
    }

    [Fact]
    public void SingleDefinition_DifferentDefinitions_IsRefusedNotTheFirst()
    {
        var several = Read(DelegationTemplates.Write([DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob], [new HandAssignment("A", null), new HandAssignment("B", null)])).Value!;
        var one = Read(DelegationTemplates.Write([DelegationTemplates.ReaderForAlice], [new HandAssignment("A", null)])).Value!;

        var refused = OnboardingTemplate.SingleDefinition(several, "an offer plan");
        var accepted = OnboardingTemplate.SingleDefinition(one, "an offer plan");

        Assert.True(refused.HasErrors);
        Assert.Equal(DiagnosticCodes.ConversionWouldDropDefinitions, Assert.Single(refused.Diagnostics).Code);
        Assert.Same(one.Definition, accepted.Value);
    }

    [TemplatesSharedFact]
    public void Delegations_MultipleResourceGroupSample_GivesEachGroupItsOwnDefinition()
    {
        var directory = Path.Combine(TemplatesSharedData.Samples, "delegated-resource-management-eligible-authorizations", "rg");
        var template = File.ReadAllText(Path.Combine(directory, "multiple-rg.json"));
        var parameters = File.ReadAllText(Path.Combine(directory, "multiple-rg.parameters.json"));

        var read = OnboardingTemplate.Read(template, parameters, new OnboardingReadOptions { SubscriptionId = Subscription });
        var delegations = OnboardingTemplate.Delegations(read.Value!, Customer);

        Assert.Equal(read.Value!.Target.ResourceGroupNames.Length, delegations.Length);
        Assert.All(delegations, d => Assert.Equal(
            ArmGuid.Create(d.Scope.ResourceGroupName!),
            d.Definition.Id));
    }

    /// <summary>One definition, assigned at the subscription, whose authorization properties are <paramref name="authorizations"/>.</summary>
    private static string Single(string authorizations) => $$"""
        {
          "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.ManagedServices/registrationDefinitions",
              "apiVersion": "2022-10-01",
              "name": "[guid('offer')]",
              "properties": {
                "registrationDefinitionName": "Offer",
                "managedByTenantId": "{{DelegationTemplates.ManagingTenant}}",
                {{authorizations}}
              }
            },
            {
              "type": "Microsoft.ManagedServices/registrationAssignments",
              "apiVersion": "2022-10-01",
              "name": "[guid('offer')]",
              "properties": { "registrationDefinitionId": "[resourceId('Microsoft.ManagedServices/registrationDefinitions', guid('offer'))]" }
            }
          ]
        }
        """;
}
