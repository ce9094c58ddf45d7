namespace ManagedServices;

/// <summary>Codes of role lists read from Azure (<c>az role definition list</c>).</summary>
public static partial class DiagnosticCodes
{
    /// <summary>
    /// Error: a role list names the same role definition GUID twice; neither entry is used (a role that is not in the
    /// catalog is never delegable).
    /// </summary>
    public const string RoleListDuplicateRole = "MSC2040";
}
