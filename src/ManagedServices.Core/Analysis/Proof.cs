
namespace ManagedServices.Analysis;

/// <summary>
/// The value of <see cref="AccessAnalysis.ProveNever"/>'s result: whether the guarantee holds and, when it does not,
/// why. A plain value, not a result: the diagnostics are on the <see cref="DiagnosticResult{T}"/> that carries it.
/// </summary>
/// <remarks>
/// The default value does not hold (fail closed): a proof that failed with an error (a malformed pattern or scope, a
/// question not decided within the budget) never says the guarantee holds.
/// </remarks>
public readonly record struct Proof
{
    /// <summary>True when no considered authorization can ever allow an operation matching any pattern, and no question was left undecided.</summary>
    public bool Holds { get; init; }

    /// <summary>One counterexample per pattern and authorization that breaks the guarantee.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<Counterexample> Counterexamples { get => field.OrEmpty(); init => field = value.OrEmpty(); }
}
