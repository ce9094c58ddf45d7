namespace ManagedServices.Reporting;

/// <summary>What a role newly grants a principal (see <see cref="DiffReport"/>).</summary>
public sealed record NewlyGrantedOperations
{
    /// <summary>The scope of the delegation, when delegations were compared; otherwise null.</summary>
    public ResourceScope? Scope { get; init; }

    /// <summary>The principal.</summary>
    public required PrincipalId PrincipalId { get; init; }

    /// <summary>The principal's display name in the newer version, if any.</summary>
    public string? PrincipalDisplayName { get; init; }

    /// <summary>The role.</summary>
    public required RoleDefinitionId RoleDefinitionId { get; init; }

    /// <summary>The role's name in the catalog; null when the catalog does not have it.</summary>
    public string? RoleName { get; init; }

    /// <summary>True when the role is eligible (granted after activation).</summary>
    public bool IsEligible { get; init; }

    /// <summary>How many management operations of Azure's list the role newly grants.</summary>
    public int Count { get; init; }

    /// <summary>A few of them (operations that change something first, then by name).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> Examples { get; init => field = value.OrEmpty(); } = [];

    /// <inheritdoc/>
    public bool Equals(NewlyGrantedOperations? other) =>
        other is not null && Scope == other.Scope && PrincipalId == other.PrincipalId && PrincipalDisplayName == other.PrincipalDisplayName &&
        RoleDefinitionId == other.RoleDefinitionId && RoleName == other.RoleName && IsEligible == other.IsEligible && Count == other.Count &&
        Sequence.Equal(Examples, other.Examples);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Scope, PrincipalId, RoleDefinitionId, IsEligible, Count, Sequence.Hash(Examples));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Scope = ").Append(Scope).Append(", PrincipalId = ").Append(PrincipalId).Append(", RoleDefinitionId = ").Append(RoleDefinitionId)
            .Append(", IsEligible = ").Append(IsEligible).Append(", Count = ").Append(Count).Append(", ");
        Sequence.Print(builder, nameof(Examples), Examples);
        return true;
    }
}
