using ManagedServices.Offers;

namespace ManagedServices.Arm;

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

    /// <summary>
    /// What deploying <paramref name="definition"/> to <paramref name="target"/> creates: the template is written and read
    /// back, so registration definitions and assignments carry the evaluated <c>guid()</c> names Azure would give them.
    /// </summary>
    /// <param name="definition">The onboarding definition.</param>
    /// <param name="target">Where it is deployed.</param>
    /// <param name="subscription">The subscription it is deployed to, or null for the empty-GUID placeholder.</param>
    /// <returns>The content read back, or the diagnostics of writing or reading.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> or <paramref name="target"/> is null.</exception>
    public static DiagnosticResult<OnboardingTemplateContent> Deployed(OnboardingDefinition definition, OnboardingTarget target, SubscriptionId? subscription)
    {
        var files = Write(definition, target);
        return !files.HasErrors
            ? Read(files.Value!.Template, files.Value.Parameters, new OnboardingReadOptions { SubscriptionId = subscription })
            : new DiagnosticResult<OnboardingTemplateContent>(null, files.Diagnostics);
    }

    /// <summary>
    /// The customer tenant to use when the caller does not know it: a stand-in derived from the subscription
    /// (<c>guid('managed-services-customer-tenant', subscriptionId)</c>), never the empty GUID, because the access
    /// evaluator ignores delegations whose customer tenant is empty (fail closed) and a stand-in is never the managing tenant.
    /// </summary>
    /// <param name="subscription">The delegated subscription.</param>
    /// <returns>The stand-in tenant; the same for the same subscription.</returns>
    public static TenantId StandInCustomerTenant(SubscriptionId subscription) =>
        new(ArmGuid.Create("managed-services-customer-tenant", subscription.ToString()));

    /// <summary>
    /// The delegations a read onboarding template creates once deployed: one per registration assignment that
    /// references a registration definition of the template, at that assignment's scope (the subscription the
    /// template was read for, or the resource group of the nested deployment the assignment sits in), naming the
    /// definition and the assignment. A definition no assignment references grants nothing; an assignment of a
    /// definition the template does not create grants nothing (offline, nothing is known of it). Both were reported
    /// when the template was read (<see cref="DiagnosticCodes.TemplateDefinitionNotAssigned"/>,
    /// <see cref="DiagnosticCodes.TemplateAssignmentDefinitionNotFound"/>).
    /// </summary>
    /// <param name="content">The template as read by <see cref="Read"/> (with its parameters and subscription).</param>
    /// <param name="customerTenant">The customer tenant the subscription belongs to.</param>
    /// <returns>The delegations, in assignment order. Scopes use <see cref="OnboardingTemplateContent.SubscriptionId"/>, or
    /// the empty GUID when the template was read without a subscription.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    public static ImmutableArray<Delegation> Delegations(OnboardingTemplateContent content, TenantId customerTenant)
    {
        ArgumentNullException.ThrowIfNull(content);
        var subscription = content.SubscriptionId ?? default;
        var delegations = ImmutableArray.CreateBuilder<Delegation>();
        foreach (var assignment in content.RegistrationAssignments)
        {
            if (assignment.DefinitionIndex is not { } index || index < 0 || index >= content.RegistrationDefinitions.Length)
            {
                continue;
            }

            ResourceScope scope;
            if (assignment.ResourceGroupName is not { } group)
            {
                scope = ResourceScope.ForSubscription(subscription);
            }
            else if (ScopeParser.IsResourceGroupName(group))
            {
                scope = ResourceScope.ForResourceGroup(subscription, group);
            }
            else
            {
                // Reported when read (an invalid resource group name): it places nothing.
                continue;
            }

            delegations.Add(new Delegation
            {
                CustomerTenantId = customerTenant,
                Definition = content.RegistrationDefinitions[index],
                AssignmentId = assignment.Id,
                Scope = scope,
            });
        }

        return delegations.ToImmutable();
    }

    /// <summary>
    /// The one onboarding definition of a template, for a format that holds one (an ARM or Bicep template written by
    /// <see cref="Write"/>, an offer plan): <see cref="OnboardingTemplateContent.Definition"/> when every registration
    /// definition of the template has the same name, description, manifest and plan; otherwise an error
    /// (<see cref="DiagnosticCodes.ConversionWouldDropDefinitions"/>), never the first one alone.
    /// </summary>
    /// <param name="content">The template as read.</param>
    /// <param name="format">The output format's name, for the message (for example <c>an offer document</c>).</param>
    /// <returns>The definition, or the error.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DiagnosticResult<OnboardingDefinition> SingleDefinition(OnboardingTemplateContent content, string format)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(format);
        var first = content.Definition;
        for (var i = 0; i < content.RegistrationDefinitions.Length; i++)
        {
            var d = content.RegistrationDefinitions[i];
            if (d.Name != first.Name || d.Description != first.Description || d.Manifest != first.Manifest || d.Plan != first.Plan)
            {
                return new(null, [Diagnostic.Error(DiagnosticCodes.ConversionWouldDropDefinitions,
                    $"The template creates {content.RegistrationDefinitions.Length.ToString(CultureInfo.InvariantCulture)} registration definitions with different content (the first differs from [{i.ToString(CultureInfo.InvariantCulture)}]); {MessageText.Clip(format)} holds one, so converting would drop some.",
                    $"registrationDefinitions[{i.ToString(CultureInfo.InvariantCulture)}]") with
                {
                    Help = "Convert to registration definitions in the REST shape (--to rest), which holds every definition, or split the template.",
                }]);
            }
        }

        return new(first, []);
    }
}
