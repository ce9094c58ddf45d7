using ManagedServices.Access;

namespace ManagedServices.DependencyInjection;

/// <summary>
/// Builds <see cref="AccessEvaluator"/> instances for delegation snapshots with the services of a container: the
/// registered <see cref="RoleCatalog"/>, <see cref="TimeProvider"/> and <see cref="IGroupMembershipProvider"/>.
/// Registered by <see cref="ManagedServicesServiceCollectionExtensions.AddManagedServicesCore"/>. Snapshots change
/// (delegations come and go), so the container holds the factory rather than one evaluator.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class AccessEvaluatorFactory
{
    /// <summary>Creates a factory.</summary>
    /// <param name="roleCatalog">The roles authorizations refer to.</param>
    /// <param name="timeProvider">The clock for just-in-time activations; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="groups">Group memberships of managing-tenant principals, if known.</param>
    public AccessEvaluatorFactory(RoleCatalog roleCatalog, TimeProvider? timeProvider = null, IGroupMembershipProvider? groups = null)
        : this(new AccessEvaluatorOptions
        {
            RoleCatalog = roleCatalog ?? throw new ArgumentNullException(nameof(roleCatalog)),
            TimeProvider = timeProvider ?? TimeProvider.System,
            Groups = groups,
        })
    {
    }

    /// <summary>
    /// Creates a factory whose evaluators start from <paramref name="options"/>: every member of it (role catalog, clock,
    /// groups, activations, deny assignments, action cache capacity) is passed to every evaluator the factory builds.
    /// </summary>
    /// <param name="options">The options every evaluator starts from.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public AccessEvaluatorFactory(AccessEvaluatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The options every evaluator starts from; <see cref="Create(DelegationSnapshot, IEnumerable{JustInTimeActivation}, IEnumerable{DenyAssignment})"/> adds to its activations and deny assignments.</summary>
    public AccessEvaluatorOptions Options { get; }

    /// <summary>The role catalog every evaluator uses.</summary>
    public RoleCatalog RoleCatalog => Options.RoleCatalog;

    /// <summary>The clock every evaluator uses.</summary>
    public TimeProvider TimeProvider => Options.TimeProvider;

    /// <summary>The group memberships every evaluator uses, if any.</summary>
    public IGroupMembershipProvider? Groups => Options.Groups;

    /// <summary>Builds an evaluator for a snapshot with the factory's <see cref="Options"/>.</summary>
    /// <param name="snapshot">The delegations in force.</param>
    /// <returns>The evaluator.</returns>
    public AccessEvaluator Create(DelegationSnapshot snapshot) => Create(snapshot, [], []);

    /// <summary>
    /// Builds an evaluator for a snapshot with just-in-time activations of eligible authorizations, in addition to
    /// those of <see cref="Options"/>.
    /// </summary>
    /// <param name="snapshot">The delegations in force.</param>
    /// <param name="activations">The activations.</param>
    /// <returns>The evaluator.</returns>
    public AccessEvaluator Create(DelegationSnapshot snapshot, IEnumerable<JustInTimeActivation> activations) =>
        Create(snapshot, activations, []);

    /// <summary>
    /// Builds an evaluator for a snapshot with just-in-time activations and deny assignments, each in addition to
    /// those of <see cref="Options"/>; every other member of <see cref="Options"/> (including
    /// <see cref="AccessEvaluatorOptions.ActionCacheCapacity"/>) is kept.
    /// </summary>
    /// <param name="snapshot">The delegations in force.</param>
    /// <param name="activations">The activations.</param>
    /// <param name="denyAssignments">The deny assignments in the customer tenants.</param>
    /// <returns>The evaluator.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An activation or a deny assignment is null.</exception>
    public AccessEvaluator Create(DelegationSnapshot snapshot, IEnumerable<JustInTimeActivation> activations, IEnumerable<DenyAssignment> denyAssignments)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(denyAssignments);
        return AccessEvaluator.Create(snapshot, With(Options, activations, denyAssignments));
    }

    /// <summary>
    /// A copy of <paramref name="options"/> with more activations and deny assignments. Every member of
    /// <see cref="AccessEvaluatorOptions"/> is copied here (a test checks that none is dropped).
    /// </summary>
    internal static AccessEvaluatorOptions With(AccessEvaluatorOptions options, IEnumerable<JustInTimeActivation> activations, IEnumerable<DenyAssignment> denyAssignments) =>
        new()
        {
            RoleCatalog = options.RoleCatalog,
            TimeProvider = options.TimeProvider,
            Groups = options.Groups,
            Activations = options.Activations.AddRange(activations),
            DenyAssignments = options.DenyAssignments.AddRange(denyAssignments),
            ActionCacheCapacity = options.ActionCacheCapacity,
        };
}
