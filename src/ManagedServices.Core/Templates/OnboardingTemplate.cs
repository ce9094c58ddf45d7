namespace ManagedServices.Templates;

/// <summary>
/// Writes and reads ARM onboarding templates (subscription deployments that create
/// <c>Microsoft.ManagedServices</c> registration definitions and assignments) in the shape of Microsoft's samples.
/// </summary>
/// <remarks>Thread-safe. Writing is deterministic: the same input gives byte-identical files.</remarks>
public static class OnboardingTemplate
{
    /// <summary>Writes the template and its parameters file.</summary>
    /// <param name="definition">The offer name, description, manifest and optional Marketplace plan.</param>
    /// <param name="target">The subscription, resource group or resource groups to delegate.</param>
    /// <param name="options">Options (api-version); null for the defaults.</param>
    /// <returns>The two files, or diagnostics when the input cannot be written faithfully.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> or <paramref name="target"/> is null.</exception>
    public static DiagnosticResult<OnboardingTemplateFiles> Write(OnboardingDefinition definition, OnboardingTarget target, OnboardingWriteOptions? options = null) =>
        TemplateWriter.Write(definition, target, options);
}
