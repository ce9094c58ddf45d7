namespace ManagedServices;

/// <summary>Codes of reading deployed delegations from registration assignments (<c>RegistrationResources.ReadDelegations</c>).</summary>
public static partial class DiagnosticCodes
{
    /// <summary>A registration assignment (or its registration definition) is not in the provisioning state <c>Succeeded</c>: it grants nothing.</summary>
    public const string RegistrationNotSucceeded = "MSC2030";

    /// <summary>
    /// A registration assignment's <c>id</c> is missing or is not
    /// <c>{subscription or resource group}/providers/Microsoft.ManagedServices/registrationAssignments/{name}</c>: its scope
    /// is unknown, so it grants nothing.
    /// </summary>
    public const string RegistrationAssignmentScopeInvalid = "MSC2031";

    /// <summary>A registration assignment's definition is neither expanded nor in the definitions given: it grants nothing.</summary>
    public const string RegistrationAssignmentDefinitionMissing = "MSC2032";

    /// <summary>
    /// A plain array of registration assignments or definitions without any <c>eligibleAuthorizations</c>, as
    /// <c>az managedservices</c> prints with api-version 2019-06-01, which cannot show eligible authorizations: eligible
    /// access may be missing.
    /// </summary>
    public const string RegistrationEligibleNotShown = "MSC2033";

    /// <summary>A registration assignment's <c>registrationDefinitionId</c> differs from the <c>id</c> of its expanded definition: it grants nothing.</summary>
    public const string RegistrationAssignmentInconsistent = "MSC2034";
}
