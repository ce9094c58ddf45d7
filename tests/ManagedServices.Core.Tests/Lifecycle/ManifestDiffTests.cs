using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Lifecycle;
using ManagedServices.Offers;
using static ManagedServices.Tests.Lifecycle.LifecycleArbitraries;

namespace ManagedServices.Tests.Lifecycle;

public class ManifestDiffTests
{
    private static readonly Principal Ops = Principals[0];
    private static readonly Principal Alice = Principals[1];

    private static DelegationManifest Manifest(Action<DelegationManifestBuilder> configure, string version = "1.0.0")
    {
        var builder = new DelegationManifestBuilder().WithManagingTenant(ManagingTenant).WithVersion(version);
        configure(builder);
        return builder.Build();
    }

    private static JustInTimeAccessPolicy Policy(bool mfa = true, int hours = 4, params Principal[] approvers) => new()
    {
        MultiFactorAuthProvider = mfa ? MultiFactorAuthProvider.Azure : MultiFactorAuthProvider.None,
        MaximumActivationDuration = TimeSpan.FromHours(hours),
        Approvers = [.. approvers],
    };

    [Fact]
    public void Compare_SameManifest_IsEmpty()
    {
        var m = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader).AddEligibleAuthorization(Alice, BuiltInRoleIds.Contributor, Policy()));
        var diff = ManifestDiff.Compare(m, m);
        Assert.True(diff.IsEmpty);
        Assert.False(diff.WidensAccess);
        Assert.Null(diff.HighestSeverity);
        Assert.Contains("No changes.", diff.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_OnlyVersionDiffers_IsEmpty()
    {
        var a = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader));
        var b2 = a with { Version = new ManifestVersion(1, 1, 0) };
        Assert.True(ManifestDiff.Compare(a, b2).IsEmpty);
    }

    [Fact]
    public void Compare_ReaderReplacedByContributor_FlagsRoleAndRolePermissionsAsHigh()
    {
        var a = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader));
        var b2 = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Contributor), "1.1.0");
        var diff = ManifestDiff.Compare(a, b2);

        Assert.Equal(2, diff.Authorizations.Length);
        Assert.Contains(diff.Authorizations, c => c.Kind == ManifestChangeKind.Added && c.RoleDefinitionId == BuiltInRoleIds.Contributor && c.RoleName == "Contributor");
        Assert.Contains(diff.Authorizations, c => c.Kind == ManifestChangeKind.Removed && c.RoleDefinitionId == BuiltInRoleIds.Reader);
        var replacement = Assert.Single(diff.Widenings, c => c.Rule == AccessChangeRule.RolePermissions);
        Assert.Equal(AccessChangeSeverity.High, replacement.Severity);
        Assert.Equal(BuiltInRoleIds.Contributor, replacement.RoleDefinitionId);
        Assert.Equal(BuiltInRoleIds.Reader, replacement.RelatedRoleDefinitionId);
        Assert.Contains(diff.Widenings, c => c.Rule == AccessChangeRule.Role && c.Severity == AccessChangeSeverity.High);
        Assert.DoesNotContain(diff.Narrowings, c => c.Rule == AccessChangeRule.RolePermissions); // Reader ⊆ Contributor
        Assert.Equal(AccessChangeSeverity.High, diff.HighestSeverity);
    }

    [Fact]
    public void Compare_ContributorReplacedByReader_OnlyNarrows()
    {
        var a = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Contributor));
        var b2 = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader));
        var diff = ManifestDiff.Compare(a, b2);
        Assert.Contains(diff.Narrowings, c => c.Rule == AccessChangeRule.RolePermissions);
        Assert.Empty(diff.Widenings); // Reader was covered by Contributor: gaining it grants nothing new
        Assert.False(diff.WidensAccess);
    }

    [Fact]
    public void Compare_CoveredRoleAdded_IsNoChangeUnlessLighthouseTreatsItSpecially()
    {
        var a = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Contributor));
        var b2 = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Contributor).AddAuthorization(Ops, BuiltInRoleIds.Reader));
        Assert.Empty(ManifestDiff.Compare(a, b2).AccessChanges);
        Assert.Empty(ManifestDiff.Compare(b2, a).AccessChanges); // symmetric: losing a covered role is no change either

        // Contributor's * covers the Registration Assignment Delete Role's actions, but Lighthouse grants the delete only through that role.
        var c = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Contributor).AddAuthorization(Ops, BuiltInRoleIds.RegistrationAssignmentDelete));
        Assert.True(ManifestDiff.Compare(a, c).WidensAccess);

        // Owner grants nothing through a delegation, so it covers nothing there.
        var owner = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Owner));
        var ownerAndReader = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Owner).AddAuthorization(Ops, BuiltInRoleIds.Reader));
        Assert.True(ManifestDiff.Compare(owner, ownerAndReader).WidensAccess);
    }

    [Fact]
    public void Compare_NewPrincipal_FlagsPrincipal()
    {
        var a = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader));
        var b2 = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader).AddAuthorization(Alice, BuiltInRoleIds.Reader));
        var diff = ManifestDiff.Compare(a, b2);
        var flag = Assert.Single(diff.Widenings, c => c.Rule == AccessChangeRule.Principal);
        Assert.Equal(Alice.Id, flag.PrincipalId);
        Assert.Equal(AccessChangeSeverity.High, flag.Severity);
        Assert.Contains("'Alice'", flag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_EligibleTurnedPermanent_FlagsAccessTypeOnly()
    {
        var a = Manifest(b => b.AddAuthorization(Alice, BuiltInRoleIds.Reader).AddEligibleAuthorization(Alice, BuiltInRoleIds.Contributor, Policy()));
        var b2 = Manifest(b => b.AddAuthorization(Alice, BuiltInRoleIds.Reader).AddAuthorization(Alice, BuiltInRoleIds.Contributor));
        var diff = ManifestDiff.Compare(a, b2);
        var flag = Assert.Single(diff.Widenings);
        Assert.Equal(AccessChangeRule.AccessType, flag.Rule);
        Assert.Equal(AccessChangeSeverity.High, flag.Severity);
        Assert.Single(diff.Authorizations);
        Assert.Single(diff.EligibleAuthorizations);
    }

    [Fact]
    public void Compare_MfaDropped_FlagsMultiFactorAuth()
    {
        var a = Manifest(b => b.AddEligibleAuthorization(Alice, BuiltInRoleIds.Contributor, Policy(mfa: true)));
        var b2 = Manifest(b => b.AddEligibleAuthorization(Alice, BuiltInRoleIds.Contributor, Policy(mfa: false)));
        var diff = ManifestDiff.Compare(a, b2);
        var change = Assert.Single(diff.EligibleAuthorizations);
        Assert.Equal(ManifestChangeKind.Changed, change.Kind);
        var flag = Assert.Single(diff.AccessChanges);
        Assert.Equal((AccessChangeRule.MultiFactorAuth, AccessChangeDirection.Widening, true), (flag.Rule, flag.Direction, flag.IsEligible));
        Assert.Contains("policy (MFA Azure", diff.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_LongerDuration_FlagsMaximumActivationDuration()
    {
        var a = Manifest(b => b.AddEligibleAuthorization(Alice, BuiltInRoleIds.Contributor, Policy(hours: 1)));
        var b2 = Manifest(b => b.AddEligibleAuthorization(Alice, BuiltInRoleIds.Contributor, Policy(hours: 8)));
        var flag = Assert.Single(ManifestDiff.Compare(a, b2).AccessChanges);
        Assert.Equal(AccessChangeRule.MaximumActivationDuration, flag.Rule);
        Assert.Contains("PT1H to PT8H", flag.Message, StringComparison.Ordinal);
        Assert.Equal(AccessChangeDirection.Narrowing, Assert.Single(ManifestDiff.Compare(b2, a).AccessChanges).Direction);
    }

    [Fact]
    public void Compare_ApproversRemoved_FlagsEachApprover_HighWhenNoneLeft()
    {
        var a = Manifest(b => b.AddEligibleAuthorization(Alice, BuiltInRoleIds.Contributor, Policy(approvers: [Approvers[0], Approvers[1]])));
        var some = Manifest(b => b.AddEligibleAuthorization(Alice, BuiltInRoleIds.Contributor, Policy(approvers: [Approvers[0]])));
        var none = Manifest(b => b.AddEligibleAuthorization(Alice, BuiltInRoleIds.Contributor, Policy()));

        var one = Assert.Single(ManifestDiff.Compare(a, some).AccessChanges);
        Assert.Equal((AccessChangeRule.Approver, AccessChangeSeverity.Low, Approvers[1].Id), (one.Rule, one.Severity, one.RelatedPrincipalId!.Value));
        var all = ManifestDiff.Compare(a, none).Widenings;
        Assert.Equal(2, all.Length);
        Assert.All(all, c => Assert.Equal(AccessChangeSeverity.High, c.Severity));
    }

    [Fact]
    public void Compare_UaaDelegatedRoleAdded_FlagsDelegatedRole()
    {
        var a = Manifest(b => b.AddUserAccessAdministrator(Ops, MonitoringContributor));
        var b2 = Manifest(b => b.AddUserAccessAdministrator(Ops, MonitoringContributor, BuiltInRoleIds.Contributor));
        var diff = ManifestDiff.Compare(a, b2);
        var flag = Assert.Single(diff.AccessChanges);
        Assert.Equal((AccessChangeRule.DelegatedRole, AccessChangeDirection.Widening, BuiltInRoleIds.Contributor),
            (flag.Rule, flag.Direction, flag.RelatedRoleDefinitionId!.Value));
        Assert.Contains("delegated roles", diff.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NewUaaAuthorization_FlagsRoleAndEveryDelegatedRole()
    {
        var a = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader));
        var b2 = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader).AddUserAccessAdministrator(Ops, MonitoringContributor, BuiltInRoleIds.Reader));
        var diff = ManifestDiff.Compare(a, b2);
        Assert.Equal(2, diff.Widenings.Count(c => c.Rule == AccessChangeRule.DelegatedRole));
        Assert.Contains(diff.Widenings, c => c.Rule == AccessChangeRule.Role && c.RoleDefinitionId == BuiltInRoleIds.UserAccessAdministrator);
    }

    [Fact]
    public void Compare_ManagingTenantChanged_IsCriticalBothWays()
    {
        var a = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader));
        var b2 = a with { ManagingTenantId = OtherManagingTenant };
        foreach (var diff in new[] { ManifestDiff.Compare(a, b2), ManifestDiff.Compare(b2, a) })
        {
            var flag = Assert.Single(diff.AccessChanges);
            Assert.Equal((AccessChangeRule.ManagingTenant, AccessChangeDirection.Widening, AccessChangeSeverity.Critical), (flag.Rule, flag.Direction, flag.Severity));
            Assert.False(diff.IsEmpty);
        }
    }

    [Fact]
    public void Compare_NewEligibleRole_IsMediumUnlessCovered()
    {
        var a = Manifest(b => b.AddAuthorization(Alice, BuiltInRoleIds.Reader));
        var b2 = Manifest(b => b.AddAuthorization(Alice, BuiltInRoleIds.Reader).AddEligibleAuthorization(Alice, BuiltInRoleIds.Contributor, Policy()));
        var flag = Assert.Single(ManifestDiff.Compare(a, b2).AccessChanges);
        Assert.Equal((AccessChangeRule.Role, AccessChangeSeverity.Medium, true), (flag.Rule, flag.Severity, flag.IsEligible));

        var c = Manifest(b => b.AddAuthorization(Alice, BuiltInRoleIds.Contributor));
        var d = Manifest(b => b.AddAuthorization(Alice, BuiltInRoleIds.Contributor).AddEligibleAuthorization(Alice, BuiltInRoleIds.Reader, Policy()));
        Assert.Equal(AccessChangeSeverity.Low, Assert.Single(ManifestDiff.Compare(c, d).AccessChanges).Severity);
    }

    [Fact]
    public void Compare_DisplayNameChanged_IsChangeWithoutFlag()
    {
        var a = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader));
        var b2 = Manifest(b => b.AddAuthorization(Ops with { DisplayName = "Ops team" }, BuiltInRoleIds.Reader));
        var diff = ManifestDiff.Compare(a, b2);
        Assert.Equal(ManifestChangeKind.Changed, Assert.Single(diff.Authorizations).Kind);
        Assert.Empty(diff.AccessChanges);
        Assert.False(diff.IsEmpty);
        Assert.Contains("display name 'Operators' -> 'Ops team'", diff.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_ReaderToContributor_HasStableShape()
    {
        var a = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader));
        var b2 = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Contributor), "1.1.0");
        using var doc = JsonDocument.Parse(ManifestDiff.Compare(a, b2).ToJson());
        var root = doc.RootElement;
        Assert.Equal("1.0.0", root.GetProperty("oldVersion").GetString());
        Assert.Equal("1.1.0", root.GetProperty("newVersion").GetString());
        Assert.True(root.GetProperty("widensAccess").GetBoolean());
        Assert.Equal("high", root.GetProperty("highestSeverity").GetString());
        var added = root.GetProperty("authorizations").EnumerateArray().Single(e => e.GetProperty("change").GetString() == "added");
        Assert.Equal(JsonValueKind.Null, added.GetProperty("old").ValueKind);
        Assert.Equal("Contributor", added.GetProperty("roleName").GetString());
        Assert.Contains(root.GetProperty("accessChanges").EnumerateArray(),
            e => e.GetProperty("rule").GetString() == "rolePermissions" && e.GetProperty("direction").GetString() == "widening" &&
                 e.GetProperty("relatedRoleDefinitionId").GetString() == BuiltInRoleIds.Reader.ToString());
    }

    [Fact]
    public void ToJsonAndToText_EligibleDelegatedRolesChanged_ShowBothSides()
    {
        // Equality of an eligible authorization compares its delegated roles, so a change in them alone is a "changed"
        // entry; both renderings must show what changed (the JSON once wrote the same object on both sides).
        EligibleAuthorization Uaa(params RoleDefinitionId[] delegated) => new()
        {
            Principal = Ops,
            RoleDefinitionId = BuiltInRoleIds.UserAccessAdministrator,
            JustInTimeAccessPolicy = Policy(),
            DelegatedRoleDefinitionIds = [.. delegated],
        };
        var a = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader).AddEligibleAuthorization(Uaa(MonitoringContributor)));
        var b2 = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader).AddEligibleAuthorization(Uaa(MonitoringContributor, BuiltInRoleIds.Reader)));
        var diff = ManifestDiff.Compare(a, b2);

        using var doc = JsonDocument.Parse(diff.ToJson());
        var changed = Assert.Single(doc.RootElement.GetProperty("eligibleAuthorizations").EnumerateArray());
        Assert.Equal("changed", changed.GetProperty("change").GetString());
        Assert.Equal(1, changed.GetProperty("old").GetProperty("delegatedRoleDefinitionIds").GetArrayLength());
        Assert.Equal(2, changed.GetProperty("new").GetProperty("delegatedRoleDefinitionIds").GetArrayLength());
        Assert.NotEqual(changed.GetProperty("old").GetRawText(), changed.GetProperty("new").GetRawText());
        Assert.Contains($"delegated roles [{MonitoringContributor}] -> [{MonitoringContributor}, {BuiltInRoleIds.Reader}]", diff.ToText(), StringComparison.Ordinal);

        var added = ManifestDiff.Compare(Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader)), b2);
        Assert.Contains($" delegated roles [{MonitoringContributor}, {BuiltInRoleIds.Reader}]", added.ToText(), StringComparison.Ordinal);
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(LifecycleArbitraries)], MaxTest = 200)]
    public void ToJson_ChangedEntries_ShowDifferentSides(DelegationManifest a, DelegationManifest b)
    {
        using var doc = JsonDocument.Parse(ManifestDiff.Compare(a, b).ToJson());
        var changed = doc.RootElement.GetProperty("authorizations").EnumerateArray()
            .Concat(doc.RootElement.GetProperty("eligibleAuthorizations").EnumerateArray())
            .Where(e => e.GetProperty("change").GetString() == "changed");
        Assert.All(changed, e => Assert.NotEqual(e.GetProperty("old").GetRawText(), e.GetProperty("new").GetRawText()));
    }

    [Fact]
    public void ToText_ListsChangesAndFlags()
    {
        var a = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Reader));
        var b2 = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Contributor).AddEligibleAuthorization(Alice, BuiltInRoleIds.Contributor, Policy()), "1.1.0");
        var text = ManifestDiff.Compare(a, b2).ToText();
        Assert.Contains("Manifest 1.0.0 -> 1.1.0", text, StringComparison.Ordinal);
        Assert.Contains("  + 'Operators' (a0000000-0000-0000-0000-000000000001) Contributor", text, StringComparison.Ordinal);
        Assert.Contains("  - 'Operators'", text, StringComparison.Ordinal);
        Assert.Contains("Eligible authorizations:", text, StringComparison.Ordinal);
        Assert.Contains("! high    rolePermissions:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_UnknownRole_IsReportedAsWidening()
    {
        var unknown = RoleDefinitionId.Parse("c0000000-0000-0000-0000-000000000001");
        var a = Manifest(b => b.AddAuthorization(Ops, BuiltInRoleIds.Contributor));
        var b2 = Manifest(b => b.AddAuthorization(Ops, unknown));
        Assert.Contains(ManifestDiff.Compare(a, b2).Widenings, c => c.Rule == AccessChangeRule.RolePermissions);
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(LifecycleArbitraries)], MaxTest = 200)]
    public bool Compare_WithItself_IsEmpty(DelegationManifest m) => ManifestDiff.Compare(m, m).IsEmpty;

    [FsCheck.Xunit.Property(Arbitrary = [typeof(LifecycleArbitraries)], MaxTest = 300)]
    public void Compare_Widenings_AreExactlyReverseNarrowings(DelegationManifest a, DelegationManifest b)
    {
        var forward = ManifestDiff.Compare(a, b).Widenings.Where(c => c.Rule != AccessChangeRule.ManagingTenant).Select(Key).Order().ToList();
        var backward = ManifestDiff.Compare(b, a).Narrowings.Select(Key).Order().ToList();
        Assert.Equal(forward, backward);
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(LifecycleArbitraries)], MaxTest = 300)]
    public void Compare_AddedEntries_AreReverseRemovedEntries(DelegationManifest a, DelegationManifest b)
    {
        var forward = ManifestDiff.Compare(a, b);
        var backward = ManifestDiff.Compare(b, a);
        Assert.Equal(
            forward.Authorizations.Where(c => c.Kind == ManifestChangeKind.Added).Select(c => (c.PrincipalId, c.RoleDefinitionId)),
            backward.Authorizations.Where(c => c.Kind == ManifestChangeKind.Removed).Select(c => (c.PrincipalId, c.RoleDefinitionId)));
        Assert.Equal(
            forward.EligibleAuthorizations.Where(c => c.Kind == ManifestChangeKind.Changed).Select(c => (c.PrincipalId, c.RoleDefinitionId)),
            backward.EligibleAuthorizations.Where(c => c.Kind == ManifestChangeKind.Changed).Select(c => (c.PrincipalId, c.RoleDefinitionId)));
        Assert.Equal(forward.IsEmpty, backward.IsEmpty);
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(LifecycleArbitraries)], MaxTest = 100)]
    public void ToJson_AnyDiff_IsValidJsonWithOneEntryPerChange(DelegationManifest a, DelegationManifest b)
    {
        var diff = ManifestDiff.Compare(a, b);
        using var doc = JsonDocument.Parse(diff.ToJson());
        Assert.Equal(diff.Authorizations.Length, doc.RootElement.GetProperty("authorizations").GetArrayLength());
        Assert.Equal(diff.EligibleAuthorizations.Length, doc.RootElement.GetProperty("eligibleAuthorizations").GetArrayLength());
        Assert.Equal(diff.AccessChanges.Length, doc.RootElement.GetProperty("accessChanges").GetArrayLength());
        Assert.NotEmpty(diff.ToText());
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(LifecycleArbitraries)], MaxTest = 100)]
    public void Compare_SameInputs_GiveEqualValues(DelegationManifest a, DelegationManifest b)
    {
        var x = ManifestDiff.Compare(a, b);
        var y = ManifestDiff.Compare(a, b);
        Assert.Equal(x, y);
        Assert.Equal(x.GetHashCode(), y.GetHashCode());
    }

    // The rule, subject and (for role replacements) the unordered pair of roles; severity is not symmetric by design.
    private static string Key(AccessChange c)
    {
        var (role, related) = c.Rule == AccessChangeRule.RolePermissions && c.Direction == AccessChangeDirection.Narrowing
            ? (c.RelatedRoleDefinitionId, c.RoleDefinitionId)
            : (c.RoleDefinitionId, c.RelatedRoleDefinitionId);
        return $"{c.Rule}|{c.PrincipalId}|{role}|{c.IsEligible}|{related}|{c.RelatedPrincipalId}";
    }
}
