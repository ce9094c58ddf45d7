namespace ManagedServices.Reporting;

/// <summary>How a principal can remove a delegation.</summary>
public enum RemovalPath
{
    /// <summary>With a permanent Managed Services Registration Assignment Delete Role authorization.</summary>
    Permanent = 0,

    /// <summary>After activating an eligible Managed Services Registration Assignment Delete Role authorization.</summary>
    AfterActivation = 1,

    /// <summary>
    /// By assigning the Delete Role to a managed identity in the customer's tenant (a User Access Administrator
    /// authorization whose <c>delegatedRoleDefinitionIds</c> include it), which can then delete the assignment.
    /// </summary>
    ThroughManagedIdentity = 2,
}
