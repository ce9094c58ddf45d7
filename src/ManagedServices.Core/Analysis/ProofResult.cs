namespace ManagedServices.Analysis;

/// <summary>The answer of <see cref="AccessAnalysis.ProveNever"/>.</summary>
public sealed record ProofResult
{
    /// <summary>True when no considered authorization can ever allow an operation matching any pattern (and no diagnostic is an error).</summary>
    public bool Holds { get; init; }

    /// <summary>One counterexample per pattern and authorization that breaks the guarantee.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<Counterexample> Counterexamples { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Errors: a malformed pattern (MSC4001) or scope (MSC0004), a question not decided within the budget (MSC4002).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<Diagnostic> Diagnostics { get; init => field = value.OrEmpty(); } = [];
}
