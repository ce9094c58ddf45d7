namespace ManagedServices.Access;

/// <summary>
/// An Azure deny assignment in a customer tenant: it blocks the operations it lists for the principals it names at
/// its scope, and takes precedence over every grant. Customers cannot create deny assignments; Azure creates system
/// deny assignments (for example for managed applications), and those apply to managing-tenant callers too.
/// </summary>
/// <remarks>
/// Patterns follow role definitions: <c>*</c> matches any run of characters including <c>/</c>, matching ignores
/// case, and the assignment denies <see cref="Actions"/> minus <see cref="NotActions"/> (management operations) and
/// <see cref="DataActions"/> minus <see cref="NotDataActions"/> (data operations). Data that cannot be understood
/// fails closed; see <c>docs/evaluation.md</c>.
/// </remarks>
public sealed record DenyAssignment
{
    /// <summary>The principal ID that stands for every principal (Azure's "All Principals"): the empty GUID.</summary>
    public static PrincipalId AllPrincipals => default;

    /// <summary>The deny assignment ID.</summary>
    public required Guid Id { get; init; }

    /// <summary>The deny assignment's name, if known.</summary>
    public string? Name { get; init; }

    /// <summary>The scope the assignment applies at (and below, unless <see cref="DoNotApplyToChildScopes"/>).</summary>
    public required ResourceScope Scope { get; init; }

    /// <summary>The management operations denied (patterns).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> Actions { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Management operations removed from <see cref="Actions"/> (patterns).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> NotActions { get; init => field = value.OrEmpty(); } = [];

    /// <summary>The data operations denied (patterns).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> DataActions { get; init => field = value.OrEmpty(); } = [];

    /// <summary>Data operations removed from <see cref="DataActions"/> (patterns).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> NotDataActions { get; init => field = value.OrEmpty(); } = [];

    /// <summary>
    /// The users, groups and service principals denied; <see cref="AllPrincipals"/> (the empty GUID) means everyone.
    /// A group stands for its members.
    /// </summary>
    public required ImmutableArray<PrincipalId> Principals { get; init => field = value.OrEmpty(); }

    /// <summary>Principals the assignment does not apply to; excluding a group excludes its members.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<PrincipalId> ExcludePrincipals { get; init => field = value.OrEmpty(); } = [];

    /// <summary>True when the assignment applies at exactly <see cref="Scope"/> and not below it.</summary>
    public bool DoNotApplyToChildScopes { get; init; }

    /// <inheritdoc/>
    public bool Equals(DenyAssignment? other) =>
        other is not null && Id == other.Id && Name == other.Name && Scope == other.Scope &&
        DoNotApplyToChildScopes == other.DoNotApplyToChildScopes &&
        Sequence.Equal(Actions, other.Actions) && Sequence.Equal(NotActions, other.NotActions) &&
        Sequence.Equal(DataActions, other.DataActions) && Sequence.Equal(NotDataActions, other.NotDataActions) &&
        Sequence.Equal(Principals, other.Principals) && Sequence.Equal(ExcludePrincipals, other.ExcludePrincipals);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Id, Name, Scope, DoNotApplyToChildScopes, Sequence.Hash(Actions), Sequence.Hash(DataActions), Sequence.Hash(Principals));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Name = ").Append(Name).Append(", Scope = ").Append(Scope)
            .Append(", DoNotApplyToChildScopes = ").Append(DoNotApplyToChildScopes);
        foreach (var (name, patterns) in (ReadOnlySpan<(string, ImmutableArray<string>)>)
                 [(nameof(Actions), Actions), (nameof(NotActions), NotActions), (nameof(DataActions), DataActions), (nameof(NotDataActions), NotDataActions)])
        {
            Sequence.Print(builder.Append(", "), name, patterns);
        }

        Sequence.Print(builder.Append(", "), nameof(Principals), Principals);
        Sequence.Print(builder.Append(", "), nameof(ExcludePrincipals), ExcludePrincipals);
        return true;
    }
}
