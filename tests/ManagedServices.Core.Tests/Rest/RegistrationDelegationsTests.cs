using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Arm;
using ManagedServices.Rest;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Rest;

/// <summary>
/// RegistrationResources.ReadDelegations on registration assignments written by hand from the examples of Azure's
/// ManagedServices REST specification (docs/examples/audit, see its README for the corrected GUIDs), and on variants
/// of them: only Succeeded assignments grant, malformed ones grant nothing, roles Lighthouse refuses stay refused.
/// </summary>
public class RegistrationDelegationsTests
{
    private const string Subscription = "0afefe50-734e-4610-8c82-a144aff49dea";
    private const string SupportUser = "f98d86a2-4cc4-4e9d-ad47-b3e80a1bcdfc";
    private const string EligibleOwner = "700bddf4-2c3b-4cd1-bb02-6a2c622524f4";
    private const string Vm = "/subscriptions/" + Subscription + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1";

    internal static string Example(string name) => File.ReadAllText(Path.Combine(RepoPaths.AuditExamples, name));

    private static RestDocument Doc(string name, string json) => new() { Name = name, Json = json };

    private static DiagnosticResult<ImmutableArray<Delegation>> Read(string json, string name = "a.json") =>
        RegistrationResources.ReadDelegations([Doc(name, json)]);

    private static JsonObject Spec() => JsonNode.Parse(Example("assignments.json"))!.AsObject();

    private static JsonObject FirstAssignment(JsonObject list) => list["value"]![0]!.AsObject();

    [Fact]
    public void SpecExample_2022_10_01_IsOneSubscriptionDelegation_WithTheManifestAsWritten()
    {
        var read = Read(Example("assignments.json"));

        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        Assert.Empty(read.Diagnostics);
        var d = Assert.Single(read.Value);
        Assert.Equal(ResourceScope.ForSubscription(SubscriptionId.Parse(Subscription)), d.Scope);
        Assert.Equal(TenantId.Parse("01c0bcd5-4f47-4e4b-b492-418b7e2a8854"), d.CustomerTenantId);
        Assert.Equal(TenantId.Parse("83abe5cd-bcc3-441a-bd86-e6a75360cecc"), d.Definition.Manifest.ManagingTenantId);
        Assert.Equal(Guid.Parse("484a7d5f-9729-4b87-bc9b-26610985a013"), d.AssignmentId);
        Assert.Equal("DefinitionName", d.Definition.Name);
        Assert.Equal(2, d.Definition.Manifest.Authorizations.Length);
        var eligible = Assert.Single(d.Definition.Manifest.EligibleAuthorizations);
        Assert.Equal(BuiltInRoleIds.Owner, eligible.RoleDefinitionId);
        Assert.Equal(TimeSpan.FromHours(8), eligible.JustInTimeAccessPolicy.MaximumActivationDuration);
    }

    [Fact]
    public void SpecExample_RolesLighthouseRefuses_GrantNothing_OthersGrantAsTheRulesSay()
    {
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create(Read(Example("assignments.json")).Value!));

        // Reader allows reads; the eligible Owner is refused by Lighthouse and grants nothing, even activated.
        Assert.True(evaluator.Check(new AccessRequest(PrincipalId.Parse(SupportUser), "Microsoft.Compute/virtualMachines/read", Vm)).IsAllowed);
        var owner = evaluator.Check(new AccessRequest(PrincipalId.Parse(EligibleOwner), "Microsoft.Compute/virtualMachines/read", Vm)
        {
            ActivatedRoleDefinitionIds = [BuiltInRoleIds.Owner],
        });
        Assert.Equal(AccessReason.RoleNotDelegable, owner.Reason);
        Assert.DoesNotContain(evaluator.WhoCan("Microsoft.Compute/virtualMachines/write", Vm), h => h.PrincipalId == PrincipalId.Parse(EligibleOwner));
        // User Access Administrator: role assignments only for managed identities, never a plain write.
        Assert.False(evaluator.Check(new AccessRequest(PrincipalId.Parse(SupportUser), "Microsoft.Compute/virtualMachines/write", Vm)).IsAllowed);
    }

    [Fact]
    public void AzureCliArray_2019_06_01_IsRead_WithAWarningThatEligibleAccessIsNotShown()
    {
        var read = Read(Example("assignments-az.json"), "az.json");

        Assert.False(read.HasErrors);
        var warning = Assert.Single(read.Diagnostics);
        Assert.Equal(DiagnosticCodes.RegistrationEligibleNotShown, warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("az.json:$", warning.Path);
        Assert.Empty(Assert.Single(read.Value).Definition.Manifest.EligibleAuthorizations);
    }

    [Fact]
    public void PlainArrayWithEligibleAuthorizations_HasNoWarning()
    {
        var array = new JsonArray(FirstAssignment(Spec()).DeepClone());

        var read = Read(array.ToJsonString());

        Assert.False(read.HasErrors);
        Assert.Empty(read.Diagnostics);
    }

    [Fact]
    public void UnexpandedAssignments_TakeTheirDefinitionFromTheDefinitionsGiven()
    {
        var read = RegistrationResources.ReadDelegations([Doc("a.json", Example("assignments-unexpanded.json"))], [Doc("d.json", Example("definitions.json"))]);

        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        var d = Assert.Single(read.Value);
        Assert.Equal(TenantId.Parse("0e06d6a3-55ae-40a3-ac29-350808980808"), d.CustomerTenantId);
        Assert.Equal(Guid.Parse("26c128c2-fefa-4340-9bb1-6e081c90ada2"), d.Definition.Id);
        Assert.True(Assert.Single(d.Definition.Manifest.EligibleAuthorizations).JustInTimeAccessPolicy.RequiresApproval);
    }

    [Fact]
    public void UnexpandedAssignments_WithoutDefinitions_GrantNothing_AndAreAnError()
    {
        var read = Read(Example("assignments-unexpanded.json"));

        Assert.True(read.HasErrors);
        Assert.Empty(read.Value!);
        var error = Assert.Single(read.Diagnostics);
        Assert.Equal(DiagnosticCodes.RegistrationAssignmentDefinitionMissing, error.Code);
        Assert.Equal("a.json:$.value[0].properties.registrationDefinitionId", error.Path);
        Assert.Equal(5, error.Line);
    }

    [Theory]
    [InlineData("Failed")]
    [InlineData("Deleting")]
    [InlineData("Accepted")]
    [InlineData("Succeeded ")]
    [InlineData(null)]
    public void AssignmentNotSucceeded_GrantsNothing_AndIsAWarning(string? state)
    {
        var list = Spec();
        var properties = FirstAssignment(list)["properties"]!.AsObject();
        if (state is null)
        {
            properties.Remove("provisioningState");
        }
        else
        {
            properties["provisioningState"] = state;
        }

        var read = Read(list.ToJsonString());

        Assert.False(read.HasErrors);
        Assert.Empty(read.Value);
        var warning = Assert.Single(read.Diagnostics);
        Assert.Equal(DiagnosticCodes.RegistrationNotSucceeded, warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
    }

    [Fact]
    public void DefinitionNotSucceeded_GrantsNothing()
    {
        var list = Spec();
        FirstAssignment(list)["properties"]!["registrationDefinition"]!["properties"]!["provisioningState"] = "Updating";

        var read = Read(list.ToJsonString());

        Assert.Empty(read.Value!);
        Assert.Equal(DiagnosticCodes.RegistrationNotSucceeded, Assert.Single(read.Diagnostics).Code);
    }

    [Fact]
    public void SucceededInAnotherCase_Grants()
    {
        var list = Spec();
        FirstAssignment(list)["properties"]!["provisioningState"] = "succeeded";

        Assert.Single(Read(list.ToJsonString()).Value!);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/providers/Microsoft.ManagedServices/registrationAssignments/484a7d5f-9729-4b87-bc9b-26610985a013")]
    [InlineData("/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.ManagedServices/registrationAssignments/484a7d5f-9729-4b87-bc9b-26610985a013")]
    [InlineData("/subscriptions/" + Subscription + "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1/providers/Microsoft.ManagedServices/registrationAssignments/484a7d5f-9729-4b87-bc9b-26610985a013")]
    [InlineData("/subscriptions/" + Subscription + "/providers/Microsoft.ManagedServices/registrationAssignments/00000000-9729-4b87-bc9b-26610985a013")]
    [InlineData("/subscriptions/0afefe50-734e-4610-8a82-a144ahf49dea/providers/Microsoft.ManagedServices/registrationAssignments/484a7d5f-9729-4b87-bc9b-26610985a013")]
    [InlineData("/subscriptions/" + Subscription + "/providers/Microsoft.ManagedServices/registrationDefinitions/484a7d5f-9729-4b87-bc9b-26610985a013")]
    public void AssignmentWithoutAUsableId_GrantsNothing_AndIsAnError_OthersStillRead(string? id)
    {
        var list = Spec();
        var broken = FirstAssignment(list).DeepClone().AsObject();
        if (id is null)
        {
            broken.Remove("id");
        }
        else
        {
            broken["id"] = id;
        }

        var ok = FirstAssignment(list).DeepClone().AsObject();
        ok["id"] = "/subscriptions/" + Subscription + "/resourceGroups/rg1/providers/Microsoft.ManagedServices/registrationAssignments/484a7d5f-9729-4b87-bc9b-26610985a013";
        list["value"] = new JsonArray(broken, ok);

        var read = Read(list.ToJsonString());

        Assert.True(read.HasErrors);
        var error = Assert.Single(read.Diagnostics);
        Assert.Equal(DiagnosticCodes.RegistrationAssignmentScopeInvalid, error.Code);
        Assert.StartsWith("a.json:$.value[0]", error.Path, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
        var d = Assert.Single(read.Value!);
        Assert.Equal("rg1", d.Scope.ResourceGroupName);
    }

    [Fact]
    public void ExpandedDefinitionOfAnotherId_GrantsNothing()
    {
        var list = Spec();
        FirstAssignment(list)["properties"]!["registrationDefinitionId"] =
            "/subscriptions/" + Subscription + "/providers/Microsoft.ManagedServices/registrationDefinitions/67aa1d7b-30ac-4ec2-be0b-ce30751468f2";

        var read = Read(list.ToJsonString());

        Assert.Empty(read.Value!);
        Assert.Equal(DiagnosticCodes.RegistrationAssignmentInconsistent, Assert.Single(read.Diagnostics).Code);
    }

    [Fact]
    public void MalformedMember_DropsOnlyThatAssignment()
    {
        var list = JsonNode.Parse(Example("assignments-two-tenants.json"))!.AsObject();
        list["value"]![0]!["properties"]!["registrationDefinition"]!["properties"]!["authorizations"]![0]!["principalId"] = "not-a-guid";

        var read = Read(list.ToJsonString());

        Assert.True(read.HasErrors);
        var d = Assert.Single(read.Value!);
        Assert.Equal(Guid.Parse("f6e721b2-7576-44d3-9182-03143fce94c0"), d.AssignmentId);
        Assert.All(read.Diagnostics, x => Assert.StartsWith("a.json:$.value[0]", x.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void TwoTenantsExample_GivesTwoDelegations_OfDifferentManagingTenants()
    {
        var read = Read(Example("assignments-two-tenants.json"));

        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
        Assert.Equal(
            ["83abe5cd-bcc3-441a-bd86-e6a75360cecc", "de83f4a9-a76a-4025-a91a-91171923eac7"],
            read.Value.Select(static d => d.Definition.Manifest.ManagingTenantId.ToString()));
    }

    [Fact]
    public void TheSameAssignmentInSeveralFiles_CountsOnce()
    {
        var read = RegistrationResources.ReadDelegations([Doc("a.json", Example("assignments.json")), Doc("b.json", Example("assignments-two-tenants.json"))]);

        Assert.False(read.HasErrors);
        Assert.Equal(2, read.Value.Length);
    }

    [Fact]
    public void MissingManageeTenant_UsesTheGivenTenant_ElseTheStandIn()
    {
        var list = Spec();
        FirstAssignment(list)["properties"]!["registrationDefinition"]!["properties"]!.AsObject().Remove("manageeTenantId");
        var given = TenantId.Parse("11111111-2222-4333-8444-555555555555");

        Assert.Equal(given, Assert.Single(RegistrationResources.ReadDelegations([Doc("a", list.ToJsonString())], null, given).Value!).CustomerTenantId);
        Assert.Equal(OnboardingTemplate.StandInCustomerTenant(SubscriptionId.Parse(Subscription)), Assert.Single(Read(list.ToJsonString()).Value!).CustomerTenantId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1]")]
    [InlineData("{\"value\": 3}")]
    [InlineData("{")]
    public void UnreadableDocument_IsAnError_WithNoDelegations(string json)
    {
        var read = Read(json);

        Assert.True(read.HasErrors);
        Assert.Empty(read.Value!);
        Assert.All(read.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error), d => Assert.StartsWith("a.json", d.Path, StringComparison.Ordinal));
    }

    /// <summary>
    /// Fail closed: whatever the provisioning states of a list's assignments, exactly those whose state is Succeeded
    /// (ignoring case) become delegations, each at its own scope; every other one is a warning.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property OnlySucceededAssignmentsGrant() =>
        Prop.ForAll(Arb.From(Gen.ListOf(Gen.Elements("Succeeded", "SUCCEEDED", "Failed", "Deleting", "Updating", "Canceled", "Accepted", "", "Succeeded.", null))), states =>
        {
            var template = FirstAssignment(Spec());
            var items = new JsonArray();
            var i = 0;
            foreach (var state in states)
            {
                var item = template.DeepClone().AsObject();
                var name = new Guid(i, 0, 0, [0x80, 0, 0, 0, 0, 0, 0, 1]).ToString("D");
                item["name"] = name;
                item["id"] = $"/subscriptions/{Subscription}/resourceGroups/rg{i}/providers/Microsoft.ManagedServices/registrationAssignments/{name}";
                if (state is null)
                {
                    item["properties"]!.AsObject().Remove("provisioningState");
                }
                else
                {
                    item["properties"]!["provisioningState"] = state;
                }

                items.Add(item);
                i++;
            }

            var read = Read(new JsonObject { ["value"] = items }.ToJsonString());
            var expected = states.Select((s, index) => (s, index)).Where(static x => string.Equals(x.s, "Succeeded", StringComparison.OrdinalIgnoreCase)).Select(static x => "rg" + x.index).ToList();
            return !read.HasErrors &&
                   read.Value.Select(static d => d.Scope.ResourceGroupName).SequenceEqual(expected) &&
                   read.Diagnostics.Count(static d => d.Code == DiagnosticCodes.RegistrationNotSucceeded) == states.Count - expected.Count;
        });
}
