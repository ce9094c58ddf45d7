namespace ManagedServices;

/// <summary>Codes of the analysis (the Analysis folder: proofs over all operation names).</summary>
public static partial class DiagnosticCodes
{
    /// <summary>
    /// An operation pattern is malformed: it must be 1 to 1024 characters of an operation name (ASCII letters, digits,
    /// <c>. / - _ : { } $</c>) and <c>*</c>.
    /// </summary>
    public const string InvalidOperationPattern = "MSC4001";

    /// <summary>
    /// The analysis did not decide within its state budget whether a role reaches a pattern; it assumes the role can
    /// (fail closed), so a proof does not hold.
    /// </summary>
    public const string AnalysisUndecided = "MSC4002";
}
