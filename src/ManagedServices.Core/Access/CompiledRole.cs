namespace ManagedServices.Access;

/// <summary>What one role says about one action.</summary>
internal enum RoleOutcome : byte
{
    NotInRole = 0,
    Permits = 1,
    Excluded = 2,
}

/// <summary>How a role takes part in evaluation.</summary>
internal enum RoleMode : byte
{
    /// <summary>Actions minus NotActions of each block.</summary>
    Normal,

    /// <summary>User Access Administrator: the Lighthouse special grant only.</summary>
    UserAccessAdministrator,

    /// <summary>The catalog does not have the role: grants nothing.</summary>
    Missing,

    /// <summary>Owner or a role with restricted actions: grants nothing.</summary>
    NotDelegable,
}

/// <summary>A role prepared for matching: trimmed patterns per block, exact ones separated from wildcards.</summary>
internal sealed class CompiledRole
{
    public const string RoleAssignmentsRead = "Microsoft.Authorization/roleAssignments/read";
    public const string RoleAssignmentsWrite = "Microsoft.Authorization/roleAssignments/write";
    public const string RoleAssignmentsDelete = "Microsoft.Authorization/roleAssignments/delete";
    public const string SupportPattern = "Microsoft.Support/*";

    private readonly Block[] _blocks;

    public CompiledRole(int index, RoleDefinitionId id, RoleDefinition? definition, RoleMode mode)
    {
        Index = index;
        Id = id;
        Definition = definition;
        Mode = mode;
        _blocks = definition is null || mode != RoleMode.Normal
            ? []
            : [.. definition.Permissions.Select(static p => new Block(ActionPatternSet.Compile(p.Actions), ActionPatternSet.Compile(p.NotActions)))];
    }

    public int Index { get; }

    public RoleDefinitionId Id { get; }

    public RoleDefinition? Definition { get; }

    public RoleMode Mode { get; }

    /// <summary>
    /// Evaluates a normal role against a validated action (no caching). <see cref="RoleOutcome.Excluded"/> also stands
    /// for an operation Lighthouse takes away (<see cref="LighthouseOperations"/>); <see cref="ExcludedReason"/> tells
    /// which.
    /// </summary>
    public RoleOutcome Evaluate(ReadOnlySpan<char> action)
    {
        var outcome = EvaluateBlocks(action);
        return outcome != RoleOutcome.NotInRole && LighthouseOperations.Blocks(action, Id) ? RoleOutcome.Excluded : outcome;
    }

    /// <summary>The reason a denial reports when <see cref="Evaluate"/> says <see cref="RoleOutcome.Excluded"/>.</summary>
    public AccessReason ExcludedReason(ReadOnlySpan<char> action) =>
        LighthouseOperations.Blocks(action, Id) ? AccessReason.ManagedServicesOperationNotDelegable : AccessReason.ExcludedByNotActions;

    private RoleOutcome EvaluateBlocks(ReadOnlySpan<char> action)
    {
        var excluded = false;
        foreach (var block in _blocks)
        {
            if (block.Actions.Matches(action))
            {
                if (!block.NotActions.Matches(action))
                {
                    return RoleOutcome.Permits;
                }

                excluded = true;
            }
        }

        return excluded ? RoleOutcome.Excluded : RoleOutcome.NotInRole;
    }

    /// <summary>
    /// Explains a normal role's outcome like <see cref="Evaluate"/>: the matching Action pattern and, when excluded by
    /// NotActions, the NotAction pattern (null when Lighthouse takes the operation away).
    /// </summary>
    public RoleOutcome Explain(ReadOnlySpan<char> action, out string? matched, out string? excludedBy)
    {
        var outcome = ExplainBlocks(action, out matched, out excludedBy);
        if (outcome != RoleOutcome.NotInRole && LighthouseOperations.Blocks(action, Id))
        {
            excludedBy = null;
            return RoleOutcome.Excluded;
        }

        return outcome;
    }

    private RoleOutcome ExplainBlocks(ReadOnlySpan<char> action, out string? matched, out string? excludedBy)
    {
        matched = null;
        excludedBy = null;
        for (var b = 0; b < _blocks.Length; b++)
        {
            var a = _blocks[b].Actions.FirstMatch(action);
            if (a is null)
            {
                continue;
            }

            var n = _blocks[b].NotActions.FirstMatch(action);
            if (n is null)
            {
                matched = a;
                excludedBy = null;
                return RoleOutcome.Permits;
            }

            matched ??= a;
            excludedBy ??= n;
        }

        return excludedBy is null ? RoleOutcome.NotInRole : RoleOutcome.Excluded;
    }

    /// <summary>
    /// The part of User Access Administrator that Lighthouse applies, without the request's target: role assignment
    /// read and Microsoft.Support/* are permitted; role assignment write and delete are conditional (Excluded here
    /// means "needs a qualifying target").
    /// </summary>
    public static RoleOutcome EvaluateUserAccessAdministrator(ReadOnlySpan<char> action)
    {
        if (action.Equals(RoleAssignmentsRead, StringComparison.OrdinalIgnoreCase) ||
            ActionPattern.Matches(action, SupportPattern))
        {
            return RoleOutcome.Permits;
        }

        return action.Equals(RoleAssignmentsWrite, StringComparison.OrdinalIgnoreCase) ||
            action.Equals(RoleAssignmentsDelete, StringComparison.OrdinalIgnoreCase)
            ? RoleOutcome.Excluded
            : RoleOutcome.NotInRole;
    }

    private sealed record Block(ActionPatternSet Actions, ActionPatternSet NotActions);
}
