namespace ManagedServices;

/// <summary>
/// One permission block of a role: management-plane <see cref="Actions"/> minus <see cref="NotActions"/>, and
/// data-plane <see cref="DataActions"/> minus <see cref="NotDataActions"/>, optionally under an ABAC condition.
/// Patterns compare case-insensitively; <c>*</c> matches any run of characters, including <c>/</c>.
/// </summary>
public sealed record RolePermissionBlock
{
    /// <summary>Management-plane operations granted (patterns).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> Actions { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Management-plane operations subtracted from <see cref="Actions"/> of this block only.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> NotActions { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Data-plane operations granted (patterns).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> DataActions { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Data-plane operations subtracted from <see cref="DataActions"/> of this block only.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> NotDataActions { get; init => field = value.OrEmpty(); } = [];

    /// <summary>
    /// An ABAC condition on the block, if any. A condition depends on the request and the resource, so the access
    /// evaluator cannot evaluate it offline: there, a block with a condition grants nothing
    /// (<c>AccessReason.ConditionNotEvaluated</c>).
    /// </summary>
    public string? Condition { get; init; }

    /// <summary>The version of <see cref="Condition"/>, if any.</summary>
    public string? ConditionVersion { get; init; }

    /// <summary>
    /// True when this block's Actions and NotActions grant <paramref name="action"/> (a concrete management operation).
    /// <see cref="Condition"/> is not considered (the access evaluator, unlike this method, lets a conditioned block grant nothing).
    /// </summary>
    /// <param name="action">The operation, for example <c>Microsoft.Compute/virtualMachines/read</c>.</param>
    /// <returns>True when one of <see cref="Actions"/> matches and none of <see cref="NotActions"/> does.</returns>
    public bool PermitsAction(string action) =>
        ActionPattern.MatchesAny(action, Actions) && !ActionPattern.MatchesAny(action, NotActions);

    /// <summary>True when this block grants the data operation <paramref name="dataAction"/>.</summary>
    /// <param name="dataAction">The data operation.</param>
    /// <returns>True when one of <see cref="DataActions"/> matches and none of <see cref="NotDataActions"/> does.</returns>
    public bool PermitsDataAction(string dataAction) =>
        ActionPattern.MatchesAny(dataAction, DataActions) && !ActionPattern.MatchesAny(dataAction, NotDataActions);

    /// <inheritdoc/>
    public bool Equals(RolePermissionBlock? other) =>
        other is not null && Sequence.Equal(Actions, other.Actions) && Sequence.Equal(NotActions, other.NotActions) &&
        Sequence.Equal(DataActions, other.DataActions) && Sequence.Equal(NotDataActions, other.NotDataActions) &&
        Condition == other.Condition && ConditionVersion == other.ConditionVersion;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Sequence.Hash(Actions), Sequence.Hash(NotActions), Sequence.Hash(DataActions), Sequence.Hash(NotDataActions), Condition, ConditionVersion);

    private bool PrintMembers(StringBuilder builder)
    {
        Sequence.Print(builder, nameof(Actions), Actions).Append(", ");
        Sequence.Print(builder, nameof(NotActions), NotActions).Append(", ");
        Sequence.Print(builder, nameof(DataActions), DataActions).Append(", ");
        Sequence.Print(builder, nameof(NotDataActions), NotDataActions);
        if (Condition is not null)
        {
            builder.Append(", Condition = ").Append(Condition);
        }

        return true;
    }
}
