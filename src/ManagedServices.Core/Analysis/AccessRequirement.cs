namespace ManagedServices.Analysis;

/// <summary>What a counterexample needs besides the delegation for <c>Check</c> to allow it.</summary>
public enum AccessRequirement
{
    /// <summary>Nothing: a permanent authorization allows the operation.</summary>
    None = 0,

    /// <summary>An activation of the eligible authorization's role.</summary>
    Activation = 1,

    /// <summary>User Access Administrator: the role assignment's target is a managed identity and its role a delegated role.</summary>
    ManagedIdentityTarget = 2,
}
