namespace ManagedServices.Operations;

/// <summary>Where Azure lists an operation: as a management (control-plane) action, a data action, or both.</summary>
public enum OperationPlane
{
    /// <summary>The operation list does not know the operation.</summary>
    Unknown = 0,

    /// <summary>Listed only as a management (control-plane) operation: granted through a role's <c>Actions</c>.</summary>
    Management = 1,

    /// <summary>Listed only as a data action: granted only through a role's <c>DataActions</c>, never through <c>Actions</c>.</summary>
    Data = 2,

    /// <summary>Listed both as a management operation and as a data action under the same name (for example <c>Microsoft.KeyVault/vaults/keys/read</c>).</summary>
    Both = 3,
}
