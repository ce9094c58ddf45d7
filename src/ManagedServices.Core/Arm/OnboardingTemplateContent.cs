using ManagedServices.Offers;

namespace ManagedServices.Arm;

/// <summary>The delegation read from an onboarding template and its parameters.</summary>
public sealed record OnboardingTemplateContent
{
    /// <summary>The kind of template.</summary>
    public OnboardingTemplateKind Kind { get; init; }

    /// <summary>The offer name, description, manifest and plan of the first registration definition. It describes the
    /// template for writing it again; what grants access is <see cref="OnboardingTemplate.Delegations"/>, and a format
    /// that holds one definition goes through <see cref="OnboardingTemplate.SingleDefinition"/>.</summary>
    public required OnboardingDefinition Definition { get; init; }

    /// <summary>The shape of the template's assignments (subscription, one or several resource groups), for writing it
    /// again. It is descriptive only: delegations come from <see cref="RegistrationAssignments"/>
    /// (<see cref="OnboardingTemplate.Delegations"/>).</summary>
    public required OnboardingTarget Target { get; init; }

    /// <summary>Every registration definition the template creates, with its resource name (the evaluated <c>guid()</c>).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RegistrationDefinition> RegistrationDefinitions { get; init => field = value.OrEmpty(); } = [];

    /// <summary>
    /// Every registration assignment the template creates (conditions evaluated, copy loops expanded), in template
    /// order, each with the definition it references. Only these put a definition's authorizations anywhere: see
    /// <see cref="OnboardingTemplate.Delegations"/>.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<OnboardingAssignment> RegistrationAssignments { get; init => field = value.OrEmpty(); } = [];

    /// <summary>The subscription the template was read for (<see cref="OnboardingReadOptions.SubscriptionId"/>), or null
    /// when it was read without one (the empty GUID then stood in for it).</summary>
    public SubscriptionId? SubscriptionId { get; init; }

    /// <summary>The api-version of the registration definition resource, as written in the template.</summary>
    public required string ApiVersion { get; init; }

    /// <inheritdoc/>
    public bool Equals(OnboardingTemplateContent? other) =>
        other is not null && Kind == other.Kind && Definition == other.Definition && Target == other.Target &&
        ApiVersion == other.ApiVersion && SubscriptionId == other.SubscriptionId &&
        Sequence.Equal(RegistrationDefinitions, other.RegistrationDefinitions) &&
        Sequence.Equal(RegistrationAssignments, other.RegistrationAssignments);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Kind, Definition, Target, ApiVersion, SubscriptionId, Sequence.Hash(RegistrationDefinitions), Sequence.Hash(RegistrationAssignments));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Kind = ").Append(Kind).Append(", Definition = ").Append(Definition).Append(", Target = ").Append(Target)
            .Append(", ApiVersion = ").Append(ApiVersion).Append(", SubscriptionId = ").Append(SubscriptionId).Append(", ");
        Sequence.Print(builder, nameof(RegistrationDefinitions), RegistrationDefinitions).Append(", ");
        Sequence.Print(builder, nameof(RegistrationAssignments), RegistrationAssignments);
        return true;
    }
}
