using System.Diagnostics.CodeAnalysis;

namespace ManagedServices.Access;

/// <summary>
/// An operation name validated once, for callers that check the same actions repeatedly (middleware, batch runs,
/// reverse queries): pass it to <see cref="AccessEvaluator.Check(PrincipalId, in PreparedAction, in PreparedScope)"/>.
/// </summary>
/// <remarks>
/// <para>Only <see cref="TryPrepare(string?, bool, out PreparedAction, out string?)"/> makes one, and only from a
/// well-formed operation name (the grammar of <see cref="AccessReason.MalformedRequest"/>), so a prepared action is
/// never malformed. The <see langword="default"/> value is not prepared (<see cref="IsPrepared"/> false) and every
/// check with it is denied as <see cref="AccessReason.MalformedRequest"/>.</para>
/// <para>A prepared action depends on no evaluator: it stays valid across evaluator swaps (a new snapshot, new
/// options) and needs no re-preparing. Immutable and thread-safe.</para>
/// </remarks>
public readonly struct PreparedAction
{
    private PreparedAction(string name, bool isDataAction, int hash)
    {
        Name = name;
        IsDataAction = isDataAction;
        Hash = hash;
    }

    /// <summary>The operation name as given; <see langword="null"/> for the <see langword="default"/> value.</summary>
    public string? Name { get; }

    /// <summary>True when the action is asked about as a data-plane operation (see <see cref="AccessRequest.IsDataAction"/>).</summary>
    public bool IsDataAction { get; }

    /// <summary>True for a value made by <see cref="TryPrepare(string?, out PreparedAction, out string?)"/>; false for <see langword="default"/>.</summary>
    [MemberNotNullWhen(true, nameof(Name))]
    public bool IsPrepared => Name is not null;

    /// <summary>The case-insensitive hash of <see cref="Name"/>, computed once.</summary>
    internal int Hash { get; }

    /// <summary>Validates a management operation name once.</summary>
    /// <param name="action">The operation name, for example <c>Microsoft.Compute/virtualMachines/read</c>.</param>
    /// <param name="prepared">The prepared action, or <see langword="default"/> when the name is malformed.</param>
    /// <param name="error">Why the name is malformed, or <see langword="null"/>.</param>
    /// <returns>True when the name is a well-formed operation name.</returns>
    public static bool TryPrepare([NotNullWhen(true)] string? action, out PreparedAction prepared, [NotNullWhen(false)] out string? error) =>
        TryPrepare(action, isDataAction: false, out prepared, out error);

    /// <summary>Validates an operation name once.</summary>
    /// <param name="action">The operation name.</param>
    /// <param name="isDataAction">True to ask about it as a data-plane operation (always denied through a delegation).</param>
    /// <param name="prepared">The prepared action, or <see langword="default"/> when the name is malformed.</param>
    /// <param name="error">Why the name is malformed, or <see langword="null"/>.</param>
    /// <returns>True when the name is a well-formed operation name.</returns>
    public static bool TryPrepare([NotNullWhen(true)] string? action, bool isDataAction, out PreparedAction prepared, [NotNullWhen(false)] out string? error)
    {
        if (action is null || !RequestText.IsValidAction(action))
        {
            prepared = default;
            error = RequestText.MalformedActionMessage;
            return false;
        }

        prepared = new PreparedAction(action, isDataAction, RequestText.HashIgnoreCase(action));
        error = null;
        return true;
    }

    /// <summary>The action, for logs.</summary>
    /// <returns>The name (with "data action " before it for a data action), or "(not prepared)".</returns>
    public override string ToString() => Name is null ? "(not prepared)" : (IsDataAction ? "data action " : "") + Name;
}
