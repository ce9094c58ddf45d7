using ManagedServices.Offers;

namespace ManagedServices.Access;

/// <summary>
/// An immutable set of delegations in force (registration definitions assigned at customer scopes), the input of
/// <see cref="AccessEvaluator.Create(DelegationSnapshot, AccessEvaluatorOptions?)"/>.
/// </summary>
/// <remarks>Thread-safe. The order of <see cref="Delegations"/> is kept; it decides which grant an evaluator
/// reports when several allow the same request.</remarks>
public sealed class DelegationSnapshot
{
    private DelegationSnapshot(ImmutableArray<Delegation> delegations) => Delegations = delegations;

    /// <summary>The snapshot without delegations: every check is denied.</summary>
    public static DelegationSnapshot Empty { get; } = new([]);

    /// <summary>The delegations, in the order given.</summary>
    public ImmutableArray<Delegation> Delegations { get; }

    /// <summary>Creates a snapshot.</summary>
    /// <param name="delegations">The delegations; null entries are not allowed.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="delegations"/> or one of its entries is null.</exception>
    public static DelegationSnapshot Create(IEnumerable<Delegation> delegations)
    {
        ArgumentNullException.ThrowIfNull(delegations);
        var list = delegations.ToImmutableArray();
        foreach (var d in list)
        {
            ArgumentNullException.ThrowIfNull(d, nameof(delegations));
        }

        return list.IsEmpty ? Empty : new DelegationSnapshot(list);
    }
}
