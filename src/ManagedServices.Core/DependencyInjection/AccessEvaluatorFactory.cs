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
    {
        ArgumentNullException.ThrowIfNull(roleCatalog);
        RoleCatalog = roleCatalog;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Groups = groups;
    }

    /// <summary>The role catalog every evaluator uses.</summary>
    public RoleCatalog RoleCatalog { get; }

    /// <summary>The clock every evaluator uses.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The group memberships every evaluator uses, if any.</summary>
    public IGroupMembershipProvider? Groups { get; }

    /// <summary>Builds an evaluator for a snapshot.</summary>
    /// <param name="snapshot">The delegations in force.</param>
    /// <returns>The evaluator.</returns>
    public AccessEvaluator Create(DelegationSnapshot snapshot) => Create(snapshot, []);

    /// <summary>Builds an evaluator for a snapshot with just-in-time activations of eligible authorizations.</summary>
    /// <param name="snapshot">The delegations in force.</param>
    /// <param name="activations">The activations.</param>
    /// <returns>The evaluator.</returns>
    public AccessEvaluator Create(DelegationSnapshot snapshot, IEnumerable<JustInTimeActivation> activations)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(activations);
        return AccessEvaluator.Create(snapshot, new AccessEvaluatorOptions
        {
            RoleCatalog = RoleCatalog,
            TimeProvider = TimeProvider,
            Groups = Groups,
            Activations = [.. activations],
        });
    }
}
