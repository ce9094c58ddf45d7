namespace ManagedServices;

/// <summary>Codes about operation names (Azure's operation list, the <c>OperationCatalog</c>).</summary>
public static partial class DiagnosticCodes
{
    /// <summary>An operation is not in Azure's operation list: it is evaluated as given, but it is probably misspelled.</summary>
    public const string UnknownOperation = "MSC1040";
}
