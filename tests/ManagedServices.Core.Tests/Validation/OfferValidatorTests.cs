using ManagedServices.Offers;
using ManagedServices.Validation;
using Xunit.Abstractions;
using static ManagedServices.Tests.Validation.ValidationSamples;

namespace ManagedServices.Tests.Validation;

/// <summary>Behaviour of <see cref="OfferValidator"/> beyond one-rule-at-a-time: paths, order, severities, decisions.</summary>
public class OfferValidatorTests(ITestOutputHelper output)
{
    private static readonly OfferValidator V = OfferValidator.Default;

    [Fact]
    public void Validate_Offer_PathsStartAtTheOffer()
    {
        var offer = Offer().AddPlan(Plan("gold", "Gold").WithManifest(m => m.AddAuthorization(Ops, BuiltInRoleIds.Owner)).Build()).Build();

        var result = V.Validate(offer);

        var owner = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.OwnerRoleNotAllowed, owner.Code);
        Assert.Equal("plans[1].manifest.authorizations[3].roleDefinitionId", owner.Path);
        Assert.Contains("This role cannot be an owner role", owner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DocsExample_ReportsTheEligibleOwner()
    {
        // The example of docs/validation.md.
        var ops = Principal.Group(PrincipalId.Parse("0f3b1f43-8d53-4c0e-9a64-2d0e8e5f4a01"), "Contoso Ops");
        var alice = Principal.User(PrincipalId.Parse("7d9d5f3e-3c1a-4e1b-8b7e-5a2c1d0e9f02"), "Alice (on-call)");
        var offer = new OfferBuilder()
            .WithId("contoso-managed-ops")
            .WithDisplayName("Contoso Managed Operations")
            .WithPublisher("contoso")
            .AddPlan(plan => plan
                .WithId("standard")
                .WithName("Standard")
                .WithManifest(m => m
                    .WithManagingTenant("6b1c7a7e-2f55-4a8a-9a0b-0c0d3c5e1f21")
                    .WithVersion("1.0.0")
                    .AddAuthorization(ops, "Reader")
                    .AddAuthorization(ops, "Managed Services Registration assignment Delete Role")
                    .AddAuthorization(alice, "Reader")
                    .AddEligibleAuthorization(alice, "Owner")))
            .Build();

        var result = OfferValidator.Default.Validate(offer);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "error MSC1010 plans[0].manifest.eligibleAuthorizations[0].roleDefinitionId: The role 'Owner' (8e3af657-a8ff-443c-a75c-2fe8c4bcb635) " +
            "cannot be eligible; the service reports: 'Restricted role definitions are '8e3af657-a8ff-443c-a75c-2fe8c4bcb635;18d7d88d-d35e-4fb5-a5c3-7773c20a72d9'.'",
            error.ToString());
    }

    [Fact]
    public void Validate_Plan_PathsStartAtThePlan()
    {
        var plan = Plan().WithManifest(m => m.AddAuthorization(Ops, RbacAdministrator)).Build();

        var error = Assert.Single(V.Validate(plan).Errors);

        Assert.Equal("manifest.authorizations[3].roleDefinitionId", error.Path);
    }

    [Fact]
    public void Validate_RestrictedRole_ListsTheRestrictedActions()
    {
        var error = Assert.Single(V.Validate(Build(m => m.AddAuthorization(Ops, RbacAdministrator))).Errors);

        Assert.Equal(DiagnosticCodes.RoleHasRestrictedActions, error.Code);
        Assert.Contains("Microsoft.Authorization/roleAssignments/write", error.Message, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Authorization/roleAssignments/delete", error.Message, StringComparison.Ordinal);
        Assert.Contains("because of restricted actions", error.Message, StringComparison.Ordinal);
        Assert.Contains("Role Based Access Control Administrator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DataActionRole_QuotesTheServiceRule()
    {
        var error = Assert.Single(V.Validate(Build(m => m.AddAuthorization(Ops, StorageBlobDataReader))).Errors);

        Assert.Equal(DiagnosticCodes.RoleHasDataActions, error.Code);
        Assert.Contains("without any data and notData actions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UserAccessAdministrator_IsNotReportedAsRestricted()
    {
        var result = V.Validate(Build(m => m.AddUserAccessAdministrator(Ops, BuiltInRoleIds.Contributor)));

        Assert.True(!result.HasErrors && result.Warnings.IsEmpty, result.ToString());
    }

    [Theory]
    [InlineData("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator and Owner")]
    [InlineData("00000000-0000-4000-8000-0000000000aa", "not in the role catalog")]
    [InlineData("92aaf0da-9dab-42b6-94a3-d43ce8d16293", "has data actions")]
    [InlineData("f58310d9-a9f6-439a-9e8d-f62e7b41a168", "restricted actions")]
    public void Validate_DelegatedRoleNotDelegable_ReportsWhy(string delegatedRole, string reason)
    {
        var result = V.Validate(Build(m => m.AddUserAccessAdministrator(Ops, BuiltInRoleIds.Contributor, RoleDefinitionId.Parse(delegatedRole))));

        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.DelegatedRoleNotAllowed, error.Code);
        Assert.Equal("authorizations[3].delegatedRoleDefinitionIds[1]", error.Path);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EligibleOwner_ReportsOnlyTheEligibleRule()
    {
        var result = V.Validate(Build(m => m.AddEligibleAuthorization(Alice, BuiltInRoleIds.Owner, Policy)));

        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.EligibleRestrictedRole, error.Code);
        Assert.Contains("Restricted role definitions are '8e3af657-a8ff-443c-a75c-2fe8c4bcb635;18d7d88d-d35e-4fb5-a5c3-7773c20a72d9'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EligibleRoleWithDataActions_AppliesTheRoleRules()
    {
        var result = V.Validate(Build(m => m.AddEligibleAuthorization(Alice, LogAnalyticsContributor, Policy)));

        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.RoleHasDataActions, error.Code);
        Assert.Equal("eligibleAuthorizations[1].roleDefinitionId", error.Path);
    }

    [Fact]
    public void Validate_ReaderPairing_NeedsEveryReadNotJustSome()
    {
        // Virtual Machine Contributor reads resource groups but is not Reader-level (no */read).
        var result = V.Validate(Build(m => m.AddAuthorization(Bob, VirtualMachineContributor).AddEligibleAuthorization(Bob, MonitoringReader, Policy)));

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(DiagnosticCodes.EligibleWithoutReaderAccess, warning.Code);
    }

    [Fact]
    public void Validate_ReaderPairing_UserAccessAdministratorDoesNotCount()
    {
        var result = V.Validate(Build(m => m.AddUserAccessAdministrator(Bob, BuiltInRoleIds.Contributor).AddEligibleAuthorization(Bob, MonitoringReader, Policy)));

        Assert.Contains(result.Warnings, d => d.Code == DiagnosticCodes.EligibleWithoutReaderAccess);
    }

    [Fact]
    public void Validate_ReaderPairing_ContributorCounts()
    {
        var result = V.Validate(Build(m => m.AddAuthorization(Bob, BuiltInRoleIds.Contributor).AddEligibleAuthorization(Bob, MonitoringReader, Policy)));

        Assert.True(!result.HasErrors && result.Warnings.IsEmpty, result.ToString());
    }

    [Fact]
    public void Validate_ManifestForArmOnboarding_HasNoAuthorizationLimit()
    {
        var many = Build(m => m.Authorizations.AddRange(Enumerable.Range(1, 30).Select(i =>
            new Authorization { Principal = Principal.Group(new PrincipalId(new Guid(i, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9)), "G"), RoleDefinitionId = BuiltInRoleIds.Reader })));

        Assert.Empty(V.Validate(many).Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info));
        var error = Assert.Single(V.Validate(many, marketplace: true).Errors);
        Assert.Equal(DiagnosticCodes.TooManyAuthorizations, error.Code);
        Assert.Contains("34 authorizations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InconsistentPolicies_ReportedOncePerRole()
    {
        var result = V.Validate(Build(m => m
            .AddEligibleAuthorization(Ops, BuiltInRoleIds.Contributor, Policy with { MaximumActivationDuration = TimeSpan.FromHours(1) })
            .AddEligibleAuthorization(Bob, BuiltInRoleIds.Contributor, Policy with { MaximumActivationDuration = TimeSpan.FromHours(3) })
            .AddAuthorization(Bob, BuiltInRoleIds.Reader)));

        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.InconsistentJustInTimePolicies, error.Code);
        Assert.Contains("3 different", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Diagnostics_FollowTheWalkOrder()
    {
        var manifest = new DelegationManifestBuilder()
            .WithManagingTenant(default(TenantId))
            .AddAuthorization(Principal.Group(Ops.Id), BuiltInRoleIds.Owner)
            .AddEligibleAuthorization(Automation, BuiltInRoleIds.Contributor)
            .Build();

        var result = V.Validate(manifest);
        output.WriteLine(result.ToString());

        Assert.Equal(
        [
            DiagnosticCodes.EmptyManagingTenant,
            DiagnosticCodes.MissingPrincipalDisplayName,
            DiagnosticCodes.OwnerRoleNotAllowed,
            DiagnosticCodes.EligibleServicePrincipal,
            DiagnosticCodes.EligibleWithoutReaderAccess,
            DiagnosticCodes.NoRegistrationAssignmentDeleteRole,
        ], result.Diagnostics.Select(d => d.Code));
        Assert.Equal(result.Diagnostics.Select(d => d.ToString()), V.Validate(manifest).Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Validate_ResultParts_AreConsistent()
    {
        var result = V.Validate(Build(m => m.AddAuthorization(Ops, BuiltInRoleIds.Owner).Authorizations.RemoveAt(1)));

        Assert.True(result.HasErrors);
        Assert.False(!result.HasErrors && result.Warnings.IsEmpty);
        Assert.Equal(result.Diagnostics.Length, result.Errors.Length + result.Warnings.Length);
        Assert.All(result.Errors, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.All(result.Warnings, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.StartsWith("1 error(s), 1 warning(s)", result.ToString(), StringComparison.Ordinal);
        Assert.Equal("valid", new ValidationResult<string>("v", []).ToString());
        Assert.Empty(new ValidationResult<string>("v", default).Diagnostics);
    }

    [Fact]
    public void Validate_Value_IsTheInput_AndGetValueOrThrowReturnsItOnlyWhenValid()
    {
        var valid = Build(m => m.AddUserAccessAdministrator(Ops, BuiltInRoleIds.Contributor));
        var invalid = Build(m => m.AddAuthorization(Ops, BuiltInRoleIds.Owner));

        Assert.Same(valid, V.Validate(valid).Value);
        Assert.Same(valid, V.Validate(valid).GetValueOrThrow());
        var result = V.Validate(invalid);
        Assert.Same(invalid, result.Value);
        Assert.Equal<Diagnostic>(result.Diagnostics, Assert.Throws<DiagnosticsException>(() => result.GetValueOrThrow()).Diagnostics);
        RegistrationDefinition[] definitions = [new() { Id = Guid.Empty, Name = "o", Manifest = valid }];
        Assert.Equal<RegistrationDefinition>(definitions, V.Validate(definitions).GetValueOrThrow());
    }

    [Fact]
    public void Validate_Info_DoesNotAffectValidity()
    {
        var result = new ValidationResult<string>("v", [new Diagnostic { Code = "MSC9999", Severity = DiagnosticSeverity.Info, Message = "note" }]);

        Assert.False(result.HasErrors);
        Assert.True(!result.HasErrors && result.Warnings.IsEmpty);
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Validate_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => V.Validate((Offer)null!));
        Assert.Throws<ArgumentNullException>(() => V.Validate((Plan)null!));
        Assert.Throws<ArgumentNullException>(() => V.Validate((DelegationManifest)null!));
    }

    [Fact]
    public void Constructor_WithoutCatalog_UsesBuiltIn()
    {
        Assert.Same(RoleCatalog.BuiltIn, new OfferValidator().Catalog);
        Assert.Same(RoleCatalog.BuiltIn, OfferValidator.Default.Catalog);
    }

    [Fact]
    public void BuiltInCatalog_Has578DelegableRolesPlusUserAccessAdministrator()
    {
        var catalog = RoleCatalog.BuiltIn;
        var delegable = catalog.Roles.Where(r => catalog.GetDelegability(r.Id)!.IsDelegable).ToList();
        var special = catalog.Roles.Where(r => catalog.GetDelegability(r.Id)!.RequiresDelegatedRoles).ToList();
        output.WriteLine($"{catalog.Count} built-in roles; {delegable.Count} delegable; special case: {string.Join(", ", special.Select(r => r.Name))}");

        Assert.Equal(578, delegable.Count);
        var uaa = Assert.Single(special);
        Assert.Equal(BuiltInRoleIds.UserAccessAdministrator, uaa.Id);
        Assert.DoesNotContain(delegable, r => r.Id == BuiltInRoleIds.Owner);
    }

    [Fact]
    public void Validate_EveryDelegableBuiltInRole_IsAccepted()
    {
        var catalog = RoleCatalog.BuiltIn;
        var builder = Manifest();
        foreach (var role in catalog.Roles.Where(r => catalog.GetDelegability(r.Id)!.IsDelegable))
        {
            builder.AddAuthorization(Ops, role.Id);
        }

        var result = V.Validate(builder.Build());

        Assert.False(result.HasErrors, result.ToString());
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("contoso-managed_ops-2", true)]
    [InlineData("", false)]
    [InlineData("Contoso", false)]
    [InlineData("con toso", false)]
    [InlineData("contoso.ops", false)]
    [InlineData("contosö", false)]
    public void IsValidIdentifier_FollowsPartnerCenterRule(string id, bool valid) =>
        Assert.Equal(valid, OfferValidator.IsValidIdentifier(id));
}

/// <summary>Collections above the scan threshold (hash-based repeat checks) give the same findings as small ones.</summary>
public class OfferValidatorLargeCollectionTests
{
    private static Principal Group(int i) => Principal.Group(new PrincipalId(new Guid(i, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5)), "Group " + i);

    [Fact]
    public void Validate_ManyAuthorizations_FindsDuplicates()
    {
        var manifest = Build(m =>
        {
            m.Authorizations.AddRange(Enumerable.Range(0, 40).Select(i => new Authorization { Principal = Group(i), RoleDefinitionId = BuiltInRoleIds.Reader }));
            m.AddAuthorization(Group(7), BuiltInRoleIds.Reader);
            m.EligibleAuthorizations.AddRange(Enumerable.Range(0, 40).Select(i => new EligibleAuthorization
            {
                Principal = Group(i), RoleDefinitionId = MonitoringReader, JustInTimeAccessPolicy = Policy,
            }));
            m.AddEligibleAuthorization(Group(8), MonitoringReader, Policy with { MaximumActivationDuration = TimeSpan.FromHours(1) });
        });

        var result = OfferValidator.Default.Validate(manifest);

        Assert.Equal(
            [
                (DiagnosticCodes.InconsistentJustInTimePolicies, "eligibleAuthorizations[1].justInTimeAccessPolicy"),
                (DiagnosticCodes.DuplicateAuthorization, "authorizations[43]"),
                (DiagnosticCodes.DuplicateEligibleAuthorization, "eligibleAuthorizations[41]"),
            ],
            result.Diagnostics.Select(d => (d.Code, d.Path)));
    }

    [Fact]
    public void Validate_LargeAudience_FindsDuplicates()
    {
        var audience = Enumerable.Range(0, 40).Select(i => new SubscriptionId(new Guid(i, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6))).ToList();
        audience.Add(audience[12]);
        var plan = Plan().AsPrivate([.. audience]).Build();

        var warning = Assert.Single(OfferValidator.Default.Validate(plan).Diagnostics);

        Assert.Equal(DiagnosticCodes.DuplicateAudienceEntry, warning.Code);
        Assert.Equal("audience[40]", warning.Path);
    }
}
