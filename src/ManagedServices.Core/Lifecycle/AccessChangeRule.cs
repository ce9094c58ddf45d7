namespace ManagedServices.Lifecycle;

/// <summary>The rule that flagged an <see cref="AccessChange"/>.</summary>
public enum AccessChangeRule
{
    /// <summary>The managing tenant changed (always reported as widening, in both directions).</summary>
    ManagingTenant = 0,

    /// <summary>A principal appears (widening) or disappears (narrowing) altogether.</summary>
    Principal = 1,

    /// <summary>A principal gains (widening) or loses (narrowing) a role, permanent or eligible (<see cref="AccessChange.IsEligible"/>).</summary>
    Role = 2,

    /// <summary>
    /// For one principal, a role replaces another and is not proved to be a subset of it (widening), or the replaced role
    /// is not proved to be a subset of the new one (narrowing). <see cref="AccessChange.RelatedRoleDefinitionId"/> is the replaced role.
    /// </summary>
    RolePermissions = 3,

    /// <summary>An eligible role turned permanent (widening) or a permanent role turned eligible (narrowing).</summary>
    AccessType = 4,

    /// <summary>An eligible authorization stopped (widening) or started (narrowing) requiring multifactor authentication.</summary>
    MultiFactorAuth = 5,

    /// <summary>An eligible authorization's maximum activation duration got longer (widening) or shorter (narrowing).</summary>
    MaximumActivationDuration = 6,

    /// <summary>An approver was removed (widening) or added (narrowing); <see cref="AccessChange.RelatedPrincipalId"/> is the approver.</summary>
    Approver = 7,

    /// <summary>
    /// A role that a User Access Administrator authorization may assign was added (widening) or removed (narrowing);
    /// <see cref="AccessChange.RelatedRoleDefinitionId"/> is the delegated role.
    /// </summary>
    DelegatedRole = 8,
}
