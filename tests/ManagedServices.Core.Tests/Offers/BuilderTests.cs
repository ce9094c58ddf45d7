using ManagedServices.Offers;

namespace ManagedServices.Tests.Offers;

public class BuilderTests
{
    private static readonly TenantId Tenant = TenantId.Parse("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40");
    private static readonly Principal Ops = Principal.Group(PrincipalId.Parse("0637db30-4b2d-4ab8-8f6d-5f0ab6e3afa6"), "Ops");

    [Fact]
    public void Manifest_WithoutTenant_ReportsRequiredValue()
    {
        var result = new DelegationManifestBuilder().TryBuild();
        Assert.Null(result.Value);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.RequiredValueMissing, "managingTenantId"), (d.Code, d.Path));
    }

    [Fact]
    public void Manifest_BadTenantAndVersion_ReportsBoth_AndBuildThrowsOnce()
    {
        var builder = new DelegationManifestBuilder().WithManagingTenant("contoso").WithVersion("1.0");
        var result = builder.TryBuild();
        Assert.Equal([DiagnosticCodes.InvalidGuid, DiagnosticCodes.InvalidManifestVersion], result.Diagnostics.Select(d => d.Code));
        var ex = Assert.Throws<DiagnosticsException>(builder.Build);
        Assert.Equal(2, ex.Diagnostics.Length);
        Assert.Contains("MSC0002", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_LaterValidInput_ClearsEarlierBadInput()
    {
        var builder = new DelegationManifestBuilder().WithManagingTenant("contoso").WithVersion("x");
        builder.WithManagingTenant(Tenant).WithVersion("2.0.1");
        var manifest = builder.Build();
        Assert.Equal(Tenant, manifest.ManagingTenantId);
        Assert.Equal(new ManifestVersion(2, 0, 1), manifest.Version);
    }

    [Fact]
    public void Offer_NestedProblems_CarryFullPaths()
    {
        var result = new OfferBuilder()
            .WithId("o").WithDisplayName("O").WithPublisher("p")
            .AddPlan(p => p.WithId("a").WithName("A").WithManifest(m => m.WithManagingTenant(Tenant)))
            .AddPlan(p => p.WithName("B").AddAudience("not-a-guid"))
            .TryBuild();
        Assert.True(result.HasErrors);
        Assert.Equal(
            ["plans[1].id", "plans[1].audience", "plans[1].manifest.managingTenantId"],
            result.Diagnostics.Select(d => d.Path));
    }

    [Fact]
    public void Offer_ToBuilder_Build_IsIdentity_AndBuildersAreIndependent()
    {
        var offer = new OfferBuilder()
            .WithId("o").WithDisplayName("O").WithPublisher("p")
            .AddPlan(p => p.WithId("a").WithName("A").AsPrivate(SubscriptionId.Parse("ed40e6c1-4292-4dd6-88f1-89e0da98d68b"))
                .WithManifest(m => m.WithManagingTenant(Tenant).AddAuthorization(Ops, BuiltInRoleIds.Reader)
                    .AddUserAccessAdministrator(Ops, BuiltInRoleIds.Contributor)
                    .AddEligibleAuthorization(Ops, BuiltInRoleIds.Contributor, new JustInTimeAccessPolicy { Approvers = [Ops] })))
            .Build();

        Assert.Equal(offer, offer.ToBuilder().Build());
        Assert.Equal(offer.GetHashCode(), offer.ToBuilder().Build().GetHashCode());

        var changed = offer.ToBuilder();
        changed.Plans[0].Manifest.AddAuthorization(Ops, BuiltInRoleIds.Contributor);
        Assert.NotEqual(offer, changed.Build());
        Assert.Equal(2, offer.Plans[0].Manifest.Authorizations.Length);
    }

    [Fact]
    public void Records_CompareArraysElementWise_AndPrintContents()
    {
        var a = new Authorization { Principal = Ops, RoleDefinitionId = BuiltInRoleIds.UserAccessAdministrator, DelegatedRoleDefinitionIds = [BuiltInRoleIds.Reader] };
        var b = new Authorization { Principal = Ops, RoleDefinitionId = BuiltInRoleIds.UserAccessAdministrator, DelegatedRoleDefinitionIds = [BuiltInRoleIds.Reader] };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Contains("acdd72a7-3385-48ef-bd42-f606fba81ae7", a.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(a, b with { DelegatedRoleDefinitionIds = [] });
        Assert.True((b with { DelegatedRoleDefinitionIds = default }).DelegatedRoleDefinitionIds.IsEmpty);
    }
}
