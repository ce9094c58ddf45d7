using System.Collections.Immutable;
using FsCheck.Xunit;
using ManagedServices.Lifecycle;
using ManagedServices.Offers;
using ManagedServices.Operations;
using ManagedServices.Reporting;
using ManagedServices.Tests.Lifecycle;
using static ManagedServices.Tests.Reporting.ReportFixtures;

namespace ManagedServices.Tests.Reporting;

public class DiffReportTests
{
    private static DelegationManifest Manifest(IEnumerable<Authorization> permanent, IEnumerable<EligibleAuthorization>? eligible = null) => new()
    {
        ManagingTenantId = Provider,
        Authorizations = [.. permanent],
        EligibleAuthorizations = [.. eligible ?? []],
    };

    [Fact]
    public void ReaderGainsContributor_ExamplesAreChangesContributorGrantsAndReaderDidNot()
    {
        var report = DiffReport.Compare(
            Manifest([Permanent(Alice, BuiltInRoleIds.Reader)]),
            Manifest([Permanent(Alice, BuiltInRoleIds.Reader), Permanent(Alice, BuiltInRoleIds.Contributor)]));

        Assert.True(report.WidensAccess);
        var n = Assert.Single(report.NewlyGranted);
        Assert.Equal((Alice.Id, BuiltInRoleIds.Contributor, false), (n.PrincipalId, n.RoleDefinitionId, n.IsEligible));
        Assert.Equal("Contributor", n.RoleName);
        Assert.Equal(5, n.Examples.Length);
        Assert.True(n.Count > 1000, n.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AssertExamplesAreNew(n, [BuiltInRoleIds.Reader]);
        Assert.All(n.Examples, static op => Assert.Matches("/(write|delete|action)\\z", op));
    }

    [Fact]
    public void DeleteRoleAdded_NewlyGrantsTheAssignmentDelete_ContributorNeverDoes()
    {
        var report = DiffReport.Compare(
            Manifest([Permanent(Alice, BuiltInRoleIds.Reader)]),
            Manifest([Permanent(Alice, BuiltInRoleIds.Reader), Permanent(Operators, BuiltInRoleIds.RegistrationAssignmentDelete), Permanent(Operators, BuiltInRoleIds.Contributor)]));

        var delete = report.NewlyGranted.Single(static n => n.RoleDefinitionId == BuiltInRoleIds.RegistrationAssignmentDelete);
        Assert.Contains("Microsoft.ManagedServices/registrationAssignments/delete", delete.Examples, StringComparer.OrdinalIgnoreCase);
        var contributor = report.NewlyGranted.Single(static n => n.RoleDefinitionId == BuiltInRoleIds.Contributor);
        Assert.DoesNotContain(contributor.Examples, static op => op.StartsWith("Microsoft.ManagedServices/registration", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void EligibleTurnsPermanent_ThePermanentRoleIsNew()
    {
        var report = DiffReport.Compare(
            Manifest([Permanent(Alice, BuiltInRoleIds.Reader)], [Eligible(Alice, BuiltInRoleIds.Contributor)]),
            Manifest([Permanent(Alice, BuiltInRoleIds.Reader), Permanent(Alice, BuiltInRoleIds.Contributor)]));

        var n = Assert.Single(report.NewlyGranted);
        Assert.False(n.IsEligible);
        Assert.NotEmpty(n.Examples);
        Assert.Contains("| high | accessType |", report.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Narrowing_HasNoExamples_AndSaysSo()
    {
        var report = DiffReport.Compare(
            Manifest([Permanent(Alice, BuiltInRoleIds.Reader), Permanent(Alice, BuiltInRoleIds.Contributor)]),
            Manifest([Permanent(Alice, BuiltInRoleIds.Reader)]));

        var markdown = report.ToMarkdown();
        Assert.True(markdown.Contains("This change does not widen the managing tenant's access.", StringComparison.Ordinal), markdown);
        Assert.Contains("## Narrowing", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("## Widening", markdown, StringComparison.Ordinal);
        Assert.Empty(report.NewlyGranted);
    }

    [Fact]
    public void CoveredRole_IsNoWidening_AndNewlyGrantsNothing()
    {
        // Contributor replaced by Reader: Reader is covered by the Contributor it replaces, so the diff flags nothing.
        var report = DiffReport.Compare(
            Manifest([Permanent(Alice, BuiltInRoleIds.Contributor)]),
            Manifest([Permanent(Alice, BuiltInRoleIds.Reader)]));

        Assert.Empty(report.NewlyGranted);
        Assert.DoesNotContain("## Widening", report.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_ListsFlagsAndExamples()
    {
        var report = DiffReport.Compare(
            Manifest([Permanent(Alice, BuiltInRoleIds.Reader)]),
            Manifest([Permanent(Alice, BuiltInRoleIds.Reader), Permanent(Principal.User(Automation.Id, "x | y`"), BuiltInRoleIds.Contributor)]));

        var markdown = report.ToMarkdown();

        Assert.StartsWith("# Access changes\n\n**This change widens the managing tenant's access.**", markdown, StringComparison.Ordinal);
        Assert.Contains("## Widening", markdown, StringComparison.Ordinal);
        Assert.Contains("## What the widened roles newly grant", markdown, StringComparison.Ordinal);
        Assert.Contains("`` x \\| y` `` (`a1000000-0000-4000-8000-000000000003`) | `Contributor` | permanent |", markdown, StringComparison.Ordinal);
        AccessReportTests.AssertMarkdownWellFormedTables(markdown);
    }

    [Fact]
    public void Delegations_AddedAtAResourceGroup_CountsTheRolesOfTheEnclosingSubscription()
    {
        var older = Delegation("offer", SubscriptionScope, [Permanent(Alice, BuiltInRoleIds.Reader)]);
        var added = Delegation("rg offer", ResourceGroup("rg-a"), [Permanent(Alice, BuiltInRoleIds.Contributor)], definitionId: new Guid("de000000-0000-4000-8000-000000000009"));

        var report = DiffReport.Compare([older], [older, added]);

        var n = Assert.Single(report.NewlyGranted);
        Assert.Equal(ResourceGroup("rg-a"), n.Scope);
        AssertExamplesAreNew(n, [BuiltInRoleIds.Reader]);
        Assert.Contains("| added | widening | `/subscriptions/5e000000-0000-4000-8000-000000000001/resourceGroups/rg-a` |", report.ToMarkdown(), StringComparison.Ordinal);
    }

    [Property(Arbitrary = [typeof(LifecycleArbitraries)], MaxTest = 40)]
    public void Examples_AreGrantedByTheNewRole_AndByNoRoleHeldBefore(DelegationManifest older, DelegationManifest newer)
    {
        var report = DiffReport.Compare(older, newer);

        foreach (var n in report.NewlyGranted)
        {
            Assert.InRange(n.Examples.Length, 0, Math.Min(5, n.Count));
            var before = older.Authorizations.Where(a => a.Principal.Id == n.PrincipalId).Select(static a => a.RoleDefinitionId)
                .Concat(n.IsEligible ? older.EligibleAuthorizations.Where(e => e.Principal.Id == n.PrincipalId).Select(static e => e.RoleDefinitionId) : []);
            AssertExamplesAreNew(n, before);
        }

        Assert.Equal(report.WidensAccess, ManifestDiff.Compare(older, newer).WidensAccess);
    }

    /// <summary>
    /// Checked with the role definitions' own <see cref="RoleDefinition.PermitsAction"/> and Azure's operation list, not
    /// with the evaluator: each example is a management operation the new role's permissions grant, Lighthouse's own
    /// registration operations only through the Delete Role, and no role held before grants it.
    /// </summary>
    private static void AssertExamplesAreNew(NewlyGrantedOperations n, IEnumerable<RoleDefinitionId> before)
    {
        var catalog = RoleCatalog.BuiltIn;
        Assert.True(catalog.TryGet(n.RoleDefinitionId, out var role));
        var held = before.Select(r => catalog.TryGet(r, out var d) ? d : null).OfType<RoleDefinition>().ToList();
        foreach (var op in n.Examples)
        {
            Assert.True((OperationCatalog.Azure.GetPlane(op) & OperationPlane.Management) != 0, op);
            if (n.RoleDefinitionId != BuiltInRoleIds.UserAccessAdministrator)
            {
                Assert.True(role.PermitsAction(op), $"{role.Name} does not permit {op}");
            }

            if (op.StartsWith("Microsoft.ManagedServices/registration", StringComparison.OrdinalIgnoreCase) && !op.EndsWith("/read", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Equal(BuiltInRoleIds.RegistrationAssignmentDelete, n.RoleDefinitionId);
            }

            // Held roles as Lighthouse applies them: Owner and User Access Administrator's general permissions grant
            // nothing, and only the Delete Role deletes a registration assignment (no role writes one).
            Assert.DoesNotContain(held, h => h.Id != BuiltInRoleIds.UserAccessAdministrator && h.Id != BuiltInRoleIds.Owner && h.PermitsAction(op) &&
                (!op.StartsWith("Microsoft.ManagedServices/registration", StringComparison.OrdinalIgnoreCase) || op.EndsWith("/read", StringComparison.OrdinalIgnoreCase) ||
                 (h.Id == BuiltInRoleIds.RegistrationAssignmentDelete && op.Equals("Microsoft.ManagedServices/registrationAssignments/delete", StringComparison.OrdinalIgnoreCase))));
        }
    }
}
