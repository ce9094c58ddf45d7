namespace ManagedServices.Access;

/// <summary>
/// Holds the evaluator in force and replaces it atomically when the delegations change (an update, a new
/// delegation, a removal). Readers never see a half-applied state: an <see cref="AccessEvaluator"/> is immutable, and
/// the holder publishes a fully built one with a single reference write.
/// </summary>
/// <remarks>
/// <para>Thread-safe. <see cref="Check(in AccessRequest)"/> reads <see cref="Current"/> once, so each decision
/// comes from exactly one snapshot; to decide several requests against the same snapshot, read
/// <see cref="Current"/> once and call <see cref="AccessEvaluator.Check(in AccessRequest)"/> on it.</para>
/// <para>Writers either publish an evaluator they built (<see cref="Exchange"/>) or derive the next snapshot from
/// the current one (<see cref="Update"/>), which retries when another writer published first, so no update is lost.</para>
/// </remarks>
public sealed class AccessEvaluatorHolder
{
    private AccessEvaluator _current;

    /// <summary>Creates a holder for an evaluator.</summary>
    /// <param name="initial">The evaluator in force.</param>
    /// <exception cref="ArgumentNullException"><paramref name="initial"/> is null.</exception>
    public AccessEvaluatorHolder(AccessEvaluator initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
    }

    /// <summary>The evaluator in force (a volatile read).</summary>
    public AccessEvaluator Current => Volatile.Read(ref _current);

    /// <summary>Decides a request with the evaluator in force. Never throws on bad data.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The decision.</returns>
    public AccessDecision Check(in AccessRequest request) => Current.Check(in request);

    /// <summary>Publishes <paramref name="next"/> and returns the evaluator it replaced.</summary>
    /// <param name="next">The new evaluator, fully built.</param>
    /// <returns>The previous evaluator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="next"/> is null.</exception>
    public AccessEvaluator Exchange(AccessEvaluator next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Interlocked.Exchange(ref _current, next);
    }

    /// <summary>
    /// Derives a new snapshot from the current one, builds its evaluator with the current options and publishes it,
    /// retrying when another writer published in between (so <paramref name="change"/> may run more than once and
    /// should have no side effects).
    /// </summary>
    /// <param name="change">Computes the next snapshot from the current one.</param>
    /// <returns>The evaluator that was published.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> is null or returned null.</exception>
    public AccessEvaluator Update(Func<DelegationSnapshot, DelegationSnapshot> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var current = Current;
            var snapshot = change(current.Snapshot) ?? throw new ArgumentNullException(nameof(change), "The change returned a null snapshot.");
            var next = AccessEvaluator.Create(snapshot, current.Options);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, next, current), current))
            {
                return next;
            }
        }
    }
}
