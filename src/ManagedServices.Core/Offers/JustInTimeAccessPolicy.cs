namespace ManagedServices.Offers;

/// <summary>The just-in-time activation policy of an <see cref="EligibleAuthorization"/>.</summary>
public sealed record JustInTimeAccessPolicy
{
    /// <summary>The service's defaults: no MFA, eight hours, no approvers.</summary>
    public static JustInTimeAccessPolicy Default { get; } = new();

    /// <summary>Whether activation requires MFA (<c>multiFactorAuthProvider</c>).</summary>
    /// <value>The default value is <see cref="MultiFactorAuthProvider.None"/>, as in the service.</value>
    public MultiFactorAuthProvider MultiFactorAuthProvider { get; init; } = MultiFactorAuthProvider.None;

    /// <summary>The longest activation (<c>maximumActivationDuration</c>); the service allows 30 minutes to 8 hours.</summary>
    /// <value>The default value is 8 hours.</value>
    public TimeSpan MaximumActivationDuration { get; init; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The users or groups of the managing tenant who must approve an activation (<c>managedByTenantApprovers</c>);
    /// empty when the principal may activate without approval. At most 10.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<Principal> Approvers { get; init => field = value.OrEmpty(); } = [];

    /// <summary>True when an activation needs an approval.</summary>
    public bool RequiresApproval => !Approvers.IsEmpty;

    /// <inheritdoc/>
    public bool Equals(JustInTimeAccessPolicy? other) =>
        other is not null && MultiFactorAuthProvider == other.MultiFactorAuthProvider &&
        MaximumActivationDuration == other.MaximumActivationDuration && Sequence.Equal(Approvers, other.Approvers);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(MultiFactorAuthProvider, MaximumActivationDuration, Sequence.Hash(Approvers));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("MultiFactorAuthProvider = ").Append(MultiFactorAuthProvider)
            .Append(", MaximumActivationDuration = ").Append(IsoDuration.Format(MaximumActivationDuration)).Append(", ");
        Sequence.Print(builder, nameof(Approvers), Approvers);
        return true;
    }
}
