namespace ManagedServices.Arm;

/// <summary>
/// The scope an onboarding template delegates: the subscription it is deployed to, one of its resource groups,
/// or several of its resource groups. Onboarding templates are always subscription deployments; resource groups
/// are reached through nested deployments.
/// </summary>
/// <remarks>
/// <para>With several resource groups, <see cref="DefinitionPerResourceGroup"/> chooses between the two layouts:
/// <c>true</c> (as Microsoft's multi-resource-group samples do) creates one registration definition per resource group,
/// each assigned in its own group; <c>false</c> creates one shared registration definition, assigned in every group.
/// The shared layout keeps one definition to update and audit; the per-group layout lets a customer remove one group's
/// definition without touching the others.</para>
/// <para>Resource group names are compared ordinally (as written).</para>
/// </remarks>
public sealed record OnboardingTarget
{
    private OnboardingTarget()
    {
    }

    /// <summary>The kind of target.</summary>
    public OnboardingTargetKind Kind { get; private init; }

    /// <summary>The resource group names: one for <see cref="OnboardingTargetKind.ResourceGroup"/>, one or more for
    /// <see cref="OnboardingTargetKind.ResourceGroups"/>, none for a subscription.</summary>
    public ImmutableArray<string> ResourceGroupNames { get; private init => field = value.OrEmpty(); } = [];

    /// <summary>For <see cref="OnboardingTargetKind.ResourceGroups"/>: one registration definition per resource group
    /// (<c>true</c>) or one shared definition (<c>false</c>). Always <c>false</c> for the other kinds.</summary>
    public bool DefinitionPerResourceGroup { get; private init; }

    /// <summary>Delegates the subscription the template is deployed to.</summary>
    /// <returns>The target.</returns>
    public static OnboardingTarget ForSubscription() => new() { Kind = OnboardingTargetKind.Subscription };

    /// <summary>Delegates one resource group.</summary>
    /// <param name="resourceGroupName">The resource group name.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resourceGroupName"/> is null.</exception>
    public static OnboardingTarget ForResourceGroup(string resourceGroupName)
    {
        ArgumentNullException.ThrowIfNull(resourceGroupName);
        return new() { Kind = OnboardingTargetKind.ResourceGroup, ResourceGroupNames = [resourceGroupName] };
    }

    /// <summary>Delegates several resource groups of one subscription.</summary>
    /// <param name="resourceGroupNames">The resource group names, in order.</param>
    /// <param name="definitionPerResourceGroup">One registration definition per resource group (the samples' layout,
    /// the default) or one shared definition.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resourceGroupNames"/> or one of its elements is null.</exception>
    public static OnboardingTarget ForResourceGroups(IEnumerable<string> resourceGroupNames, bool definitionPerResourceGroup = true)
    {
        ArgumentNullException.ThrowIfNull(resourceGroupNames);
        var names = resourceGroupNames.ToImmutableArray();
        foreach (var name in names)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(resourceGroupNames));
        }

        return new()
        {
            Kind = OnboardingTargetKind.ResourceGroups,
            ResourceGroupNames = names,
            DefinitionPerResourceGroup = definitionPerResourceGroup,
        };
    }

    /// <inheritdoc/>
    public bool Equals(OnboardingTarget? other) =>
        other is not null && Kind == other.Kind && DefinitionPerResourceGroup == other.DefinitionPerResourceGroup &&
        Sequence.Equal(ResourceGroupNames, other.ResourceGroupNames);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, DefinitionPerResourceGroup, Sequence.Hash(ResourceGroupNames));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Kind = ").Append(Kind).Append(", ");
        Sequence.Print(builder, nameof(ResourceGroupNames), ResourceGroupNames).Append(", DefinitionPerResourceGroup = ").Append(DefinitionPerResourceGroup);
        return true;
    }
}
