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

    /// <summary>
    /// Reads a template and its optional parameters file into the delegation it creates, evaluating the ARM
    /// expression subset that onboarding templates use. Never throws on bad input: every problem is a diagnostic
    /// with a JSON path (parameters-file paths start with <c>parameters:</c>, override paths with <c>override:</c>)
    /// and, for text input, a line number.
    /// </summary>
    /// <param name="templateJson">The template text.</param>
    /// <param name="parametersJson">The parameters file text, or null.</param>
    /// <param name="options">Inline parameter overrides and the target subscription; null for none.</param>
    /// <returns>The content, or diagnostics. The content may be present together with errors (for example a
    /// placeholder managing tenant ID, read as the empty GUID); do not deploy a result that has errors.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="templateJson"/> is null.</exception>
    public static DiagnosticResult<OnboardingTemplateContent> Read(string templateJson, string? parametersJson = null, OnboardingReadOptions? options = null) =>
        TemplateReader.Read(templateJson, parametersJson, options);
}
