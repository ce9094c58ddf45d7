using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ManagedServices.Arm;

namespace ManagedServices.Tests.Hardening;

/// <summary>
/// The template evaluator charges what it builds, not only its steps: values that double in every variable and feed a
/// copy loop are refused early, with <see cref="DiagnosticCodes.TemplateLimitExceeded"/> at the JSON path where the
/// budget ran out, and the refusal itself allocates little (measured per thread with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>, not timed).
/// </summary>
public sealed class TemplateWorkBudgetTests
{
    /// <summary>What a refusal may allocate on the reading thread (the hostile template used to need over 10 GB).</summary>
    private const long RefusalAllocationBound = 96L * 1024 * 1024;

    /// <summary>
    /// About 1.7 KB: <c>v0</c> holds one authorization, <c>v1</c> to <c>v17</c> double it with <c>concat(v, v)</c>
    /// (131,072 authorizations), and an 800-iteration copy loop creates a registration definition with all of them in
    /// each iteration: over 100 million authorizations if it were expanded.
    /// </summary>
    public static string DoublingTemplate(int doublings = 17, int copies = 800, string property = "authorizations")
    {
        var variables = new StringBuilder();
        variables.Append("""
            "v0": [ { "principalId": "11111111-1111-1111-1111-111111111111", "principalIdDisplayName": "ops", "roleDefinitionId": "acdd72a7-3385-48ef-bd42-f606fba81ae7" } ]
            """);
        for (var i = 1; i <= doublings; i++)
        {
            variables.Append(CultureInfo.InvariantCulture, $",\n    \"v{i}\": \"[concat(variables('v{i - 1}'), variables('v{i - 1}'))]\"");
        }

        return $$"""
            {
              "$schema": "https://schema.management.azure.com/schemas/2019-08-01/subscriptionDeploymentTemplate.json#",
              "contentVersion": "1.0.0.0",
              "variables": {
                {{variables}}
              },
              "resources": [
                {
                  "type": "Microsoft.ManagedServices/registrationDefinitions",
                  "apiVersion": "2022-10-01",
                  "name": "33333333-3333-3333-3333-333333333333",
                  "copy": { "name": "defs", "count": {{copies}} },
                  "properties": {
                    "registrationDefinitionName": "offer",
                    "managedByTenantId": "22222222-2222-2222-2222-222222222222",
                    "{{property}}": "[variables('v{{doublings}}')]"
                  }
                }
              ]
            }
            """;
    }

    [Fact]
    public void DoublingVariablesInACopyLoop_AreRefusedEarly_WithTheLimitDiagnosticAtTheResource()
    {
        var template = DoublingTemplate();
        Assert.InRange(Encoding.UTF8.GetByteCount(template), 1_000, 2_400);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = OnboardingTemplate.Read(template);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(result.Value);
        var limit = Assert.Single(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateLimitExceeded);
        Assert.Equal(DiagnosticSeverity.Error, limit.Severity);
        Assert.StartsWith("$.variables.v", limit.Path, StringComparison.Ordinal); // the doubling itself is refused
        Assert.NotNull(limit.Line);
        Assert.True(allocated < RefusalAllocationBound, $"the refusal allocated {allocated:N0} bytes");
    }

    [Fact]
    public void CopiesOfALargeVariable_AreEachCharged_AndRefusedAtTheResource()
    {
        // 4,096 authorizations are cheap to build once; handed to 800 copies they are refused after a few dozen.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = OnboardingTemplate.Read(DoublingTemplate(doublings: 12, copies: 800));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(result.Value);
        var limit = Assert.Single(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateLimitExceeded);
        Assert.StartsWith("$.resources[0].properties", limit.Path, StringComparison.Ordinal);
        Assert.True(allocated < RefusalAllocationBound, $"the refusal allocated {allocated:N0} bytes");
    }

    [Fact]
    public void DoublingStrings_AreChargedPerCharacter()
    {
        // A string doubled 19 times (512 Ki characters, under the 1 MiB string limit) handed to 800 copies.
        var template = DoublingTemplate(doublings: 0, copies: 800).Replace(
            "\"v0\": [ { \"principalId\": \"11111111-1111-1111-1111-111111111111\", \"principalIdDisplayName\": \"ops\", \"roleDefinitionId\": \"acdd72a7-3385-48ef-bd42-f606fba81ae7\" } ]",
            "\"s0\": \"x\"" + string.Concat(Enumerable.Range(1, 19).Select(static i => $",\n\"s{i}\": \"[concat(variables('s{i - 1}'), variables('s{i - 1}'))]\"")) +
            ",\n\"v0\": \"[variables('s19')]\"",
            StringComparison.Ordinal).Replace("\"authorizations\"", "\"description\"", StringComparison.Ordinal);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = OnboardingTemplate.Read(template);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateLimitExceeded);
        Assert.Null(result.Value);
        Assert.True(allocated < RefusalAllocationBound, $"the refusal allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Equals_OnHugeValues_IsChargedByWhatItScans()
    {
        // Each iteration compares two 32,768-element arrays: charged by their size, not as one step.
        var template = DoublingTemplate(doublings: 15, copies: 800)
            .Replace("\"registrationDefinitionName\": \"offer\"",
                "\"registrationDefinitionName\": \"[if(equals(variables('v15'), variables('v15')), 'a', 'b')]\"", StringComparison.Ordinal)
            .Replace("\"[variables('v15')]\"", "\"[variables('v0')]\"", StringComparison.Ordinal);

        var result = OnboardingTemplate.Read(template);

        Assert.Null(result.Value);
        Assert.Contains(result.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateLimitExceeded && d.Path.StartsWith("$.resources[0].properties", StringComparison.Ordinal));
    }

    [Fact]
    public void WorkBudget_RefusesPastTheLimit_ReportsOnce_AndSaturates()
    {
        var budget = new WorkBudget();
        Assert.True(budget.Spend(ArmExpressionEvaluator.MaxWork));
        Assert.False(budget.Exceeded);
        Assert.False(budget.Spend(1));
        Assert.True(budget.Exceeded);
        Assert.True(budget.Report());
        Assert.False(budget.Report());
        Assert.False(budget.Spend(long.MaxValue));
        Assert.Equal(long.MaxValue, budget.Spent);
    }

    /// <summary>
    /// Inner-scope nested deployments get their own evaluator but not their own budget: two nested templates that each
    /// build about two thirds of the budget are refused together.
    /// </summary>
    [Fact]
    public void NestedInnerScopeDeployments_ShareOneBudget()
    {
        static string Nested(int n) => $$"""
            {
              "type": "Microsoft.Resources/deployments",
              "apiVersion": "2021-04-01",
              "name": "nested{{n}}",
              "properties": {
                "mode": "Incremental",
                "expressionEvaluationOptions": { "scope": "inner" },
                "template": {{DoublingTemplate(doublings: 12, copies: 25)}}
              }
            }
            """;
        var template = $$"""
            {
              "$schema": "https://schema.management.azure.com/schemas/2019-08-01/subscriptionDeploymentTemplate.json#",
              "contentVersion": "1.0.0.0",
              "resources": [ {{Nested(1)}}, {{Nested(2)}} ]
            }
            """;

        var one = OnboardingTemplate.Read(template.Replace(", " + Nested(2), "", StringComparison.Ordinal));
        var two = OnboardingTemplate.Read(template);

        Assert.DoesNotContain(one.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateLimitExceeded);
        Assert.Contains(two.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateLimitExceeded && d.Path.StartsWith("$.resources[1]", StringComparison.Ordinal));
    }

    /// <summary>
    /// Whatever the number of doublings and copies, a read either succeeds with every definition holding the expanded
    /// authorizations, or refuses with the limit diagnostic; and it never allocates more than the bound.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property AnyDoublingAndCopyCount_IsReadOrRefused_WithinTheAllocationBound() => Prop.ForAll(
        Gen.Choose(0, 22).ToArbitrary(),
        Gen.Choose(1, 800).ToArbitrary(),
        static (doublings, copies) =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var result = OnboardingTemplate.Read(DoublingTemplate(doublings, copies));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var refused = result.Value is null && result.Diagnostics.Any(static d => d.Code == DiagnosticCodes.TemplateLimitExceeded);
            var read = result.Value is { } content && content.RegistrationDefinitions.Length == copies &&
                       content.RegistrationDefinitions.All(d => d.Manifest.Authorizations.Length == 1 << doublings);
            return (refused ^ read) && allocated < RefusalAllocationBound;
        });
}
