using ManagedServices.Arm;
using ManagedServices.Json;

namespace ManagedServices.Bicep;

/// <summary>
/// Writes an onboarding as Bicep: <c>main.bicep</c> (subscription scope), <c>main.bicepparam</c> and, for resource-group
/// targets, the module <c>rgAssignment.bicep</c>. It declares the same resources with the same properties as
/// <see cref="OnboardingTemplate.Write"/>; the api-version rules and diagnostics are the same.
/// </summary>
public static class OnboardingBicep
{
    /// <summary>The file name <c>main.bicepparam</c> refers to.</summary>
    public const string MainFileName = "main.bicep";

    /// <summary>The file name of the resource-group module.</summary>
    public const string AssignmentModuleFileName = "rgAssignment.bicep";

    /// <summary>Writes the Bicep files.</summary>
    /// <param name="definition">The offer name, description, manifest and optional Marketplace plan.</param>
    /// <param name="target">The subscription, resource group or resource groups to delegate.</param>
    /// <param name="options">Options (api-version); null for the defaults.</param>
    /// <returns>The files, or diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> or <paramref name="target"/> is null.</exception>
    public static DiagnosticResult<OnboardingBicepFiles> Write(OnboardingDefinition definition, OnboardingTarget target, OnboardingWriteOptions? options = null)
    {
        // The ARM writer checks the same rules; reuse its verdict, then write Bicep.
        var arm = TemplateWriter.Write(definition, target, options);
        if (arm.Value is null)
        {
            return new(null, arm.Diagnostics);
        }

        var apiVersion = arm.Value.ApiVersion;
        return new(new OnboardingBicepFiles(
            MainBicep: Main(definition, target, apiVersion),
            Parameters: Parameters(definition, target),
            AssignmentModule: target.Kind == OnboardingTargetKind.Subscription ? null : Module(apiVersion),
            ApiVersion: apiVersion), arm.Diagnostics);
    }

    private static string Main(OnboardingDefinition definition, OnboardingTarget target, string apiVersion)
    {
        var hasDescription = definition.Description is not null;
        var hasEligible = !definition.Manifest.EligibleAuthorizations.IsEmpty;
        var plan = definition.Plan is not null;
        var kind = target.Kind;
        var perRg = kind == OnboardingTargetKind.ResourceGroups && target.DefinitionPerResourceGroup;
        var sb = new StringBuilder();
        sb.Append("targetScope = 'subscription'\n\n");
        foreach (var p in TemplateParameters.For(definition, target))
        {
            sb.Append("@description(").Append(Quote(p.BicepDescription ?? p.Description)).Append(")\nparam ").Append(p.Name).Append(' ').Append(p.Type).Append("\n\n");
        }

        if (!perRg)
        {
            sb.Append("var mspRegistrationName = guid(mspOfferName)\n");
        }

        if (kind != OnboardingTargetKind.ResourceGroups)
        {
            sb.Append("var mspAssignmentName = guid(mspOfferName)\n");
        }

        if (plan)
        {
            sb.Append("var marketplacePlan = {\n  name: marketplacePlanId\n  product: marketplaceOfferId\n  publisher: marketplacePublisherId\n  version: marketplacePlanVersion\n}\n");
        }

        sb.Append('\n');
        var type = $"'{TemplateWriter.DefinitionType}@{apiVersion}'";
        sb.Append("resource ").Append(perRg ? "definitions" : "definition").Append(' ').Append(type).Append(" = ");
        sb.Append(perRg ? "[for rg in resourceGroups: {\n" : "{\n");
        sb.Append("  name: ").Append(perRg ? "guid(mspOfferName, rg.rgName)" : "mspRegistrationName").Append('\n');
        if (plan)
        {
            sb.Append("  plan: marketplacePlan\n");
        }

        sb.Append("  properties: {\n    registrationDefinitionName: mspOfferName\n");
        if (hasDescription)
        {
            sb.Append("    description: mspOfferDescription\n");
        }

        sb.Append("    managedByTenantId: managedByTenantId\n    authorizations: authorizations\n");
        if (hasEligible)
        {
            sb.Append("    eligibleAuthorizations: eligibleAuthorizations\n");
        }

        sb.Append("  }\n").Append(perRg ? "}]\n\n" : "}\n\n");

        switch (kind)
        {
            case OnboardingTargetKind.Subscription:
                sb.Append("resource assignment '").Append(TemplateWriter.AssignmentType).Append('@').Append(apiVersion).Append("' = {\n")
                    .Append("  name: mspAssignmentName\n  properties: {\n    registrationDefinitionId: definition.id\n  }\n}\n\n");
                break;
            case OnboardingTargetKind.ResourceGroup:
                sb.Append("module rgAssignment '").Append(AssignmentModuleFileName).Append("' = {\n")
                    .Append("  name: 'rgAssignment'\n  scope: resourceGroup(rgName)\n  params: {\n")
                    .Append("    assignmentName: mspAssignmentName\n    registrationDefinitionId: definition.id\n  }\n}\n\n");
                break;
            default:
                sb.Append("module rgAssignments '").Append(AssignmentModuleFileName).Append("' = [for (rg, i) in resourceGroups: {\n")
                    .Append("  name: 'rgAssignment${i}'\n  scope: resourceGroup(rg.rgName)\n  params: {\n")
                    .Append("    assignmentName: guid(mspOfferName, rg.rgName)\n")
                    .Append("    registrationDefinitionId: ").Append(perRg ? "definitions[i].id" : "definition.id").Append("\n  }\n}]\n\n");
                break;
        }

        sb.Append("output mspOfferName string = 'Managed by ${mspOfferName}'\n");
        sb.Append("output authorizations array = authorizations\n");
        if (hasEligible)
        {
            sb.Append("output eligibleAuthorizations array = eligibleAuthorizations\n");
        }

        return sb.ToString();
    }

    private static string Module(string apiVersion) =>
        "targetScope = 'resourceGroup'\n\n" +
        "@description('The name (a GUID) of the registration assignment.')\nparam assignmentName string\n\n" +
        "@description('The resource ID of the registration definition to assign.')\nparam registrationDefinitionId string\n\n" +
        $"resource assignment '{TemplateWriter.AssignmentType}@{apiVersion}' = {{\n" +
        "  name: assignmentName\n  properties: {\n    registrationDefinitionId: registrationDefinitionId\n  }\n}\n";

    private static string Parameters(OnboardingDefinition definition, OnboardingTarget target)
    {
        var sb = new StringBuilder();
        sb.Append("using '").Append(MainFileName).Append("'\n\n");
        foreach (var p in TemplateParameters.For(definition, target))
        {
            sb.Append("param ").Append(p.Name).Append(" = ");
            Literal(sb, 0, p.Value);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Writes a value built from the model as a Bicep literal and a newline: strings quoted, arrays and objects over
    /// several lines (contents one level deeper, the closing bracket at <paramref name="indent"/>), removed members left out.
    /// </summary>
    private static void Literal(StringBuilder sb, int indent, JNode value)
    {
        switch (value.Kind)
        {
            case JKind.Array when value.Items!.Count == 0:
                sb.Append("[]\n");
                break;
            case JKind.Array:
                sb.Append("[\n");
                foreach (var item in value.Items!)
                {
                    Pad(sb, indent + 1);
                    Literal(sb, indent + 1, item);
                }

                Pad(sb, indent).Append("]\n");
                break;
            case JKind.Object:
                sb.Append("{\n");
                foreach (var (name, member) in value.Properties!)
                {
                    if (!ReferenceEquals(member, JsonMerge.Removed))
                    {
                        Pad(sb, indent + 1).Append(name).Append(": ");
                        Literal(sb, indent + 1, member);
                    }
                }

                Pad(sb, indent).Append("}\n");
                break;
            default:
                sb.Append(Quote(value.Text!)).Append('\n');
                break;
        }
    }

    private static StringBuilder Pad(StringBuilder sb, int indent) => sb.Append(' ', indent * 2);

    /// <summary>A Bicep string literal: single quotes; <c>\</c>, <c>'</c>, <c>${</c> and control characters escaped.</summary>
    internal static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '$' when i + 1 < value.Length && value[i + 1] == '{' => "\\$",
                _ => null,
            };
            if (escape is not null)
            {
                sb.Append(escape);
            }
            else if (char.IsControl(c))
            {
                sb.Append("\\u{").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append('}');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('\'').ToString();
    }
}
