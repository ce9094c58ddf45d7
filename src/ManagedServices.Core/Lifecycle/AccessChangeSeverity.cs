namespace ManagedServices.Lifecycle;

/// <summary>How much a flagged change matters to a customer reviewing an update.</summary>
public enum AccessChangeSeverity
{
    /// <summary>For information (every narrowing change).</summary>
    Info = 0,

    /// <summary>A widening the customer should notice but that adds little (for example a role already covered).</summary>
    Low = 1,

    /// <summary>A widening that weakens a just-in-time safeguard or adds a role that must be activated.</summary>
    Medium = 2,

    /// <summary>A widening that grants standing access to new operations or to a new principal.</summary>
    High = 3,

    /// <summary>The access goes to a different tenant.</summary>
    Critical = 4,
}
