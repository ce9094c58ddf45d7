using ManagedServices.Access;
using ManagedServices.Analysis;
using ManagedServices.Operations;

namespace ManagedServices.Tests.Analysis;

/// <summary>
/// MSC4002 (<see cref="DiagnosticCodes.AnalysisUndecided"/>): a question the analysis cannot decide within its state
/// budget fails closed: it is reported as an error and the proof does not hold.
/// </summary>
public class AnalysisBudgetTests
{
    [Fact]
    public void Prove_BudgetTooSmall_IsUndecidedAndDoesNotHold()
    {
        var evaluator = AccessAnalysisTests.Evaluator([AccessAnalysisTests.Grant(BuiltInRoleIds.Contributor)]);
        var tiny = new RoleReachAnalyzer(OperationCatalog.Azure, maxStates: 1);

        var result = AccessAnalysis.Prove(evaluator, ["Contoso.Unknown/*/delete"], new ProofOptions(), tiny);

        Assert.False(result.Value.Holds);
        var undecided = Assert.Single(result.Diagnostics, static d => d.Code == DiagnosticCodes.AnalysisUndecided);
        Assert.Equal(DiagnosticSeverity.Error, undecided.Severity);
    }

    [Fact]
    public void Prove_DefaultBudget_DecidesTheSameQuestion()
    {
        var evaluator = AccessAnalysisTests.Evaluator([AccessAnalysisTests.Grant(BuiltInRoleIds.Contributor)]);

        var result = evaluator.ProveNever(["Contoso.Unknown/*/delete"]);

        Assert.DoesNotContain(result.Diagnostics, static d => d.Code == DiagnosticCodes.AnalysisUndecided);
    }
}
