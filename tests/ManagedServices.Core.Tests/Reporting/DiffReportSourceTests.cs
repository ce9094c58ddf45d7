using ManagedServices.Arm;
using ManagedServices.Offers;
using ManagedServices.Reporting;
using ManagedServices.Serialization;
using ManagedServices.Tests.Arm;

namespace ManagedServices.Tests.Reporting;

/// <summary>
/// <see cref="DiffReport.Compare(ManifestSource, ManifestSource, RoleCatalog?)"/>: two templates are compared by the
/// delegations they create, anything else by manifest; a template with several different definitions is never
/// compared by its first definition alone.
/// </summary>
public sealed class DiffReportSourceTests
{
    private static OnboardingTemplateContent Template(params HandDefinition[] definitions) =>
        OnboardingTemplate.Read(
            DelegationTemplates.Write(definitions, [.. definitions.Select(static d => new HandAssignment(d.Key, null))]),
            null,
            new OnboardingReadOptions { SubscriptionId = SubscriptionId.Parse(DelegationTemplates.Subscription) }).Value!;

    [Fact]
    public void TwoTemplates_AreComparedByDelegations()
    {
        var result = DiffReport.Compare(
            ManifestSource.FromTemplate(Template(DelegationTemplates.ReaderForAlice)),
            ManifestSource.FromTemplate(Template(DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob)));

        var report = result.GetValueOrThrow();
        Assert.Null(report.Manifest);
        Assert.NotNull(report.Delegations);
        Assert.True(report.WidensAccess);
        Assert.Equal(report.Delegations.ToText(), report.ToText());
        Assert.Equal(report.Delegations.ToJson(), report.ToJson());
    }

    [Fact]
    public void ATemplateAndAManifest_AreComparedByManifest()
    {
        var template = Template(DelegationTemplates.ReaderForAlice);
        var widened = template.Definition.Manifest with
        {
            Authorizations = [.. template.Definition.Manifest.Authorizations, template.Definition.Manifest.Authorizations[0] with { RoleDefinitionId = BuiltInRoleIds.Contributor }],
        };

        var report = DiffReport.Compare(ManifestSource.FromTemplate(template), ManifestSource.FromManifest(widened)).GetValueOrThrow();

        Assert.Null(report.Delegations);
        Assert.NotNull(report.Manifest);
        Assert.True(report.WidensAccess);
        Assert.Equal(report.Manifest.ToText(), report.ToText());
        Assert.False(DiffReport.Compare(ManifestSource.FromManifest(widened), ManifestSource.FromTemplate(template)).GetValueOrThrow().WidensAccess);
    }

    [Fact]
    public void ATemplateWithDifferentDefinitions_AgainstAManifest_IsAnError_NotItsFirstDefinition()
    {
        var several = Template(DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob);
        var first = several.RegistrationDefinitions[0].Manifest;

        var result = DiffReport.Compare(ManifestSource.FromManifest(first), ManifestSource.FromTemplate(several));

        Assert.Null(result.Value);
        Assert.Contains(result.Errors, static d => d.Code == DiagnosticCodes.ConversionWouldDropDefinitions);
    }

    [Fact]
    public void FromManifest_HasTheManifest_FromTemplate_HasTheTemplate()
    {
        var template = Template(DelegationTemplates.ReaderForAlice);
        var manifest = ManifestSource.FromManifest(template.Definition.Manifest);
        var fromTemplate = ManifestSource.FromTemplate(template);

        Assert.Same(template.Definition.Manifest, manifest.Manifest);
        Assert.Null(manifest.Template);
        Assert.Same(template, fromTemplate.Template);
        Assert.Null(fromTemplate.Manifest);
        Assert.Equal(template.Definition.Manifest, fromTemplate.SingleManifest().GetValueOrThrow());
        Assert.Throws<ArgumentNullException>(() => ManifestSource.FromManifest(null!));
        Assert.Throws<ArgumentNullException>(() => ManifestSource.FromTemplate(null!));
    }
}
