namespace ManagedServices.Access;

/// <summary>What one principal can do at one scope: the grants that apply there and decisions for given actions.</summary>
/// <param name="PrincipalId">The principal.</param>
/// <param name="Scope">The scope.</param>
/// <param name="Grants">The grants that apply at the scope (a default array is taken as empty).</param>
/// <param name="Actions">The decision for each action asked about (a default array is taken as empty).</param>
public sealed record PrincipalAccess(PrincipalId PrincipalId, string Scope, ImmutableArray<AccessGrant> Grants, ImmutableArray<ActionAccess> Actions)
{
    /// <summary>
    /// The grants whose delegation covers the scope and that name the principal or one of its groups, in snapshot
    /// order. Eligible grants are included and marked; grants of roles that never allow anything are left out.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<AccessGrant> Grants { get; init => field = value.OrEmpty(); } = Grants.OrEmpty();

    /// <summary>The decision for each action asked about, in the order given.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<ActionAccess> Actions { get; init => field = value.OrEmpty(); } = Actions.OrEmpty();

    /// <inheritdoc/>
    public bool Equals(PrincipalAccess? other) =>
        other is not null && PrincipalId == other.PrincipalId && Scope == other.Scope &&
        Sequence.Equal(Grants, other.Grants) && Sequence.Equal(Actions, other.Actions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(PrincipalId, Scope, Sequence.Hash(Grants), Sequence.Hash(Actions));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("PrincipalId = ").Append(PrincipalId).Append(", Scope = ").Append(Scope).Append(", ");
        Sequence.Print(builder, nameof(Grants), Grants).Append(", ");
        Sequence.Print(builder, nameof(Actions), Actions);
        return true;
    }
}
