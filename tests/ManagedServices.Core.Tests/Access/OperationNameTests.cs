using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Access;

/// <summary>
/// The grammar of a requested action (an ARM operation name): a provider namespace, then '/'-separated segments.
/// Checked against Azure's own published operation list and against a reference grammar written from issue 13 (a
/// regular expression, independent of <see cref="RequestText"/>'s scanner).
/// </summary>
public class OperationNameTests
{
    private static readonly string Sub = AccessEvaluatorScenarioTests.Sub;
    private static readonly PrincipalId Ops = AccessEvaluatorScenarioTests.Ops;

    /// <summary>Contributor on a subscription, on the built-in catalog (its NotActions include Microsoft.Authorization/*/Write).</summary>
    private static readonly AccessEvaluator Contributor = AccessEvaluator.Create(DelegationSnapshot.Create(
    [
        AccessEvaluatorScenarioTests.Delegate(Sub, new Authorization { Principal = Principal.User(Ops), RoleDefinitionId = BuiltInRoleIds.Contributor }),
    ]));

    /// <summary>Owner-like <c>*</c> on a subscription: any well-formed action is allowed, so only the grammar can deny.</summary>
    private static readonly AccessEvaluator Everything = AccessEvaluator.Create(
        DelegationSnapshot.Create([AccessEvaluatorScenarioTests.Delegate(Sub, new Authorization { Principal = Principal.User(Ops), RoleDefinitionId = AccessArbitraries.ContributorLike })]),
        new AccessEvaluatorOptions { RoleCatalog = AccessArbitraries.Catalog });

    private static bool ReferenceValid(string action) => ReferenceGrammar.IsOperationName(action);

    [Theory]
    [InlineData("Microsoft.Authorization/roleAssignments/write/")]
    [InlineData("Microsoft.Authorization/roleAssignments/write?x")]
    [InlineData("Microsoft.Authorization/roleAssignments/write#x")]
    [InlineData("Microsoft.Authorization/roleAssignments//write")]
    [InlineData("Microsoft.Authorization/roleAssignments/./write")]
    [InlineData("Microsoft.Authorization/roleAssignments/../roleAssignments/write")]
    [InlineData("Microsoft.Authorization//roleAssignments/write")]
    [InlineData("Microsoft.Authorization/roleAssignments/write;")]
    [InlineData("Microsoft.Authorization/roleAssignments/write%2F")]
    [InlineData("Microsoft.Authorization/roleAssignments/write\\")]
    [InlineData("/Microsoft.Authorization/roleAssignments/write")]
    [InlineData("Microsoft.Authorization./roleAssignments/write")]
    public void Check_MalformedRoleAssignmentWrite_IsMalformedForContributor(string action)
    {
        // Before issue 13 these slipped past Contributor's NotActions ("Microsoft.Authorization/*/Write") and were allowed.
        var decision = Contributor.Check(new AccessRequest(Ops, action, Sub));

        Assert.Equal(AccessReason.MalformedRequest, decision.Reason);
        Assert.False(Contributor.Explain(new AccessRequest(Ops, action, Sub)).Decision.IsAllowed);
    }

    [Fact]
    public void Check_WellFormedRoleAssignmentWrite_IsDeniedByContributorsNotActions()
    {
        var decision = Contributor.Check(new AccessRequest(Ops, "Microsoft.Authorization/roleAssignments/write", Sub));

        Assert.False(decision.IsAllowed);
        Assert.NotEqual(AccessReason.MalformedRequest, decision.Reason);
    }

    [Theory]
    [InlineData("Microsoft.Compute/virtualMachines/read", true)]
    [InlineData("microsoft.support/supportTickets/write", true)]
    [InlineData("Microsoft.Compute/virtualMachines/restart/action", true)]
    [InlineData("Microsoft.Compute/virtualMachines", true)] // the last segment need not be a verb
    [InlineData("Microsoft.CognitiveServices/accounts/ComputerVision/imageanalysis:analyze/action", true)]
    [InlineData("Microsoft.Web/sites/{slot}/read", true)]
    [InlineData("Microsoft.Sql/servers/$metadata/read", true)]
    [InlineData("Microsoft.Network/dns-zones/A_record/.well-known/read", true)]
    [InlineData("Microsoft.Compute", false)] // no segment
    [InlineData("Microsoft.Compute/", false)]
    [InlineData("Compute/virtualMachines/read", false)] // a namespace is Company.Provider
    [InlineData(".Compute/virtualMachines/read", false)]
    [InlineData("Microsoft..Compute/virtualMachines/read", false)]
    [InlineData("Micro-soft.Compute/virtualMachines/read", false)] // namespace: letters, digits, '.'
    [InlineData("Microsoft.Compute/*", false)]
    [InlineData("Microsoft.Compute/virtual Machines/read", false)]
    [InlineData("Microsoft.Compute/virtualMachines/read\n", false)]
    [InlineData("Microsoft.Compute/virtualMachinés/read", false)]
    [InlineData("Microsoft.Compute/virtualMachines/read!", false)]
    [InlineData("Microsoft.Compute/virtualMachines/..", false)]
    [InlineData("Microsoft.Compute/./read", false)]
    [InlineData("", false)]
    public void IsValidAction_Examples(string action, bool valid)
    {
        Assert.Equal(valid, RequestText.IsValidAction(action));
        Assert.Equal(valid, ReferenceValid(action));
    }

    [TemplatesSharedFact]
    public void IsValidAction_EveryOperationAzurePublishes_Parses()
    {
        var path = Path.Combine(TemplatesSharedData.SharedRoot!, "data", "azure-operations.txt");
        var operations = File.ReadLines(path).Where(static l => l.Length > 0).Select(static l => l.Split('\t')[0]).ToList();
        Assert.True(operations.Count > 20_000);
        Assert.DoesNotContain(operations, static o => !RequestText.IsValidAction(o));
        Assert.DoesNotContain(operations, static o => !ReferenceValid(o));
    }

    [Property(MaxTest = 3000)]
    public Property IsValidAction_AgreesWithTheReferenceGrammar() =>
        Prop.ForAll(Arb.From(MutatedAction()), static action => RequestText.IsValidAction(action) == ReferenceValid(action));

    /// <summary>Issue 13's property: no request whose action is not a well-formed operation name is allowed.</summary>
    [Property(MaxTest = 2000)]
    public Property Check_ActionNotAWellFormedOperationName_IsNeverAllowed() =>
        Prop.ForAll(Arb.From(MutatedAction()), static action =>
        {
            var request = new AccessRequest(Ops, action, Sub + "/resourceGroups/rg1");
            var decision = Everything.Check(request);
            var contributor = Contributor.Check(request);
            return ReferenceValid(action)
                ? decision.Reason != AccessReason.MalformedRequest // the control: a well-formed action is decided by the roles
                : decision.Reason == AccessReason.MalformedRequest && contributor.Reason == AccessReason.MalformedRequest &&
                  !Everything.Explain(request).Decision.IsAllowed && Everything.WhoCan(action, Sub).IsEmpty;
        });

    private static readonly string[] Seeds =
    [
        "Microsoft.Authorization/roleAssignments/write", "Microsoft.Compute/virtualMachines/read", "Microsoft.Authorization/*/Write",
        "Microsoft.CognitiveServices/accounts/ComputerVision/imageanalysis:analyze/action", "Microsoft.Web/sites/slots/config/list/Action",
        "Microsoft.ManagedServices/registrationAssignments/delete", "Microsoft.Insights/alertRules/{ruleName}/read",
    ];

    private static readonly string[] Pieces =
    [
        "/", "//", "?", "?x", "#", "*", ".", "..", "/.", "/..", " ", "\t", "\n", "\0", "\u0085", "\u00A0", "\u200B", "\uFEFF", "é",
        "\u212A", "\uD800", "%2F", "%", ";", "!", "\\", "{", "}", ":", "$", "-", "_", "&", "+", "=", "@", "'", "\"", "<", ">", "|", "~",
        "^", "`", "[", "]", "(", ")", ",", "0", "A",
    ];

    private static Gen<string> MutatedAction() =>
        from seed in Gen.Elements(Seeds)
        from edits in Gen.Choose(0, 3)
        from positions in Gen.ArrayOf(Gen.Choose(0, 200), edits)
        from pieces in Gen.ArrayOf(Gen.Elements(Pieces), edits)
        from modes in Gen.ArrayOf(Gen.Choose(0, 3), edits)
        select Apply(seed, positions, pieces, modes);

    private static string Apply(string s, int[] positions, string[] pieces, int[] modes)
    {
        for (var k = 0; k < positions.Length; k++)
        {
            var i = positions[k] % (s.Length + 1);
            s = modes[k] switch
            {
                0 => s.Insert(i, pieces[k]),
                1 => s + pieces[k], // at the end: the trailing '/', '?x', '#' shapes
                2 when i < s.Length => s.Remove(i, 1),
                _ => pieces[k] + s,
            };
        }

        return s;
    }
}
