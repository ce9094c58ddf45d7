namespace ManagedServices;

/// <summary>The level of a <see cref="ResourceScope"/> in the ARM hierarchy.</summary>
public enum ScopeKind
{
    /// <summary>No scope: the value of <c>default(ResourceScope)</c>. It contains nothing and is contained by nothing.</summary>
    None = 0,

    /// <summary>The tenant root <c>/</c>. Parses, but cannot be delegated.</summary>
    TenantRoot = 1,

    /// <summary>A management group <c>/providers/Microsoft.Management/managementGroups/{name}</c>. Parses, but cannot be delegated.</summary>
    ManagementGroup = 2,

    /// <summary>A subscription <c>/subscriptions/{guid}</c>.</summary>
    Subscription = 3,

    /// <summary>A resource group <c>/subscriptions/{guid}/resourceGroups/{name}</c>.</summary>
    ResourceGroup = 4,

    /// <summary>A resource, child resource or extension resource below a subscription or resource group.</summary>
    Resource = 5,
}
