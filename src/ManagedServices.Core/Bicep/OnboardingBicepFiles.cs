namespace ManagedServices.Bicep;

/// <summary>The Bicep files of an onboarding.</summary>
public sealed record OnboardingBicepFiles
{
    /// <summary>The subscription-scope <c>main.bicep</c>.</summary>
    public required string MainBicep { get; init; }

    /// <summary>The parameters file <c>main.bicepparam</c> (<c>using 'main.bicep'</c>).</summary>
    public required string Parameters { get; init; }

    /// <summary>The resource-group module <c>rgAssignment.bicep</c> that <c>main.bicep</c> uses for resource-group targets;
    /// null for a subscription target.</summary>
    public string? AssignmentModule { get; init; }

    /// <summary>The api-version used for the <c>Microsoft.ManagedServices</c> resources.</summary>
    public required string ApiVersion { get; init; }
}
