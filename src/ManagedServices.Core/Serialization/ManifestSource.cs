using ManagedServices.Arm;
using ManagedServices.Offers;

namespace ManagedServices.Serialization;

/// <summary>
/// One version of a delegation manifest, in whichever document it came from: a manifest (an offer document's plan, a
/// registration definition in the REST shape) or an onboarding template (which may create several delegations). Two
/// of them are compared by <c>Reporting.DiffReport.Compare(ManifestSource, ManifestSource)</c>: two templates by the
/// delegations they create, anything else by manifest.
/// </summary>
public sealed class ManifestSource
{
    private ManifestSource(DelegationManifest? manifest, OnboardingTemplateContent? template)
    {
        Manifest = manifest;
        Template = template;
    }

    /// <summary>The manifest, when the source is one (an offer plan or a registration definition); otherwise null.</summary>
    public DelegationManifest? Manifest { get; }

    /// <summary>The onboarding template as read, when the source is one; otherwise null.</summary>
    public OnboardingTemplateContent? Template { get; }

    /// <summary>A manifest: an offer document's plan, or a registration definition.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="manifest"/> is null.</exception>
    public static ManifestSource FromManifest(DelegationManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new(manifest, null);
    }

    /// <summary>An onboarding template as read (<see cref="OnboardingTemplate.Read"/>).</summary>
    /// <param name="template">The template's content.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="template"/> is null.</exception>
    public static ManifestSource FromTemplate(OnboardingTemplateContent template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new(null, template);
    }

    /// <summary>
    /// The one manifest of the source: <see cref="Manifest"/>, or the template's single definition
    /// (<see cref="OnboardingTemplate.SingleDefinition"/>); a template whose definitions differ is an error
    /// (<see cref="DiagnosticCodes.ConversionWouldDropDefinitions"/>), never its first definition alone.
    /// </summary>
    /// <returns>The manifest, or the error.</returns>
    public DiagnosticResult<DelegationManifest> SingleManifest()
    {
        if (Manifest is not null)
        {
            return new(Manifest, []);
        }

        var single = OnboardingTemplate.SingleDefinition(Template!, "an offer plan or a single definition");
        return new(single.Value?.Manifest, single.Diagnostics);
    }
}
