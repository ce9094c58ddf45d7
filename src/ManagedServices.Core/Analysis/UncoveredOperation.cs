namespace ManagedServices.Analysis;

/// <summary>An observed operation no proposed role covers, and why.</summary>
public sealed record UncoveredOperation
{
    /// <summary>The operation.</summary>
    public required string Operation { get; init; }

    /// <summary>Why no delegable role narrower than the principal's current roles covers it.</summary>
    public required string Reason { get; init; }
}
