namespace ManagedServices.Access;

/// <summary>
/// The rank of each <see cref="AccessReason"/>: from the earliest failing step to the one closest to an Allow. When
/// several authorizations fail, a decision reports the reason with the highest rank. Members added after the first
/// release keep their numeric value but are ranked at their step.
/// </summary>
internal static class AccessReasonRank
{
    private static readonly AccessReason[] Order =
    [
        AccessReason.Allowed,
        AccessReason.MalformedRequest,
        AccessReason.DataActionNotDelegated,
        AccessReason.NoDelegationCoversScope,
        AccessReason.PrincipalNotAuthorized,
        AccessReason.TenantMismatch,
        AccessReason.RoleNotInCatalog,
        AccessReason.CustomRoleNotDelegable,
        AccessReason.RoleNotDelegable,
        AccessReason.ActionNotInRole,
        AccessReason.ExcludedByNotActions,
        AccessReason.ManagedServicesOperationNotDelegable,
        AccessReason.ConditionNotEvaluated,
        AccessReason.UserAccessAdministratorRestricted,
        AccessReason.EligibleNotActivated,
        AccessReason.ActivationExpired,
        AccessReason.ApprovalRequired,
        AccessReason.MfaRequired,
        AccessReason.DeniedByDenyAssignment,
    ];

    private static readonly byte[] Ranks = Build();

    /// <summary>The rank of <paramref name="reason"/>; a value not in the order ranks after every listed one.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Of(AccessReason reason) =>
        (uint)reason < (uint)Ranks.Length && Ranks[(int)reason] != byte.MaxValue ? Ranks[(int)reason] : Order.Length + (int)reason;

    /// <summary>True when <paramref name="reason"/> ranks above <paramref name="than"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool Above(AccessReason reason, AccessReason than) => Of(reason) > Of(than);

    private static byte[] Build()
    {
        var ranks = new byte[Order.Max(static r => (int)r) + 1];
        Array.Fill(ranks, byte.MaxValue);
        for (var i = 0; i < Order.Length; i++)
        {
            ranks[(int)Order[i]] = (byte)i;
        }

        return ranks;
    }
}
