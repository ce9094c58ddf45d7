namespace ManagedServices.Arm;

/// <summary>The two files of an ARM onboarding: the template and its parameters file.</summary>
public sealed record OnboardingTemplateFiles
{
    /// <summary>The subscription-deployment template (JSON, 2-space indentation, <c>\n</c> line endings, final newline).</summary>
    public required string Template { get; init; }

    /// <summary>The parameters file (same format).</summary>
    public required string Parameters { get; init; }

    /// <summary>The api-version used for the <c>Microsoft.ManagedServices</c> resources.</summary>
    public required string ApiVersion { get; init; }
}
