using System.Text.Json;
using ManagedServices.Json;

namespace ManagedServices.Arm;

/// <summary>Writes the subscription-deployment template and parameters file of an onboarding.</summary>
internal static class TemplateWriter
{
    public const string TemplateSchema = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#";
    public const string ParametersSchema = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentParameters.json#";
    public const string NestedSchema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
    public const string DeploymentsApiVersion = "2022-09-01";
    public const string DefinitionType = "Microsoft.ManagedServices/registrationDefinitions";
    public const string AssignmentType = "Microsoft.ManagedServices/registrationAssignments";
    public const int MaxResourceGroups = 800;

    private const string OfferName = "[parameters('mspOfferName')]";
    private const string CurrentRg = "parameters('resourceGroups')[copyIndex()].rgName";
    private const string PerRgGuid = "guid(parameters('mspOfferName'), " + CurrentRg + ")";

    public static DiagnosticResult<OnboardingTemplateFiles> Write(OnboardingDefinition definition, OnboardingTarget target, OnboardingWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(definition.Manifest);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var apiVersion = ChooseApiVersion(definition, options?.ApiVersion, diagnostics);
        Check(definition, target, diagnostics);
        if (diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error))
        {
            return new(null, diagnostics.ToImmutable());
        }

        var template = JsonText.Write(w => WriteTemplate(w, definition, target, apiVersion));
        var parameters = JsonText.Write(w => WriteParameters(w, definition, target));
        return new(new OnboardingTemplateFiles { Template = template, Parameters = parameters, ApiVersion = apiVersion }, diagnostics.ToImmutable());
    }

    internal static string ChooseApiVersion(OnboardingDefinition definition, string? requested, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var manifest = definition.Manifest;
        var hasEligible = !manifest.EligibleAuthorizations.IsEmpty;
        var hasApprovers = manifest.EligibleAuthorizations.Any(static e => e.JustInTimeAccessPolicy.RequiresApproval);
        if (requested is null)
        {
            return ManagedServicesApiVersions.Default;
        }

        if (!ManagedServicesApiVersions.IsKnown(requested))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ApiVersionUnknown,
                $"The api-version '{MessageText.Clip(requested)}' is not a known version of Microsoft.ManagedServices.", "apiVersion") with
            {
                Help = "Use one of " + string.Join(", ", ManagedServicesApiVersions.All) + ", or leave it unset for " + ManagedServicesApiVersions.Default + ".",
            });
            return requested;
        }

        if (hasEligible && !ManagedServicesApiVersions.SupportsEligibleAuthorizations(requested))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ApiVersionTooOld,
                $"The api-version '{requested}' cannot carry eligible authorizations; they need {ManagedServicesApiVersions.EligibleAuthorizations} or later.",
                "apiVersion"));
        }
        else if (hasApprovers && !ManagedServicesApiVersions.SupportsApprovers(requested))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ApiVersionTooOld,
                $"The api-version '{requested}' cannot carry approvers (managedByTenantApprovers); they need {ManagedServicesApiVersions.Approvers} or later.",
                "apiVersion"));
        }

        return requested;
    }

    private static void Check(OnboardingDefinition definition, OnboardingTarget target, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, "The offer name (mspOfferName) is required.", "name"));
        }

        var eligible = definition.Manifest.EligibleAuthorizations;
        for (var i = 0; i < eligible.Length; i++)
        {
            if (!eligible[i].DelegatedRoleDefinitionIds.IsEmpty)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.TemplateCannotCarry,
                    "An eligible authorization cannot carry delegatedRoleDefinitionIds in an ARM template; the schema has no such member.",
                    $"manifest.eligibleAuthorizations[{i}].delegatedRoleDefinitionIds"));
            }
        }

        if (definition.Plan is { } plan)
        {
            RequirePlan(plan.Publisher, "publisher");
            RequirePlan(plan.Product, "product");
            RequirePlan(plan.Name, "name");
            RequirePlan(plan.Version, "version");
        }

        CheckTarget(target, diagnostics);

        void RequirePlan(string? value, string member)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, $"The Marketplace plan's {member} is required.", "plan." + member));
            }
        }
    }

    internal static void CheckTarget(OnboardingTarget target, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var names = target.ResourceGroupNames;
        if (target.Kind != OnboardingTargetKind.Subscription && names.IsEmpty)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.OnboardingTargetInvalid, "At least one resource group is required.", "target.resourceGroupNames"));
        }

        if (names.Length > MaxResourceGroups)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.OnboardingTargetInvalid,
                $"At most {MaxResourceGroups} resource groups fit one template (ARM's copy limit); got {names.Length}.", "target.resourceGroupNames"));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++)
        {
            var path = $"target.resourceGroupNames[{i}]";
            if (!ScopeParser.IsResourceGroupName(names[i]))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidResourceGroupName,
                    $"'{MessageText.Clip(names[i])}' is not a valid resource group name ({ScopeParser.ResourceGroupNameRule}).", path));
            }
            else if (!seen.Add(names[i]))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.OnboardingTargetInvalid,
                    $"The resource group '{names[i]}' is listed twice (names are case-insensitive).", path));
            }
        }
    }

    private static void WriteTemplate(Utf8JsonWriter w, OnboardingDefinition definition, OnboardingTarget target, string apiVersion)
    {
        var manifest = definition.Manifest;
        var hasDescription = definition.Description is not null;
        var hasEligible = !manifest.EligibleAuthorizations.IsEmpty;
        var plan = definition.Plan;
        var kind = target.Kind;
        var perRg = kind == OnboardingTargetKind.ResourceGroups && target.DefinitionPerResourceGroup;

        w.WriteStartObject();
        WriteHeader(w, TemplateSchema);

        w.WriteStartObject("parameters");
        foreach (var p in TemplateParameters.For(definition, target))
        {
            w.WriteStartObject(p.Name);
            w.WriteString("type", p.Type);
            w.WriteStartObject("metadata");
            w.WriteString("description", p.Description);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();

        w.WriteStartObject("variables");
        if (!perRg)
        {
            w.WriteString("mspRegistrationName", "[guid(parameters('mspOfferName'))]");
        }

        if (kind != OnboardingTargetKind.ResourceGroups)
        {
            w.WriteString("mspAssignmentName", "[guid(parameters('mspOfferName'))]");
        }

        if (plan is not null)
        {
            w.WriteStartObject("marketplacePlan");
            w.WriteString("name", "[parameters('marketplacePlanId')]");
            w.WriteString("product", "[parameters('marketplaceOfferId')]");
            w.WriteString("publisher", "[parameters('marketplacePublisherId')]");
            w.WriteString("version", "[parameters('marketplacePlanVersion')]");
            w.WriteEndObject();
        }

        w.WriteEndObject();

        var definitionName = perRg ? "[" + PerRgGuid + "]" : "[variables('mspRegistrationName')]";
        var definitionId = perRg
            ? $"[resourceId('{DefinitionType}', {PerRgGuid})]"
            : $"[resourceId('{DefinitionType}', variables('mspRegistrationName'))]";

        w.WriteStartArray("resources");

        // The registration definition (at subscription scope, always).
        w.WriteStartObject();
        w.WriteString("type", DefinitionType);
        w.WriteString("apiVersion", apiVersion);
        w.WriteString("name", definitionName);
        if (perRg)
        {
            Copy(w, "definitionCopy");
        }

        if (plan is not null)
        {
            w.WriteString("plan", "[variables('marketplacePlan')]");
        }

        w.WriteStartObject("properties");
        w.WriteString("registrationDefinitionName", OfferName);
        if (hasDescription)
        {
            w.WriteString("description", "[parameters('mspOfferDescription')]");
        }

        w.WriteString("managedByTenantId", "[parameters('managedByTenantId')]");
        w.WriteString("authorizations", "[parameters('authorizations')]");
        if (hasEligible)
        {
            w.WriteString("eligibleAuthorizations", "[parameters('eligibleAuthorizations')]");
        }

        w.WriteEndObject();
        w.WriteEndObject();

        if (kind == OnboardingTargetKind.Subscription)
        {
            Assignment(w, apiVersion, "[variables('mspAssignmentName')]", definitionId, dependsOn: true);
        }
        else
        {
            var many = kind == OnboardingTargetKind.ResourceGroups;
            w.WriteStartObject();
            w.WriteString("type", "Microsoft.Resources/deployments");
            w.WriteString("apiVersion", DeploymentsApiVersion);
            w.WriteString("name", many ? "[concat('rgAssignment', copyIndex())]" : "rgAssignment");
            w.WriteString("resourceGroup", many ? "[" + CurrentRg + "]" : "[parameters('rgName')]");
            if (many)
            {
                Copy(w, "assignmentCopy");
            }

            w.WriteStartArray("dependsOn");
            w.WriteStringValue(definitionId);
            w.WriteEndArray();
            w.WriteStartObject("properties");
            w.WriteString("mode", "Incremental");
            w.WriteStartObject("template");
            WriteHeader(w, NestedSchema);
            w.WriteStartArray("resources");
            Assignment(w, apiVersion, many ? "[" + PerRgGuid + "]" : "[variables('mspAssignmentName')]", definitionId, dependsOn: false);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartObject("outputs");
        w.WriteStartObject("mspOfferName");
        w.WriteString("type", "string");
        w.WriteString("value", "[concat('Managed by', ' ', parameters('mspOfferName'))]");
        w.WriteEndObject();
        w.WriteStartObject("authorizations");
        w.WriteString("type", "array");
        w.WriteString("value", "[parameters('authorizations')]");
        w.WriteEndObject();
        if (hasEligible)
        {
            w.WriteStartObject("eligibleAuthorizations");
            w.WriteString("type", "array");
            w.WriteString("value", "[parameters('eligibleAuthorizations')]");
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Copy(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject("copy");
        w.WriteString("name", name);
        w.WriteString("count", "[length(parameters('resourceGroups'))]");
        w.WriteEndObject();
    }

    private static void Assignment(Utf8JsonWriter w, string apiVersion, string name, string definitionId, bool dependsOn)
    {
        w.WriteStartObject();
        w.WriteString("type", AssignmentType);
        w.WriteString("apiVersion", apiVersion);
        w.WriteString("name", name);
        if (dependsOn)
        {
            w.WriteStartArray("dependsOn");
            w.WriteStringValue(definitionId);
            w.WriteEndArray();
        }

        w.WriteStartObject("properties");
        w.WriteString("registrationDefinitionId", definitionId);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The first members of every template and parameters document we write: its schema and content version.</summary>
    private static void WriteHeader(Utf8JsonWriter w, string schema)
    {
        w.WriteString("$schema", schema);
        w.WriteString("contentVersion", "1.0.0.0");
    }

    private static void WriteParameters(Utf8JsonWriter w, OnboardingDefinition definition, OnboardingTarget target)
    {
        w.WriteStartObject();
        WriteHeader(w, ParametersSchema);
        w.WriteStartObject("parameters");
        foreach (var p in TemplateParameters.For(definition, target))
        {
            w.WriteStartObject(p.Name);
            w.WritePropertyName("value");
            JsonMerge.Write(w, p.Value);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
