using ManagedServices.Arm;

namespace ManagedServices.Tests.Arm;

/// <summary>
/// MSC2018 (<see cref="DiagnosticCodes.TemplateInconsistent"/>) is a warning, raised where a template's delegations do
/// not agree: definitions with different content (the first is reported as the definition), or assignments both at
/// subscription scope and in resource groups (the subscription is reported as the target).
/// </summary>
public class TemplateInconsistentTests
{
    private static DiagnosticResult<OnboardingTemplateContent> Read(string template) =>
        OnboardingTemplate.Read(template, null, new OnboardingReadOptions { SubscriptionId = SubscriptionId.Parse(DelegationTemplates.Subscription) });

    [Fact]
    public void Read_DefinitionsWithDifferentContent_WarnsOnce()
    {
        var read = Read(DelegationTemplates.Write(
            [DelegationTemplates.ReaderForAlice, DelegationTemplates.ContributorForBob],
            [new HandAssignment("A", null), new HandAssignment("B", null)]));

        var warning = Assert.Single(read.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateInconsistent);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.False(read.HasErrors, string.Join("\n", read.Diagnostics));
    }

    [Fact]
    public void Read_AssignmentsAtSubscriptionAndInResourceGroups_WarnsAndTargetsTheSubscription()
    {
        var read = Read(DelegationTemplates.Write(
            [DelegationTemplates.ReaderForAlice],
            [new HandAssignment("A", null), new HandAssignment("A", "rg-app")]));

        var warning = Assert.Single(read.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateInconsistent);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(OnboardingTarget.ForSubscription(), read.Value!.Target);
    }

    [Fact]
    public void Read_OneDefinitionAssignedAtSubscription_IsConsistent()
    {
        var read = Read(DelegationTemplates.Write([DelegationTemplates.ReaderForAlice], [new HandAssignment("A", null)]));

        Assert.DoesNotContain(read.Diagnostics, static d => d.Code == DiagnosticCodes.TemplateInconsistent);
    }
}
