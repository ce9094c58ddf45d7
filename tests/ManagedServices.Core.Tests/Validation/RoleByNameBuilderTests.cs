using ManagedServices.Offers;
using static ManagedServices.Tests.Validation.ValidationSamples;

namespace ManagedServices.Tests.Validation;

/// <summary>The role-by-name conveniences of <see cref="DelegationManifestBuilder"/>.</summary>
public class RoleByNameBuilderTests
{
    [Theory]
    [InlineData("Reader")]
    [InlineData("reader")]
    [InlineData("READER")]
    [InlineData("acdd72a7-3385-48ef-bd42-f606fba81ae7")]
    [InlineData("/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7")]
    public void AddAuthorization_RoleNameOrId_ResolvesTheBuiltInRole(string role)
    {
        var manifest = new DelegationManifestBuilder().WithManagingTenant(Tenant).AddAuthorization(Ops, role).Build();

        var authorization = Assert.Single(manifest.Authorizations);
        Assert.Equal(BuiltInRoleIds.Reader, authorization.RoleDefinitionId);
        Assert.Equal(Ops, authorization.Principal);
    }

    [Fact]
    public void AddAuthorization_MixedCaseLongName_Resolves()
    {
        var manifest = new DelegationManifestBuilder().WithManagingTenant(Tenant)
            .AddAuthorization(Ops, "managed services registration assignment delete role")
            .Build();

        Assert.Equal(BuiltInRoleIds.RegistrationAssignmentDelete, Assert.Single(manifest.Authorizations).RoleDefinitionId);
    }

    [Fact]
    public void AddEligibleAuthorization_RoleName_ResolvesAndKeepsPolicy()
    {
        var manifest = new DelegationManifestBuilder().WithManagingTenant(Tenant)
            .AddEligibleAuthorization(Alice, "Contributor", Policy)
            .AddEligibleAuthorization(Bob, "Monitoring Reader")
            .Build();

        Assert.Equal(BuiltInRoleIds.Contributor, manifest.EligibleAuthorizations[0].RoleDefinitionId);
        Assert.Equal(Policy, manifest.EligibleAuthorizations[0].JustInTimeAccessPolicy);
        Assert.Equal(JustInTimeAccessPolicy.Default, manifest.EligibleAuthorizations[1].JustInTimeAccessPolicy);
        Assert.Equal(MonitoringReader, manifest.EligibleAuthorizations[1].RoleDefinitionId);
    }

    [Fact]
    public void TryBuild_UnknownRoleName_ReportsMsc0006()
    {
        var result = new DelegationManifestBuilder().WithManagingTenant(Tenant)
            .AddAuthorization(Ops, "Reader")
            .AddAuthorization(Ops, "Super Reader")
            .AddEligibleAuthorization(Alice, "Contributr")
            .TryBuild();

        Assert.True(result.HasErrors);
        Assert.Collection(
            result.Diagnostics,
            d =>
            {
                Assert.Equal(DiagnosticCodes.UnknownRoleName, d.Code);
                Assert.Equal(DiagnosticSeverity.Error, d.Severity);
                Assert.Equal("authorizations", d.Path);
                Assert.Contains("'Super Reader'", d.Message, StringComparison.Ordinal);
            },
            d =>
            {
                Assert.Equal(DiagnosticCodes.UnknownRoleName, d.Code);
                Assert.Equal("eligibleAuthorizations", d.Path);
            });
    }

    [Fact]
    public void TryBuild_UnknownRoleNameInPlan_PathHasThePlanPrefix()
    {
        var result = new OfferBuilder().WithId("o").WithDisplayName("O").WithPublisher("p")
            .AddPlan(p => p.WithId("a").WithName("A").WithManifest(m => m.WithManagingTenant(Tenant).AddAuthorization(Ops, "nope")))
            .TryBuild();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("plans[0].manifest.authorizations", d.Path);
    }

    [Fact]
    public void AddAuthorization_NullArguments_Throw()
    {
        var builder = new DelegationManifestBuilder();
        Assert.Throws<ArgumentNullException>(() => builder.AddAuthorization(Ops, (string)null!));
        Assert.Throws<ArgumentNullException>(() => builder.AddAuthorization(null!, "Reader"));
        Assert.Throws<ArgumentNullException>(() => builder.AddEligibleAuthorization(Ops, (string)null!));
    }
}
