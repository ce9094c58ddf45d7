namespace ManagedServices;

/// <summary>Codes of reading deny assignments (<c>DenyAssignmentResources</c>), in the templates range.</summary>
public static partial class DiagnosticCodes
{
    /// <summary>A deny assignment has a <c>condition</c>, which cannot be evaluated; it is applied unconditionally (fail closed).</summary>
    public const string DenyAssignmentConditionIgnored = "MSC2022";

    /// <summary>Part of a deny assignment cannot be resolved (no principals, a system-defined principal other than everyone); it is read so that it denies more.</summary>
    public const string DenyAssignmentWidened = "MSC2023";
}
