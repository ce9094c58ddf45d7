namespace ManagedServices.Analysis;

/// <summary>How an operation recorded in the activity log ended.</summary>
public enum ActivityOutcome
{
    /// <summary>The operation succeeded (<c>Succeeded</c>, <c>Success</c>).</summary>
    Succeeded = 0,

    /// <summary>The operation failed (<c>Failed</c>, <c>Failure</c>): listed as "wanted but denied", never granted.</summary>
    Failed = 1,
}
