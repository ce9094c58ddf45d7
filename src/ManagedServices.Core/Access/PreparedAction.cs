namespace ManagedServices.Access;

/// <summary>
/// An operation name validated once, for callers that check the same actions repeatedly (middleware, batch runs,
/// reverse queries): pass it to <see cref="AccessEvaluator.Check(PrincipalId, in PreparedAction, in PreparedScope)"/>.
/// </summary>
/// <remarks>
/// <para>Only <see cref="Read"/> and <see cref="TryPrepare(string?, bool, out PreparedAction)"/> make one, and only
/// from a well-formed operation name (the grammar of <see cref="AccessReason.MalformedRequest"/>), so a prepared
/// action is never malformed. The <see langword="default"/> value is not prepared (<see cref="IsPrepared"/> false) and
/// every check with it is denied as <see cref="AccessReason.MalformedRequest"/>.</para>
/// <para><b>Across evaluator swaps:</b> a prepared action stays valid with every evaluator, including one built later
/// from a new snapshot or new options, and gives that evaluator's decision; it never needs re-preparing. The first
/// check with an evaluator binds the handle to that evaluator's memo entry of the action (an internal shortcut, keyed
/// by the evaluator, so that later checks are a few array reads); a check with another evaluator sees that the binding
/// is not its own, looks the action up again and binds it anew. A handle used with two evaluators in turn stays
/// correct, only slower. Immutable to its users and thread-safe.</para>
/// </remarks>
public readonly struct PreparedAction
{
    private readonly PreparedActionHandle? _handle;

    private PreparedAction(PreparedActionHandle handle) => _handle = handle;

    /// <summary>The operation name as given; <see langword="null"/> for the <see langword="default"/> value.</summary>
    public string? Name => _handle?.Name;

    /// <summary>True when the action is asked about as a data-plane operation (see <see cref="AccessRequest.IsDataAction"/>).</summary>
    public bool IsDataAction => _handle is { IsDataAction: true };

    /// <summary>True for a value made by <see cref="Read"/> or <see cref="TryPrepare(string?, out PreparedAction)"/>; false for <see langword="default"/>.</summary>
    [MemberNotNullWhen(true, nameof(Name))]
    public bool IsPrepared => _handle is not null;

    /// <summary>The validated name, its hash and the evaluator binding; null for the <see langword="default"/> value.</summary>
    internal PreparedActionHandle? Handle => _handle;

    /// <summary>Validates a management operation name once.</summary>
    /// <param name="action">The operation name, for example <c>Microsoft.Compute/virtualMachines/read</c>.</param>
    /// <param name="prepared">The prepared action, or <see langword="default"/> when the name is malformed.</param>
    /// <returns>True when the name is a well-formed operation name. <see cref="Read"/> says why it is not.</returns>
    public static bool TryPrepare([NotNullWhen(true)] string? action, out PreparedAction prepared) =>
        TryPrepare(action, isDataAction: false, out prepared);

    /// <summary>Validates an operation name once.</summary>
    /// <param name="action">The operation name.</param>
    /// <param name="isDataAction">True to ask about it as a data-plane operation (always denied through a delegation).</param>
    /// <param name="prepared">The prepared action, or <see langword="default"/> when the name is malformed.</param>
    /// <returns>True when the name is a well-formed operation name. <see cref="Read"/> says why it is not.</returns>
    public static bool TryPrepare([NotNullWhen(true)] string? action, bool isDataAction, out PreparedAction prepared)
    {
        if (action is null || !RequestText.IsValidAction(action))
        {
            prepared = default;
            return false;
        }

        prepared = new PreparedAction(new PreparedActionHandle(action, isDataAction, RequestText.HashIgnoreCase(action)));
        return true;
    }

    /// <summary>
    /// Validates an operation name once into a result: the prepared action, or an error
    /// <see cref="DiagnosticCodes.InvalidOperationName"/> that says why the name is malformed. Never throws.
    /// </summary>
    /// <param name="action">The operation name, for example <c>Microsoft.Compute/virtualMachines/read</c>.</param>
    /// <param name="isDataAction">True to ask about it as a data-plane operation (always denied through a delegation).</param>
    /// <param name="path">The path of the diagnostic (for example <c>action</c> or <c>requests[3].action</c>).</param>
    /// <returns>The result; on failure its value is the <see langword="default"/> (not prepared) action.</returns>
    public static DiagnosticResult<PreparedAction> Read(string? action, bool isDataAction = false, string path = "") =>
        TryPrepare(action, isDataAction, out var prepared)
            ? new(prepared, [])
            : new(default, [Diagnostic.Error(DiagnosticCodes.InvalidOperationName, NotAnOperation(action), path ?? "")]);

    /// <summary>The action, for logs.</summary>
    /// <returns>The name (with "data action " before it for a data action), or "(not prepared)".</returns>
    public override string ToString() => _handle is null ? "(not prepared)" : (_handle.IsDataAction ? "data action " : "") + _handle.Name;

    private static string NotAnOperation(string? action) =>
        action is null ? "The operation name is missing." : $"'{MessageText.Clip(action)}': {RequestText.MalformedActionMessage}.";
}

/// <summary>
/// What a <see cref="PreparedAction"/> holds: the validated name, its case-insensitive hash, the data-action flag, and
/// the memo entry of the last evaluator that checked it (see <see cref="TryGetEntry"/>).
/// </summary>
internal sealed class PreparedActionHandle(string name, bool isDataAction, int hash)
{
    private ActionCache.Entry? _entry;

    // A copy of one evaluator's memo facts for this action (see TryGetOutcomes), guarded by a sequence number: even
    // when stable, odd while a writer copies. Readers retry nothing: a read that overlaps a write is simply a miss.
    private int _sequence;
    private uint _owner;
    private long _known;
    private long _permits;
    private long _excluded;
    private int _plane;

    public string Name { get; } = name;

    public bool IsDataAction { get; } = isDataAction;

    /// <summary>The hash of <see cref="Name"/> by <see cref="RequestText.HashIgnoreCase"/>, computed once.</summary>
    public int Hash { get; } = hash;

    /// <summary>
    /// The entry bound by <see cref="Bind"/> when it belongs to <paramref name="cache"/> (an entry records the memo that
    /// made it, and a memo belongs to one evaluator), else null: an entry of another evaluator is never returned.
    /// </summary>
    public ActionCache.Entry? TryGetEntry(ActionCache cache)
    {
        var entry = Volatile.Read(ref _entry);
        return entry is not null && ReferenceEquals(entry.Owner, cache) ? entry : null;
    }

    /// <summary>Remembers the memo entry of this name (one reference, written atomically; the last writer wins).</summary>
    public void Bind(ActionCache.Entry entry) => Volatile.Write(ref _entry, entry);

    /// <summary>
    /// The facts copied by <see cref="Remember"/> for the evaluator of binding identity <paramref name="evaluator"/>:
    /// the action's plane and, for roles 0-63, which outcomes are known and what they are. False when the copy is
    /// another evaluator's, none was made, <paramref name="evaluator"/> is 0, or a copy is being written at the same
    /// time. Read without touching the memo entry, so a check with a bound handle reads one object fewer.
    /// </summary>
    /// <remarks>
    /// A sequence lock: the number is read before and after the fields (every read an acquire, so none moves across
    /// the other), and the copy counts only when the number is the same even value both times, so a reader never
    /// mixes two copies. The facts only grow (a known outcome never changes), so an older copy is a subset of the
    /// memo's, never a contradiction.
    /// </remarks>
    public bool TryGetOutcomes(uint evaluator, out BoundOutcomes outcomes)
    {
        var before = Volatile.Read(ref _sequence);
        var owner = Volatile.Read(ref _owner);
        outcomes = new BoundOutcomes(
            (ulong)Volatile.Read(ref _known), (ulong)Volatile.Read(ref _permits), (ulong)Volatile.Read(ref _excluded),
            (Operations.OperationPlane)Volatile.Read(ref _plane));
        return (before & 1) == 0 && evaluator != 0 && owner == evaluator && Volatile.Read(ref _sequence) == before;
    }

    /// <summary>
    /// Copies the facts of <paramref name="entry"/> (the memo entry of this name in the evaluator of binding identity
    /// <paramref name="evaluator"/>) for <see cref="TryGetOutcomes"/>; does nothing when <paramref name="evaluator"/>
    /// is 0, the copy is this evaluator's and already knows every outcome the entry knows (so checks that keep taking
    /// the full path do not keep writing the shared handle), or another thread is copying at the same moment (the next
    /// check copies again).
    /// </summary>
    public void Remember(uint evaluator, ActionCache.Entry entry)
    {
        entry.ReadOutcomes(out var known, out var permits, out var excluded);
        var before = Volatile.Read(ref _sequence);
        if (evaluator == 0 || (TryGetOutcomes(evaluator, out var copy) && copy.Known == known) ||
            (before & 1) != 0 || Interlocked.CompareExchange(ref _sequence, before + 1, before) != before)
        {
            return;
        }

        Volatile.Write(ref _owner, evaluator);
        Volatile.Write(ref _known, (long)known);
        Volatile.Write(ref _permits, (long)permits);
        Volatile.Write(ref _excluded, (long)excluded);
        Volatile.Write(ref _plane, (int)entry.Plane);
        Volatile.Write(ref _sequence, before + 2);
    }
}

/// <summary>
/// One evaluator's facts about one action, as a <see cref="PreparedActionHandle"/> holds them: the plane, and for
/// roles 0-63 which outcomes are known (<see cref="Known"/>) and which of those permit or exclude the action.
/// </summary>
internal readonly record struct BoundOutcomes(ulong Known, ulong Permits, ulong Excluded, Operations.OperationPlane Plane);
