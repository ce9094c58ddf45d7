namespace ManagedServices;

/// <summary>
/// The stable diagnostic codes of this library, one constant per rule. The constants are generated from the
/// diagnostics catalogue, <c>src/ManagedServices.Core/Diagnostics/DiagnosticCatalog.txt</c> (add a code there), and
/// every code is listed with an example in <c>docs/diagnostics.md</c>. Ranges: <c>MSC0xxx</c> input and structure,
/// <c>MSC1xxx</c> Lighthouse and Marketplace rules, <c>MSC2xxx</c> templates and JSON documents,
/// <c>MSC3xxx</c> offer lifecycle, <c>MSC4xxx</c> analysis (proofs over all operation names).
/// </summary>
public static partial class DiagnosticCodes;
