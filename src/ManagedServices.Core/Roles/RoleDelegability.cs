namespace ManagedServices;

/// <summary>
/// Whether a role can be used in a Lighthouse authorization, computed from its permissions (not from a hand-kept
/// list): Owner, roles with data actions, and roles whose effective or listed actions include a restricted
/// <c>Microsoft.Authorization</c> action are not delegable. User Access Administrator is the documented exception:
/// delegable only with delegated roles, to assign roles to managed identities.
/// </summary>
public sealed record RoleDelegability
{
    /// <summary>The restricted action patterns as the Lighthouse documentation lists them.</summary>
    public static ImmutableArray<string> RestrictedActionPatterns { get; } =
    [
        "Microsoft.Authorization/*",
        "Microsoft.Authorization/*/write",
        "Microsoft.Authorization/*/delete",
        "Microsoft.Authorization/roleAssignments/write",
        "Microsoft.Authorization/roleAssignments/delete",
        "Microsoft.Authorization/roleDefinitions/write",
        "Microsoft.Authorization/roleDefinitions/delete",
        "Microsoft.Authorization/classicAdministrators/write",
        "Microsoft.Authorization/classicAdministrators/delete",
        "Microsoft.Authorization/locks/write",
        "Microsoft.Authorization/locks/delete",
        "Microsoft.Authorization/denyAssignments/write",
        "Microsoft.Authorization/denyAssignments/delete",
    ];

    /// <summary>The concrete restricted operations (the listed patterns without wildcards).</summary>
    internal static ImmutableArray<string> RestrictedOperations { get; } =
        [.. RestrictedActionPatterns.Where(static p => !p.Contains('*', StringComparison.Ordinal))];

    /// <summary>The role.</summary>
    public required RoleDefinitionId RoleDefinitionId { get; init; }

    /// <summary>True when the role can be used in a permanent authorization without conditions.</summary>
    public bool IsDelegable { get; init; }

    /// <summary>True for User Access Administrator: delegable only with <c>delegatedRoleDefinitionIds</c>.</summary>
    public bool RequiresDelegatedRoles { get; init; }

    /// <summary>True for Owner.</summary>
    public bool IsOwner { get; init; }

    /// <summary>True when the role has data actions or not-data actions.</summary>
    public bool HasDataActions { get; init; }

    /// <summary>True when the role is not a built-in role.</summary>
    public bool IsCustom { get; init; }

    /// <summary>The restricted actions the role lists or effectively grants (empty when none).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> RestrictedActions { get; init => field = value.OrEmpty(); } = [];

    /// <summary>A one-line explanation, for example "has data actions".</summary>
    public required string Reason { get; init; }

    /// <summary>Classifies a role.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The classification.</returns>
    public static RoleDelegability Evaluate(RoleDefinition role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var isOwner = role.Id == BuiltInRoleIds.Owner;
        var isUaa = role.Id == BuiltInRoleIds.UserAccessAdministrator;
        var restricted = ImmutableArray.CreateBuilder<string>();
        foreach (var pattern in RestrictedActionPatterns)
        {
            if (role.Permissions.Any(p => p.Actions.Any(a => string.Equals(a.Trim(), pattern, StringComparison.OrdinalIgnoreCase))))
            {
                restricted.Add(pattern);
            }
        }

        foreach (var operation in RestrictedOperations)
        {
            if (!restricted.Contains(operation, StringComparer.OrdinalIgnoreCase) && role.PermitsAction(operation))
            {
                restricted.Add(operation);
            }
        }

        var reasons = new List<string>();
        if (isOwner)
        {
            reasons.Add("Owner is not supported");
        }

        if (!role.IsBuiltIn)
        {
            reasons.Add("custom roles are not supported");
        }

        if (role.HasDataActions)
        {
            reasons.Add("has data actions");
        }

        if (restricted.Count > 0 && !isUaa)
        {
            reasons.Add("includes restricted actions (" + string.Join(", ", restricted) + ")");
        }

        var delegable = reasons.Count == 0 && !isUaa;
        return new RoleDelegability
        {
            RoleDefinitionId = role.Id,
            IsDelegable = delegable,
            RequiresDelegatedRoles = isUaa && reasons.Count == 0,
            IsOwner = isOwner,
            HasDataActions = role.HasDataActions,
            IsCustom = !role.IsBuiltIn,
            RestrictedActions = restricted.ToImmutable(),
            Reason = isUaa && reasons.Count == 0
                ? "delegable only with delegatedRoleDefinitionIds, to assign those roles to managed identities"
                : delegable ? "delegable" : string.Join("; ", reasons),
        };
    }

    /// <summary>
    /// Why <paramref name="id"/> cannot be one of User Access Administrator's <c>delegatedRoleDefinitionIds</c>, or null
    /// when it can: it must be a delegable role of <paramref name="catalog"/> other than User Access Administrator and
    /// Owner (rule book 2.2: "any Lighthouse-supported built-in role except UAA and Owner"). The one rule behind the
    /// validator's MSC1007 and the access evaluator's User Access Administrator grant.
    /// </summary>
    internal static string? WhyNotAssignable(RoleCatalog catalog, RoleDefinitionId id)
    {
        if (id == BuiltInRoleIds.UserAccessAdministrator || id == BuiltInRoleIds.Owner)
        {
            return "User Access Administrator and Owner cannot be delegated";
        }

        if (catalog.GetDelegability(id) is not { } delegability)
        {
            return "it is not in the role catalog";
        }

        return delegability.IsDelegable ? null : "it is not delegable: " + delegability.Reason;
    }

    /// <inheritdoc/>
    public bool Equals(RoleDelegability? other) =>
        other is not null && RoleDefinitionId == other.RoleDefinitionId && IsDelegable == other.IsDelegable &&
        RequiresDelegatedRoles == other.RequiresDelegatedRoles && IsOwner == other.IsOwner &&
        HasDataActions == other.HasDataActions && IsCustom == other.IsCustom && Reason == other.Reason &&
        Sequence.Equal(RestrictedActions, other.RestrictedActions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(RoleDefinitionId, IsDelegable, Reason, Sequence.Hash(RestrictedActions));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RoleDefinitionId = ").Append(RoleDefinitionId).Append(", IsDelegable = ").Append(IsDelegable)
            .Append(", Reason = ").Append(Reason);
        return true;
    }
}
