namespace ManagedServices;

/// <summary>
/// The stable diagnostic codes of this library, one constant per rule. Every code is listed with an
/// example in <c>docs/diagnostics.md</c>. Ranges: <c>MSC0xxx</c> input and structure,
/// <c>MSC1xxx</c> Lighthouse and Marketplace rules, <c>MSC2xxx</c> templates and JSON documents,
/// <c>MSC3xxx</c> offer lifecycle, <c>MSC4xxx</c> analysis (proofs over all operation names).
/// </summary>
public static partial class DiagnosticCodes
{
    /// <summary>A required value is missing (for example a builder without a managing tenant).</summary>
    public const string RequiredValueMissing = "MSC0001";

    /// <summary>A value that must be a GUID is not one.</summary>
    public const string InvalidGuid = "MSC0002";

    /// <summary>A manifest version is not of the form <c>n.n.n</c>.</summary>
    public const string InvalidManifestVersion = "MSC0003";

    /// <summary>A resource scope (ARM resource ID) could not be parsed.</summary>
    public const string InvalidScope = "MSC0004";

    /// <summary>A duration is not a valid ISO 8601 time duration.</summary>
    public const string InvalidDuration = "MSC0005";

    /// <summary>A role given by name to a builder is neither a built-in role name nor a role definition ID.</summary>
    public const string UnknownRoleName = "MSC0006";

    /// <summary>
    /// A resource group name breaks ARM's rule (1 to 90 letters, digits, '_', '-', '.', '(' or ')'; not ending in
    /// '.'), in an onboarding target or a template's nested deployment.
    /// </summary>
    public const string InvalidResourceGroupName = "MSC0007";

    /// <summary>An input (a file or a stream) cannot be opened or read.</summary>
    public const string InputUnreadable = "MSC0013";

    /// <summary>
    /// A parameters document was given for a document that is not an onboarding template (an offer document or
    /// registration definitions), so it could not be used (<c>Serialization.DocumentValidator.Validate</c>).
    /// </summary>
    public const string ParametersNotApplicable = "MSC0008";

    /// <summary>
    /// An operation name is malformed: a resource provider namespace such as <c>Microsoft.Compute</c>, then
    /// '/'-separated segments of ASCII letters, digits and <c>. - _ : { } $</c>, at most 1024 characters, no <c>*</c>
    /// (for example given to <c>PreparedAction.Read</c>).
    /// </summary>
    public const string InvalidOperationName = "MSC0014";

    /// <summary>
    /// A line of an access-request stream (<c>check --requests</c>, <c>Serialization.AccessRequestLines</c>) cannot be
    /// read as a request: not a JSON object, a required field missing or mistyped, a malformed GUID, or too long.
    /// </summary>
    public const string MalformedAccessRequest = "MSC0017";
}
