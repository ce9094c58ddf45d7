namespace ManagedServices.Access;

/// <summary>What one role says about one action.</summary>
internal enum RoleOutcome : byte
{
    NotInRole = 0,
    Permits = 1,

    /// <summary>
    /// Actions match but the role does not permit the action: NotActions remove it, Lighthouse takes it away, or only
    /// blocks with an ABAC condition grant it (<see cref="CompiledRole.ExcludedReason"/> tells which).
    /// </summary>
    Excluded = 2,

    /// <summary>Only permission blocks with an ABAC condition grant the action; never cached (the cache records <see cref="Excluded"/>).</summary>
    Conditioned = 3,
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

    /// <summary>A role the catalog marks as not built-in (a custom role): grants nothing through a delegation.</summary>
    Custom,
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
            : [.. definition.Permissions.Select(static p => new Block(ActionPatternSet.Compile(p.Actions), ActionPatternSet.Compile(p.NotActions), p.Condition))];
        HasConditions = _blocks.Any(static b => b.Condition is not null);
    }

    /// <summary>
    /// The blocks that can grant (the same rule as <see cref="Evaluate"/>: a block with an ABAC condition grants
    /// nothing): their Actions and NotActions, for the analysis. Empty unless the role is <see cref="RoleMode.Normal"/>.
    /// </summary>
    public IEnumerable<(ActionPatternSet Actions, ActionPatternSet NotActions)> GrantingBlocks =>
        _blocks.Where(static b => b.Condition is null).Select(static b => (b.Actions, b.NotActions));

    /// <summary>True when a permission block of the (normal) role carries an ABAC condition.</summary>
    public bool HasConditions { get; }

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
        return outcome == RoleOutcome.NotInRole ? outcome
            : LighthouseOperations.Blocks(action, Id) || outcome == RoleOutcome.Conditioned ? RoleOutcome.Excluded
            : outcome;
    }

    /// <summary>
    /// The reason a denial reports when <see cref="Evaluate"/> says <see cref="RoleOutcome.Excluded"/>: Lighthouse's rule
    /// first, then a block with a condition that would grant the action, else NotActions. Cheap unless the role has
    /// conditions (then the blocks are matched again; only on a denial).
    /// </summary>
    public AccessReason ExcludedReason(ReadOnlySpan<char> action) =>
        LighthouseOperations.Blocks(action, Id) ? AccessReason.ManagedServicesOperationNotDelegable
        : HasConditions && EvaluateBlocks(action) == RoleOutcome.Conditioned ? AccessReason.ConditionNotEvaluated
        : AccessReason.ExcludedByNotActions;

    /// <summary>
    /// Actions minus NotActions per block. A block with an ABAC condition cannot be evaluated offline and grants
    /// nothing; when only such blocks would grant the action the outcome is <see cref="RoleOutcome.Conditioned"/>.
    /// </summary>
    private RoleOutcome EvaluateBlocks(ReadOnlySpan<char> action)
    {
        var outcome = RoleOutcome.NotInRole;
        foreach (var block in _blocks)
        {
            if (block.Actions.Matches(action))
            {
                if (block.NotActions.Matches(action))
                {
                    outcome = outcome == RoleOutcome.NotInRole ? RoleOutcome.Excluded : outcome;
                }
                else if (block.Condition is null)
                {
                    return RoleOutcome.Permits;
                }
                else
                {
                    outcome = RoleOutcome.Conditioned;
                }
            }
        }

        return outcome;
    }

    /// <summary>
    /// Explains a normal role's outcome like <see cref="Evaluate"/>, but keeps <see cref="RoleOutcome.Conditioned"/>
    /// apart: the matching Action pattern; when excluded by NotActions, the NotAction pattern (null when Lighthouse
    /// takes the operation away); when conditioned, the first condition that stands in the way.
    /// </summary>
    public RoleOutcome Explain(ReadOnlySpan<char> action, out string? matched, out string? excludedBy, out string? condition)
    {
        var outcome = ExplainBlocks(action, out matched, out excludedBy, out condition);
        if (outcome != RoleOutcome.NotInRole && LighthouseOperations.Blocks(action, Id))
        {
            excludedBy = null;
            condition = null;
            return RoleOutcome.Excluded;
        }

        return outcome;
    }

    private RoleOutcome ExplainBlocks(ReadOnlySpan<char> action, out string? matched, out string? excludedBy, out string? condition)
    {
        matched = null;
        excludedBy = null;
        condition = null;
        string? conditionedMatch = null;
        for (var b = 0; b < _blocks.Length; b++)
        {
            var a = _blocks[b].Actions.FirstMatch(action);
            if (a is null)
            {
                continue;
            }

            var n = _blocks[b].NotActions.FirstMatch(action);
            if (n is null && _blocks[b].Condition is null)
            {
                matched = a;
                excludedBy = null;
                condition = null;
                return RoleOutcome.Permits;
            }

            if (n is null)
            {
                conditionedMatch ??= a;
                condition ??= _blocks[b].Condition;
                continue;
            }

            matched ??= a;
            excludedBy ??= n;
        }

        if (condition is not null)
        {
            matched = conditionedMatch;
            excludedBy = null;
            return RoleOutcome.Conditioned;
        }

        return excludedBy is null ? RoleOutcome.NotInRole : RoleOutcome.Excluded;
    }

    /// <summary>
    /// The part of User Access Administrator that Lighthouse applies, without the request's target: role assignment
    /// read and Microsoft.Support/* are permitted; role assignment write and delete are conditional (Excluded here
    /// means "needs a qualifying target").
    /// </summary>
    /// <summary>What <see cref="EvaluateUserAccessAdministrator"/> permits outright, as patterns (for the analysis).</summary>
    public static ActionPatternSet UserAccessAdministratorPermitted { get; } = ActionPatternSet.Compile([RoleAssignmentsRead, SupportPattern]);

    /// <summary>What <see cref="EvaluateUserAccessAdministrator"/> permits only for a qualifying target, as patterns.</summary>
    public static ActionPatternSet UserAccessAdministratorConditional { get; } = ActionPatternSet.Compile([RoleAssignmentsWrite, RoleAssignmentsDelete]);

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

    private sealed record Block(ActionPatternSet Actions, ActionPatternSet NotActions, string? Condition);
}
