using System.Collections.Immutable;
using ManagedServices.Offers;
using ManagedServices.Validation;
using static ManagedServices.Tests.Validation.ValidationSamples;

namespace ManagedServices.Tests.Validation;

/// <summary>One failing and one passing input per validation rule.</summary>
public class OfferValidatorRuleTests
{
    private static readonly OfferValidator V = OfferValidator.Default;

    private static readonly RoleDefinition CustomRole = new()
    {
        Id = RoleDefinitionId.Parse("5c1e0d9b-7a6f-4e3d-8c2b-1a0f9e8d7c06"),
        Name = "Contoso Custom Reader",
        IsBuiltIn = false,
        Permissions = [new RolePermissionBlock { Actions = ["*/read"] }],
    };

    private static readonly Lazy<OfferValidator> WithCustomRole =
        new(() => new OfferValidator(RoleCatalog.Create(RoleCatalog.BuiltIn.Roles.Append(CustomRole))));

    private sealed record Case(
        string Code,
        DiagnosticSeverity Severity,
        Func<ValidationResult<DelegationManifest>> Failing,
        string? Path,
        Func<ValidationResult<DelegationManifest>> Passing);

    private static ValidationResult<DelegationManifest> M(Action<DelegationManifestBuilder> change, bool marketplace = false) =>
        V.Validate(Build(change), marketplace);

    /// <summary>A plan's or offer's result, with a stand-in value so that every case has one result type.</summary>
    private static ValidationResult<DelegationManifest> Diagnostics<T>(ValidationResult<T> result)
        where T : notnull =>
        new(Manifest().Build(), result.Diagnostics);

    private static ValidationResult<DelegationManifest> P(Action<PlanBuilder> change)
    {
        var plan = Plan();
        change(plan);
        return Diagnostics(V.Validate(plan.Build()));
    }

    private static ValidationResult<DelegationManifest> O(Action<OfferBuilder> change)
    {
        var offer = Offer();
        change(offer);
        return Diagnostics(V.Validate(offer.Build()));
    }

    private static JustInTimeAccessPolicy PolicyWith(Func<JustInTimeAccessPolicy, JustInTimeAccessPolicy> change) => change(Policy);

    private static ImmutableArray<Principal> Groups(int count) =>
        [.. Enumerable.Range(1, count).Select(i => Principal.Group(new PrincipalId(new Guid(i, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)), $"Approvers {i}"))];

    private static ImmutableArray<SubscriptionId> Subscriptions(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new SubscriptionId(new Guid(i, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)))];

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["owner"] = new(DiagnosticCodes.OwnerRoleNotAllowed, DiagnosticSeverity.Error,
            () => M(m => m.AddAuthorization(Ops, BuiltInRoleIds.Owner)), "authorizations[3].roleDefinitionId",
            () => M(m => m.AddAuthorization(Ops, BuiltInRoleIds.Contributor))),
        ["unknown role"] = new(DiagnosticCodes.UnknownRole, DiagnosticSeverity.Error,
            () => M(m => m.AddAuthorization(Ops, NotARole)), "authorizations[3].roleDefinitionId",
            () => M(m => m.AddAuthorization(Ops, MonitoringReader))),
        ["custom role"] = new(DiagnosticCodes.CustomRoleNotAllowed, DiagnosticSeverity.Error,
            () => WithCustomRole.Value.Validate(Build(m => m.AddAuthorization(Ops, CustomRole.Id))), "authorizations[3].roleDefinitionId",
            () => WithCustomRole.Value.Validate(Build(m => m.AddAuthorization(Ops, MonitoringReader)))),
        ["data actions"] = new(DiagnosticCodes.RoleHasDataActions, DiagnosticSeverity.Error,
            () => M(m => m.AddAuthorization(Ops, LogAnalyticsContributor)), "authorizations[3].roleDefinitionId",
            () => M(m => m.AddAuthorization(Ops, MonitoringReader))),
        ["restricted actions"] = new(DiagnosticCodes.RoleHasRestrictedActions, DiagnosticSeverity.Error,
            () => M(m => m.AddAuthorization(Ops, RbacAdministrator)), "authorizations[3].roleDefinitionId",
            () => M(m => m.AddAuthorization(Ops, BuiltInRoleIds.Contributor))),
        ["role with an abac condition"] = new(DiagnosticCodes.RoleHasCondition, DiagnosticSeverity.Warning,
            () => M(m => m.AddAuthorization(Ops, RoleDefinitionId.Parse("63342533-d951-495d-a3c3-a459aa02362b"))), "authorizations[3].roleDefinitionId",
            () => M(m => m.AddAuthorization(Ops, BuiltInRoleIds.Contributor))),
        ["uaa without delegated roles"] = new(DiagnosticCodes.UserAccessAdministratorWithoutDelegatedRoles, DiagnosticSeverity.Error,
            () => M(m => m.AddAuthorization(Ops, BuiltInRoleIds.UserAccessAdministrator)), "authorizations[3].delegatedRoleDefinitionIds",
            () => M(m => m.AddUserAccessAdministrator(Ops, BuiltInRoleIds.Contributor))),
        ["delegated role not allowed"] = new(DiagnosticCodes.DelegatedRoleNotAllowed, DiagnosticSeverity.Error,
            () => M(m => m.AddUserAccessAdministrator(Ops, BuiltInRoleIds.Contributor, BuiltInRoleIds.Owner)), "authorizations[3].delegatedRoleDefinitionIds[1]",
            () => M(m => m.AddUserAccessAdministrator(Ops, BuiltInRoleIds.Contributor, MonitoringReader))),
        ["delegated roles on non-uaa"] = new(DiagnosticCodes.DelegatedRolesOnNonUserAccessAdministrator, DiagnosticSeverity.Warning,
            () => M(m => m.AddAuthorization(new Authorization { Principal = Ops, RoleDefinitionId = BuiltInRoleIds.Contributor, DelegatedRoleDefinitionIds = [MonitoringReader] })),
            "authorizations[3].delegatedRoleDefinitionIds",
            () => M(m => m.AddAuthorization(Ops, BuiltInRoleIds.Contributor))),
        ["eligible service principal"] = new(DiagnosticCodes.EligibleServicePrincipal, DiagnosticSeverity.Error,
            () => M(m => m.AddEligibleAuthorization(Automation, BuiltInRoleIds.Contributor, Policy)), "eligibleAuthorizations[1].principalId",
            // Unknown kind (ARM templates do not record it): no diagnostic.
            () => M(m => m.AddEligibleAuthorization(Automation with { Kind = PrincipalKind.Unknown }, BuiltInRoleIds.Contributor, Policy))),
        ["eligible owner"] = new(DiagnosticCodes.EligibleRestrictedRole, DiagnosticSeverity.Error,
            () => M(m => m.AddEligibleAuthorization(Alice, BuiltInRoleIds.Owner, Policy)), "eligibleAuthorizations[1].roleDefinitionId",
            () => M(m => m.AddEligibleAuthorization(Alice, VirtualMachineContributor, Policy))),
        ["eligible uaa"] = new(DiagnosticCodes.EligibleRestrictedRole, DiagnosticSeverity.Error,
            () => M(m => m.AddEligibleAuthorization(Alice, BuiltInRoleIds.UserAccessAdministrator, Policy)), "eligibleAuthorizations[1].roleDefinitionId",
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, Policy))),
        ["eligible with delegated roles"] = new(DiagnosticCodes.EligibleWithDelegatedRoles, DiagnosticSeverity.Error,
            () => M(m => m.AddEligibleAuthorization(new EligibleAuthorization
            {
                Principal = Alice, RoleDefinitionId = MonitoringReader, JustInTimeAccessPolicy = Policy, DelegatedRoleDefinitionIds = [BuiltInRoleIds.Reader],
            })),
            "eligibleAuthorizations[1].delegatedRoleDefinitionIds",
            () => M(m => m.AddEligibleAuthorization(new EligibleAuthorization { Principal = Alice, RoleDefinitionId = MonitoringReader, JustInTimeAccessPolicy = Policy }))),
        ["activation too short"] = new(DiagnosticCodes.ActivationDurationOutOfRange, DiagnosticSeverity.Error,
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { MaximumActivationDuration = TimeSpan.FromMinutes(29) }))),
            "eligibleAuthorizations[1].justInTimeAccessPolicy.maximumActivationDuration",
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { MaximumActivationDuration = TimeSpan.FromMinutes(30) })))),
        ["activation too long"] = new(DiagnosticCodes.ActivationDurationOutOfRange, DiagnosticSeverity.Error,
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { MaximumActivationDuration = TimeSpan.FromHours(8.5) }))),
            "eligibleAuthorizations[1].justInTimeAccessPolicy.maximumActivationDuration",
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { MaximumActivationDuration = TimeSpan.FromHours(8) })))),
        ["too many approvers"] = new(DiagnosticCodes.TooManyApprovers, DiagnosticSeverity.Error,
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { Approvers = Groups(11) }))),
            "eligibleAuthorizations[1].justInTimeAccessPolicy.managedByTenantApprovers",
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { Approvers = Groups(10) })))),
        ["approver service principal"] = new(DiagnosticCodes.ApproverServicePrincipal, DiagnosticSeverity.Error,
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { Approvers = [Approvers, Automation] }))),
            "eligibleAuthorizations[1].justInTimeAccessPolicy.managedByTenantApprovers[1].principalId",
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { Approvers = [Approvers, Bob] })))),
        ["unknown mfa provider"] = new(DiagnosticCodes.UnknownMultiFactorAuthProvider, DiagnosticSeverity.Warning,
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { MultiFactorAuthProvider = "Phone" }))),
            "eligibleAuthorizations[1].justInTimeAccessPolicy.multiFactorAuthProvider",
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { MultiFactorAuthProvider = "azure" })))),
        ["inconsistent policies"] = new(DiagnosticCodes.InconsistentJustInTimePolicies, DiagnosticSeverity.Error,
            () => M(m => m.AddEligibleAuthorization(Ops, BuiltInRoleIds.Contributor, PolicyWith(p => p with { MaximumActivationDuration = TimeSpan.FromHours(4) }))),
            "eligibleAuthorizations[0].justInTimeAccessPolicy",
            () => M(m => m.AddEligibleAuthorization(Ops, BuiltInRoleIds.Contributor, PolicyWith(p => p with { Approvers = [Approvers] })))),
        ["eligible without reader"] = new(DiagnosticCodes.EligibleWithoutReaderAccess, DiagnosticSeverity.Warning,
            () => M(m => m.AddEligibleAuthorization(Bob, MonitoringReader, Policy)), "eligibleAuthorizations[1].principalId",
            () => M(m => m.AddAuthorization(Bob, MonitoringReader).AddEligibleAuthorization(Bob, BuiltInRoleIds.Contributor, Policy))),
        ["no permanent authorization"] = new(DiagnosticCodes.NoPermanentAuthorization, DiagnosticSeverity.Error,
            () => M(m => m.Authorizations.Clear()), "authorizations",
            () => M(m => m.Authorizations.RemoveRange(0, 2))),
        ["too many authorizations"] = new(DiagnosticCodes.TooManyAuthorizations, DiagnosticSeverity.Error,
            // 3 permanent + 1 eligible in the sample; 17 more make 21 (eligible ones count).
            () => M(m => m.Authorizations.AddRange(Enumerable.Range(0, 17).Select(i => new Authorization { Principal = Groups(17)[i], RoleDefinitionId = BuiltInRoleIds.Reader })), marketplace: true),
            "authorizations",
            () => M(m => m.Authorizations.AddRange(Enumerable.Range(0, 16).Select(i => new Authorization { Principal = Groups(16)[i], RoleDefinitionId = BuiltInRoleIds.Reader })), marketplace: true)),
        ["duplicate authorization"] = new(DiagnosticCodes.DuplicateAuthorization, DiagnosticSeverity.Warning,
            () => M(m => m.AddAuthorization(Ops with { DisplayName = "Ops again" }, BuiltInRoleIds.Reader)), "authorizations[3]",
            () => M(m => m.AddAuthorization(Ops, MonitoringReader))),
        ["duplicate eligible authorization"] = new(DiagnosticCodes.DuplicateEligibleAuthorization, DiagnosticSeverity.Warning,
            () => M(m => m.AddEligibleAuthorization(Alice, BuiltInRoleIds.Contributor, Policy)), "eligibleAuthorizations[1]",
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, Policy))),
        ["missing display name"] = new(DiagnosticCodes.MissingPrincipalDisplayName, DiagnosticSeverity.Warning,
            () => M(m => m.AddAuthorization(Ops with { DisplayName = " " }, MonitoringReader)), "authorizations[3].principalIdDisplayName",
            () => M(m => m.AddAuthorization(Ops, MonitoringReader))),
        ["missing eligible display name"] = new(DiagnosticCodes.MissingPrincipalDisplayName, DiagnosticSeverity.Warning,
            () => M(m => m.AddEligibleAuthorization(Alice with { DisplayName = null }, MonitoringReader, Policy)), "eligibleAuthorizations[1].principalIdDisplayName",
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, Policy))),
        ["no delete role"] = new(DiagnosticCodes.NoRegistrationAssignmentDeleteRole, DiagnosticSeverity.Warning,
            () => M(m => m.Authorizations.RemoveAt(1)), "authorizations",
            () => M(m => m.Authorizations.RemoveAt(0))),
        ["empty managing tenant"] = new(DiagnosticCodes.EmptyManagingTenant, DiagnosticSeverity.Error,
            () => M(m => m.WithManagingTenant(default(TenantId))), "managingTenantId",
            () => M(m => m.WithManagingTenant("00000000-0000-0000-0000-000000000001"))),
        ["empty principal"] = new(DiagnosticCodes.EmptyPrincipal, DiagnosticSeverity.Error,
            () => M(m => m.AddAuthorization(Principal.Group(default, "<insert group>"), MonitoringReader)), "authorizations[3].principalId",
            () => M(m => m.AddAuthorization(Principal.Group(PrincipalId.Parse("00000000-0000-0000-0000-000000000001"), "Group 1"), MonitoringReader))),
        ["empty eligible principal"] = new(DiagnosticCodes.EmptyPrincipal, DiagnosticSeverity.Error,
            () => M(m => m.AddEligibleAuthorization(Principal.User(default, "<insert user>"), MonitoringReader, Policy)), "eligibleAuthorizations[1].principalId",
            () => M(m => m.AddEligibleAuthorization(Bob, MonitoringReader, Policy))),
        ["empty approver"] = new(DiagnosticCodes.EmptyPrincipal, DiagnosticSeverity.Error,
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { Approvers = [Approvers, Principal.Group(default, "<insert approvers>")] }))),
            "eligibleAuthorizations[1].justInTimeAccessPolicy.managedByTenantApprovers[1].principalId",
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { Approvers = [Approvers, Bob] })))),
        ["display name conflict"] = new(DiagnosticCodes.PrincipalDisplayNameConflict, DiagnosticSeverity.Warning,
            () => M(m => m.AddAuthorization(Ops with { DisplayName = "Contoso Operations" }, MonitoringReader)), "authorizations[3].principalIdDisplayName",
            () => M(m => m.AddAuthorization(Ops, MonitoringReader))),
        ["approver display name conflict"] = new(DiagnosticCodes.PrincipalDisplayNameConflict, DiagnosticSeverity.Warning,
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { Approvers = [Ops with { DisplayName = "Ops approvers" }] }))),
            "eligibleAuthorizations[1].justInTimeAccessPolicy.managedByTenantApprovers[0].principalIdDisplayName",
            () => M(m => m.AddEligibleAuthorization(Alice, MonitoringReader, PolicyWith(p => p with { Approvers = [Ops with { DisplayName = null }] })))),
        ["offer id"] = new(DiagnosticCodes.InvalidOfferId, DiagnosticSeverity.Error,
            () => O(o => o.WithId("Contoso Managed")), "id",
            () => O(o => o.WithId("contoso_managed-2"))),
        ["offer id too long"] = new(DiagnosticCodes.InvalidOfferId, DiagnosticSeverity.Error,
            () => O(o => o.WithId(new string('a', 51))), "id",
            () => O(o => o.WithId(new string('a', 50)))),
        ["plan id"] = new(DiagnosticCodes.InvalidPlanId, DiagnosticSeverity.Error,
            () => O(o => o.AddPlan(Plan("gold!", "Gold").Build())), "plans[1].id",
            () => O(o => o.AddPlan(Plan("gold", "Gold").Build()))),
        ["plan name too long"] = new(DiagnosticCodes.InvalidPlanName, DiagnosticSeverity.Error,
            () => P(p => p.WithName(new string('n', 201))), "name",
            () => P(p => p.WithName(new string('n', 200)))),
        ["plan name blank"] = new(DiagnosticCodes.InvalidPlanName, DiagnosticSeverity.Error,
            () => P(p => p.WithName(" ")), "name",
            () => P(p => p.WithName("S"))),
        ["duplicate plan id"] = new(DiagnosticCodes.DuplicatePlanId, DiagnosticSeverity.Error,
            () => O(o => o.AddPlan(Plan("standard", "Gold").Build())), "plans[1].id",
            () => O(o => o.AddPlan(Plan("gold", "Gold").Build()))),
        ["duplicate plan name"] = new(DiagnosticCodes.DuplicatePlanName, DiagnosticSeverity.Error,
            () => O(o => o.AddPlan(Plan("gold", "STANDARD").Build())), "plans[1].name",
            () => O(o => o.AddPlan(Plan("gold", "Standard Plus").Build()))),
        ["offer without plans"] = new(DiagnosticCodes.OfferWithoutPlans, DiagnosticSeverity.Error,
            () => O(o => o.Plans.Clear()), "plans",
            () => O(_ => { })),
        ["private plan without audience"] = new(DiagnosticCodes.PrivatePlanWithoutAudience, DiagnosticSeverity.Error,
            () => P(p => p.AsPrivate()), "audience",
            () => P(p => p.AsPrivate(Subscriptions(1).AsSpan()))),
        ["audience too large"] = new(DiagnosticCodes.AudienceTooLarge, DiagnosticSeverity.Error,
            () => P(p => p.AsPrivate(Subscriptions(10_001).AsSpan())), "audience",
            () => P(p => p.AsPrivate(Subscriptions(10_000).AsSpan()))),
        ["public plan with audience"] = new(DiagnosticCodes.PublicPlanWithAudience, DiagnosticSeverity.Warning,
            () => P(p => p.AsPrivate(Subscriptions(1).AsSpan()).AsPublic()), "audience",
            () => P(p => p.AsPublic())),
        ["duplicate audience entry"] = new(DiagnosticCodes.DuplicateAudienceEntry, DiagnosticSeverity.Warning,
            () => P(p => p.AsPrivate([.. Subscriptions(3), Subscriptions(3)[1]])), "audience[3]",
            () => P(p => p.AsPrivate(Subscriptions(4).AsSpan()))),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Fact]
    public void Validate_Samples_AreValidWithoutWarnings()
    {
        foreach (var result in new[] { V.Validate(Manifest().Build()), V.Validate(Manifest().Build(), marketplace: true), Diagnostics(V.Validate(Plan().Build())), Diagnostics(V.Validate(Offer().Build())) })
        {
            Assert.True(!result.HasErrors && result.Warnings.IsEmpty, result.ToString());
            Assert.Empty(result.Diagnostics);
            Assert.False(result.HasErrors);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Validate_RuleBroken_ReportsCodeAtPath(string name)
    {
        var c = Cases[name];
        var result = c.Failing();
        var found = result.Diagnostics.Where(d => d.Code == c.Code).ToList();
        Assert.True(found.Count > 0, $"{c.Code} expected:{Environment.NewLine}{result}");
        Assert.All(found, d => Assert.Equal(c.Severity, d.Severity));
        Assert.Contains(c.Path, found.Select(d => d.Path));
        Assert.All(found, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
        Assert.Equal(c.Severity != DiagnosticSeverity.Error, !result.HasErrors);
        Assert.False(!result.HasErrors && result.Warnings.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Validate_RuleRespected_DoesNotReportCode(string name)
    {
        var c = Cases[name];
        var result = c.Passing();
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == c.Code);
    }

    [Fact]
    public void Cases_CoverEveryValidationCode()
    {
        var validationCodes = typeof(DiagnosticCodes).GetFields()
            .Where(f => f.IsLiteral && f.GetRawConstantValue() is string s && s.StartsWith("MSC1", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(code => code != DiagnosticCodes.UnknownOperation) // about a request's operation name, not an offer
            .ToHashSet();
        Assert.Empty(validationCodes.Except(Cases.Values.Select(c => c.Code)));
    }
}
