namespace ManagedServices;

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
