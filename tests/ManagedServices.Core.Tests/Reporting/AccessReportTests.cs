using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Reporting;
using static ManagedServices.Tests.Reporting.ReportFixtures;

namespace ManagedServices.Tests.Reporting;

public class AccessReportTests
{
    [Fact]
    public void Typical_ListsTenantsOffersPrincipalsAuthorizationsAndRemovers()
    {
        var report = AccessReport.Create(Typical());

        Assert.Equal([Provider], report.ManagingTenants.ToArray());
        var offer = Assert.Single(report.Offers);
        Assert.Equal("Contoso operations", offer.Definition.Name);
        Assert.Equal([SubscriptionScope], offer.Scopes.ToArray());
        Assert.Equal(
            [("Managed Services Registration assignment Delete Role", false), ("Reader", false), ("Contributor", true)],
            report.Grants.Select(static g => (g.RoleName, g.IsEligible)));
        Assert.Equal(TimeSpan.FromHours(2), report.Grants[2].JustInTimeAccessPolicy!.MaximumActivationDuration);
        Assert.Equal([Alice.Id, Approver.Id, Operators.Id], report.Principals.Select(static p => p.Id));
        var remover = Assert.Single(report.Removers);
        Assert.Equal((Operators.Id, RemovalPath.Permanent, SubscriptionScope), (remover.Grant.PrincipalId, remover.Path, remover.Scope));
    }

    [Fact]
    public void Removers_FollowTheDeleteRoleOnly_PermanentEligibleOrThroughAManagedIdentity()
    {
        var snapshot = DelegationSnapshot.Create(
        [
            Delegation("offer", SubscriptionScope,
                [
                    Permanent(Alice, BuiltInRoleIds.Contributor),
                    Permanent(Automation, BuiltInRoleIds.UserAccessAdministrator, BuiltInRoleIds.RegistrationAssignmentDelete),
                    Permanent(Approver, BuiltInRoleIds.UserAccessAdministrator, BuiltInRoleIds.Contributor),
                    Permanent(Alice, BuiltInRoleIds.Owner),
                ],
                [Eligible(Operators, BuiltInRoleIds.RegistrationAssignmentDelete)]),
        ]);

        var removers = AccessReport.Create(snapshot).Removers;

        Assert.Equal(
            [(Operators.Id, RemovalPath.AfterActivation), (Automation.Id, RemovalPath.ThroughManagedIdentity)],
            removers.Select(static r => (r.Grant.PrincipalId, r.Path)));
    }

    [Fact]
    public void Removers_ADeleteRoleAtTheSubscriptionRemovesAResourceGroupDelegationOfAnotherOffer_NotTheOtherWayRound()
    {
        var snapshot = DelegationSnapshot.Create(
        [
            Delegation("subscription offer", SubscriptionScope, [Permanent(Operators, BuiltInRoleIds.RegistrationAssignmentDelete)], definitionId: new Guid("de000000-0000-4000-8000-000000000001")),
            Delegation("rg offer", ResourceGroup("rg-a"), [Permanent(Alice, BuiltInRoleIds.RegistrationAssignmentDelete)], definitionId: new Guid("de000000-0000-4000-8000-000000000002")),
        ]);

        var removers = AccessReport.Create(snapshot).Removers;

        Assert.Equal(
            [
                (SubscriptionScope, Operators.Id),
                (ResourceGroup("rg-a"), Alice.Id),
                (ResourceGroup("rg-a"), Operators.Id),
            ],
            removers.Select(static r => (r.Scope, r.Grant.PrincipalId)));
    }

    [Fact]
    public void Markdown_EmbedsTheMermaidPictureAndTables()
    {
        var report = AccessReport.Create(Typical());

        var markdown = report.ToMarkdown();

        Assert.Contains("```mermaid\n" + report.ToMermaid() + "```\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| `Contoso operations` | `Alice` | user | `a1000000-0000-4000-8000-000000000001` | `Contributor` | eligible | MFA, at most PT2H, approvers: `Approver` (`a1000000-0000-4000-8000-000000000004`) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `Contoso operations` | `/subscriptions/5e000000-0000-4000-8000-000000000001` | `Operators` | `a1000000-0000-4000-8000-000000000002` | permanently |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_WithoutARemover_SaysOnlyTheCustomerCan()
    {
        var report = AccessReport.Create(DelegationSnapshot.Create([Delegation("offer", SubscriptionScope, [Permanent(Alice, BuiltInRoleIds.Contributor)])]));

        Assert.Contains("No principal of a managing tenant can remove these delegations: only the customer can.", report.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_PrincipalsToRolesToScopes_EligibleDashed()
    {
        var mermaid = AccessReport.Create(Typical()).ToMermaid();

        Assert.StartsWith("flowchart LR\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    P1[\"Alice<br/>user a1000000-0000-4000-8000-000000000001\"]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    R2[\"Reader\"]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("  P1 --> R2\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("  P1 -.->|\"eligible: MFA, at most PT2H, 1 approver(s)\"| R3\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("  R3 --> S1\n", mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("Approver", mermaid, StringComparison.Ordinal); // approvers hold no role: not in the picture
        Assert.True(ReportTools.IsInFlowchartSubset(mermaid, out var bad), bad);
    }

    [Fact]
    public void Dot_QuotesEveryIdAndDashesEligibleEdges()
    {
        var dot = AccessReport.Create(Typical()).ToDot();

        Assert.StartsWith("digraph \"access\" {\n", dot, StringComparison.Ordinal);
        Assert.Contains("  \"P1\" -> \"R3\" [style=dashed, label=\"eligible: MFA, at most PT2H, 1 approver(s)\"];\n", dot, StringComparison.Ordinal);
        Assert.Contains("  \"P1\" -> \"R2\";\n", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_HasEverySection()
    {
        using var doc = JsonDocument.Parse(AccessReport.Create(Typical()).ToJson());
        var root = doc.RootElement;

        Assert.Equal(Provider.ToString(), root.GetProperty("managingTenants")[0].GetString());
        Assert.Equal("Contoso operations", root.GetProperty("offers")[0].GetProperty("name").GetString());
        var eligible = root.GetProperty("authorizations").EnumerateArray().Single(static a => a.GetProperty("access").GetString() == "eligible");
        Assert.Equal("PT2H", eligible.GetProperty("justInTimeAccessPolicy").GetProperty("maximumActivationDuration").GetString());
        Assert.Equal("Azure", eligible.GetProperty("justInTimeAccessPolicy").GetProperty("multiFactorAuthProvider").GetString());
        Assert.Equal("permanent", root.GetProperty("canRemoveDelegation")[0].GetProperty("how").GetString());
    }

    [Fact]
    public void HostileNames_EveryFormatStaysWellFormed()
    {
        foreach (var name in HostileNames)
        {
            var report = AccessReport.Create(Typical(name, Principal.User(Alice.Id, name)));

            Assert.True(ReportTools.IsInFlowchartSubset(report.ToMermaid(), out var bad), $"{Show(name)}: {bad}");
            AssertDotWellFormed(report.ToDot(), name);
            AssertMarkdownWellFormed(report.ToMarkdown(), name);
            using var doc = JsonDocument.Parse(report.ToJson());
            Assert.Equal(Clean(name), doc.RootElement.GetProperty("offers")[0].GetProperty("name").GetString());
        }
    }

    [Fact]
    public void HostileNames_MarkdownKeepsTheNameReadable()
    {
        var markdown = AccessReport.Create(Typical("[link](https://example.com) @mention")).ToMarkdown();

        Assert.Contains("| `[link](https://example.com) @mention` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| ``back`tick`` |", AccessReport.Create(Typical("back`tick")).ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("| `a \\| b` |", AccessReport.Create(Typical("a | b")).ToMarkdown(), StringComparison.Ordinal);
    }

    [Property(Arbitrary = [typeof(ReportArbitraries)], MaxTest = 150)]
    public void Removers_MatchTheRuleBook(ImmutableArray<Delegation> delegations)
    {
        var report = AccessReport.Create(DelegationSnapshot.Create(delegations));

        var actual = report.Removers.Select(static r => (r.Scope, r.AssignmentId, r.Grant.PrincipalId, r.Path)).ToHashSet();
        Assert.Equal(ReferenceRemovers(delegations).ToHashSet(), actual);
    }

    [Property(Arbitrary = [typeof(ReportArbitraries)], MaxTest = 100)]
    public void Output_DoesNotDependOnTheOrderOfTheDelegations(ImmutableArray<Delegation> delegations, int seed)
    {
        var random = new Random(seed);
        var shuffled = delegations.OrderBy(_ => random.Next()).Reverse().ToImmutableArray();
        var a = AccessReport.Create(DelegationSnapshot.Create(delegations));
        var b = AccessReport.Create(DelegationSnapshot.Create(shuffled));

        Assert.Equal(a.ToMarkdown(), b.ToMarkdown());
        Assert.Equal(a.ToDot(), b.ToDot());
        Assert.Equal(a.ToJson(), b.ToJson());
    }

    [Property(Arbitrary = [typeof(ReportArbitraries)], MaxTest = 200)]
    public void AnyNames_EveryFormatStaysWellFormed(ImmutableArray<Delegation> delegations)
    {
        var report = AccessReport.Create(DelegationSnapshot.Create(delegations));

        Assert.True(ReportTools.IsInFlowchartSubset(report.ToMermaid(), out var bad), bad);
        AssertDotWellFormed(report.ToDot(), "generated");
        AssertMarkdownWellFormed(report.ToMarkdown(), "generated");
        using var doc = JsonDocument.Parse(report.ToJson());
        Assert.Equal(
            delegations.Select(static d => Clean(d.Definition.Name)).Distinct().Order(StringComparer.Ordinal),
            doc.RootElement.GetProperty("offers").EnumerateArray().Select(static o => o.GetProperty("name").GetString()!).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Who can remove a delegation, from the rule book (2.3) alone: a principal whose authorization in a delegation at
    /// the same or an enclosing scope holds the Managed Services Registration Assignment Delete Role — permanently, or
    /// after activation when eligible — and a permanent User Access Administrator that may assign that role to a
    /// managed identity. No other role, Owner and Contributor included, deletes a registration assignment.
    /// </summary>
    internal static IEnumerable<(ResourceScope, Guid, PrincipalId, RemovalPath)> ReferenceRemovers(IEnumerable<Delegation> delegations)
    {
        var all = delegations.ToList();
        foreach (var target in all)
        {
            foreach (var via in all.Where(v => v.Scope.Contains(target.Scope)))
            {
                var m = via.Definition.Manifest;
                foreach (var a in m.Authorizations)
                {
                    if (a.RoleDefinitionId == BuiltInRoleIds.RegistrationAssignmentDelete)
                    {
                        yield return (target.Scope, target.AssignmentId, a.Principal.Id, RemovalPath.Permanent);
                    }
                    else if (a.RoleDefinitionId == BuiltInRoleIds.UserAccessAdministrator && a.DelegatedRoleDefinitionIds.Contains(BuiltInRoleIds.RegistrationAssignmentDelete))
                    {
                        yield return (target.Scope, target.AssignmentId, a.Principal.Id, RemovalPath.ThroughManagedIdentity);
                    }
                }

                foreach (var e in m.EligibleAuthorizations.Where(static e => e.RoleDefinitionId == BuiltInRoleIds.RegistrationAssignmentDelete))
                {
                    yield return (target.Scope, target.AssignmentId, e.Principal.Id, RemovalPath.AfterActivation);
                }
            }
        }
    }

    /// <summary>Every dot line is a statement of the shapes the writer emits, with every string properly quoted.</summary>
    internal static void AssertDotWellFormed(string dot, string name)
    {
        const string str = "\"(?:[^\"\\\\\\r\\n]|\\\\[^\\r\\n])*\"";
        var statement = new Regex(
            "\\A(?:digraph \"access\" \\{|  rankdir=LR;|  node \\[shape=box\\];|  subgraph \"cluster_[A-Z][0-9]+\" \\{|    label=" + str + ";|    \"[A-Z][0-9]+\" \\[label=" + str + "\\];|  \\}|\\}|  \"[A-Z][0-9]+\" -> \"[A-Z][0-9]+\"(?: \\[style=dashed, label=" + str + "\\]| \\[style=dotted, color=grey, fontcolor=grey, arrowhead=tee, label=" + str + "\\])?;)\\z",
            RegexOptions.CultureInvariant);
        var lines = dot.Split('\n');
        Assert.Equal("", lines[^1]);
        foreach (var line in lines[..^1])
        {
            Assert.True(statement.IsMatch(line), $"{Show(name)}: dot line {line}");
        }
    }

    /// <summary>Tables keep their column count, no line is broken by a name, the Mermaid block is opened and closed once.</summary>
    internal static void AssertMarkdownWellFormed(string markdown, string name)
    {
        Assert.Equal(2, markdown.Split('\n').Count(static l => l.StartsWith("```", StringComparison.Ordinal)));
        AssertMarkdownWellFormedTables(markdown, name);
    }

    /// <summary>Every table row has as many cells as the header, no line is broken by a name, no lone surrogate.</summary>
    internal static void AssertMarkdownWellFormedTables(string markdown, string name = "")
    {
        var lines = markdown.Split('\n');
        int? columns = null;
        foreach (var line in lines)
        {
            if (!line.StartsWith('|'))
            {
                columns = null;
                continue;
            }

            var cells = Regex.Count(line, @"(?<!\\)\|") - 1;
            columns ??= cells;
            Assert.True(columns == cells, $"{Show(name)}: {line}");
        }

        Assert.DoesNotContain('\r', markdown);
        Assert.Equal(Clean(markdown), markdown); // no lone surrogate
    }

    internal static string Clean(string s)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(s[i]).Append(s[++i]);
            }
            else
            {
                sb.Append(char.IsSurrogate(s[i]) ? '\uFFFD' : s[i]);
            }
        }

        return sb.ToString();
    }

    private static string Show(string name) => JsonSerializer.Serialize(name);
}
