namespace ManagedServices.Access;

/// <summary>Options of <see cref="AccessEvaluator.Create(DelegationSnapshot, AccessEvaluatorOptions?)"/>.</summary>
/// <remarks>
/// Every option is checked when it is set: a value out of range throws at construction (an argument error), so an
/// options object that exists is always usable and never makes the evaluator misbehave later.
/// </remarks>
public sealed class AccessEvaluatorOptions
{
    /// <summary>The largest <see cref="ActionCacheCapacity"/>: 1,048,576 action names (Azure has a few tens of thousands of operations).</summary>
    public const int MaxActionCacheCapacity = 1 << 20;

    /// <summary>The role definitions the authorizations refer to.</summary>
    /// <value>The default value is <see cref="RoleCatalog.BuiltIn"/>.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public RoleCatalog RoleCatalog
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = RoleCatalog.BuiltIn;

    /// <summary>Transitive group memberships of managing-tenant principals, if any.</summary>
    /// <value>The default value is <see langword="null"/> (no groups besides those a request carries).</value>
    public IGroupMembershipProvider? Groups { get; init; }

    /// <summary>The clock that decides whether just-in-time activations are live.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public TimeProvider TimeProvider
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    } = TimeProvider.System;

    /// <summary>Just-in-time activations of eligible authorizations.</summary>
    /// <value>The default value is empty.</value>
    /// <exception cref="ArgumentException">The array holds a null entry.</exception>
    public ImmutableArray<JustInTimeActivation> Activations
    {
        get;
        init => field = Sequence.WithoutNull(value, "A just-in-time activation is null.");
    } = [];

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
        init => field = Sequence.WithoutNull(value, "A deny assignment is null.");
    } = [];

    /// <summary>
    /// How many distinct action names the evaluator remembers role decisions for, and how many distinct scope texts it
    /// remembers the placement of (two bounded, lock-free memos; when full, further names are evaluated without them).
    /// 0 turns both off.
    /// </summary>
    /// <value>The default value is 16384; 0 to <see cref="MaxActionCacheCapacity"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or greater than <see cref="MaxActionCacheCapacity"/>.</exception>
    public int ActionCacheCapacity
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxActionCacheCapacity);
            field = value;
        }
    } = 16384;
}
