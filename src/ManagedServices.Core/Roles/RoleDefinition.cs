using System.Collections.Immutable;
using System.Text;

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
        Sequence.Print(builder, nameof(Actions), Actions);
        builder.Append(", ");
        Sequence.Print(builder, nameof(NotActions), NotActions);
        builder.Append(", ");
        Sequence.Print(builder, nameof(DataActions), DataActions);
        builder.Append(", ");
        Sequence.Print(builder, nameof(NotDataActions), NotDataActions);
        if (Condition is not null)
        {
            builder.Append(", Condition = ").Append(Condition);
        }

        return true;
    }
}

/// <summary>An Azure role definition: an ID, a name and permission blocks.</summary>
public sealed record RoleDefinition
{
    /// <summary>The role definition ID.</summary>
    public required RoleDefinitionId Id { get; init; }

    /// <summary>The role name, for example <c>Contributor</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The description.</summary>
    /// <value>The default value is empty.</value>
    public string Description { get; init; } = "";

    /// <summary>
    /// True for a built-in role (Lighthouse accepts only built-in roles). The access evaluator never lets a role marked
    /// false grant anything (<c>AccessReason.CustomRoleNotDelegable</c>); mark custom roles when building a catalog.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IsBuiltIn { get; init; } = true;

    /// <summary>The permission blocks.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RolePermissionBlock> Permissions { get; init => field = value.OrEmpty(); } = [];

    /// <summary>True when any block has data actions or not-data actions.</summary>
    public bool HasDataActions => Permissions.Any(static p => !p.DataActions.IsEmpty || !p.NotDataActions.IsEmpty);

    /// <summary>
    /// True when the role grants the management operation <paramref name="action"/>: some block's Actions match it
    /// and that same block's NotActions do not (a NotAction never removes what another block grants).
    /// </summary>
    /// <param name="action">The operation.</param>
    /// <returns>True when granted.</returns>
    public bool PermitsAction(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var p in Permissions)
        {
            if (p.PermitsAction(action))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public bool Equals(RoleDefinition? other) =>
        other is not null && Id == other.Id && Name == other.Name && Description == other.Description &&
        IsBuiltIn == other.IsBuiltIn && Sequence.Equal(Permissions, other.Permissions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, Description, IsBuiltIn, Sequence.Hash(Permissions));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Name = ").Append(Name).Append(", IsBuiltIn = ").Append(IsBuiltIn).Append(", ");
        Sequence.Print(builder, nameof(Permissions), Permissions);
        return true;
    }
}
