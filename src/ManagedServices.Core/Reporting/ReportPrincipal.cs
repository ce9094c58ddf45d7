namespace ManagedServices.Reporting;

/// <summary>A principal in an <see cref="AccessReport"/>, with every display name the definitions give it.</summary>
public sealed record ReportPrincipal
{
    /// <summary>The managing tenant the principal belongs to.</summary>
    public required TenantId ManagingTenantId { get; init; }

    /// <summary>The object ID.</summary>
    public required PrincipalId Id { get; init; }

    /// <summary>The kind, when every authorization that names it agrees; otherwise <see cref="PrincipalKind.Unknown"/>.</summary>
    public PrincipalKind Kind { get; init; }

    /// <summary>The distinct display names, ordered; empty when none is given.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> DisplayNames { get; init => field = value.OrEmpty(); } = [];

    /// <inheritdoc/>
    public bool Equals(ReportPrincipal? other) =>
        other is not null && ManagingTenantId == other.ManagingTenantId && Id == other.Id && Kind == other.Kind && Sequence.Equal(DisplayNames, other.DisplayNames);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ManagingTenantId, Id, Kind, Sequence.Hash(DisplayNames));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ManagingTenantId = ").Append(ManagingTenantId).Append(", Id = ").Append(Id).Append(", Kind = ").Append(Kind).Append(", ");
        Sequence.Print(builder, nameof(DisplayNames), DisplayNames);
        return true;
    }
}
