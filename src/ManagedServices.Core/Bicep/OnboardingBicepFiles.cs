namespace ManagedServices.Bicep;

/// <summary>The Bicep files of an onboarding.</summary>
/// <param name="MainBicep">The subscription-scope <c>main.bicep</c>.</param>
/// <param name="Parameters">The parameters file <c>main.bicepparam</c> (<c>using 'main.bicep'</c>).</param>
/// <param name="AssignmentModule">
/// The resource-group module <c>rgAssignment.bicep</c> that <c>main.bicep</c> uses for resource-group targets; null for
/// a subscription target.
/// </param>
/// <param name="ApiVersion">The api-version used for the <c>Microsoft.ManagedServices</c> resources.</param>
public sealed record OnboardingBicepFiles(string MainBicep, string Parameters, string? AssignmentModule, string ApiVersion);
