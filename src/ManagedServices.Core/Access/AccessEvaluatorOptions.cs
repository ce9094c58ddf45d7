using System.Collections.Immutable;

namespace ManagedServices.Access;

/// <summary>Options of <see cref="AccessEvaluator.Create(DelegationSnapshot, AccessEvaluatorOptions?)"/>.</summary>
public sealed class AccessEvaluatorOptions
{
    /// <summary>The role definitions the authorizations refer to.</summary>
    /// <value>The default value is <see cref="RoleCatalog.BuiltIn"/>.</value>
    public RoleCatalog RoleCatalog { get; init; } = RoleCatalog.BuiltIn;

    /// <summary>Transitive group memberships of managing-tenant principals, if any.</summary>
    /// <value>The default value is <see langword="null"/> (no groups besides those a request carries).</value>
    public IGroupMembershipProvider? Groups { get; init; }

    /// <summary>The clock that decides whether just-in-time activations are live.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Just-in-time activations of eligible authorizations.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<JustInTimeActivation> Activations { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>
    /// Deny assignments in the customer tenants (system deny assignments, for example of managed applications). A deny
    /// assignment that covers the request scope, names the caller (or one of its groups, or everyone), excludes
    /// neither, and lists the action turns an Allow into a Deny with <see cref="AccessReason.DeniedByDenyAssignment"/>.
    /// </summary>
    /// <value>The default value is empty.</value>
    /// <exception cref="ArgumentException">The array holds a null entry.</exception>
    public ImmutableArray<DenyAssignment> DenyAssignments
    {
        get;
        init
        {
            if (!value.IsDefault && value.Contains(null!))
            {
                throw new ArgumentException("A deny assignment is null.", nameof(value));
            }

            field = value.OrEmpty();
        }
    } = [];

    /// <summary>
    /// How many distinct action names the evaluator remembers role decisions for (a bounded, lock-free cache; when
    /// full, further actions are evaluated without caching). 0 turns the cache off.
    /// </summary>
    /// <value>The default value is 16384.</value>
    public int ActionCacheCapacity { get; init; } = 16384;
}
