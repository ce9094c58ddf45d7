using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ManagedServices.Offers;

namespace ManagedServices.Templates;

/// <summary>The Bicep files of an onboarding.</summary>
public sealed record OnboardingBicepFiles
{
    /// <summary>The subscription-scope <c>main.bicep</c>.</summary>
    public required string MainBicep { get; init; }

    /// <summary>The parameters file <c>main.bicepparam</c> (<c>using 'main.bicep'</c>).</summary>
    public required string Parameters { get; init; }

    /// <summary>The resource-group module <c>rgAssignment.bicep</c> that <c>main.bicep</c> uses for resource-group targets;
    /// null for a subscription target.</summary>
    public string? AssignmentModule { get; init; }

    /// <summary>The api-version used for the <c>Microsoft.ManagedServices</c> resources.</summary>
    public required string ApiVersion { get; init; }
}

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
        return new(new OnboardingBicepFiles
        {
            MainBicep = Main(definition, target, apiVersion),
            Parameters = Parameters(definition, target),
            AssignmentModule = target.Kind == OnboardingTargetKind.Subscription ? null : Module(apiVersion),
            ApiVersion = apiVersion,
        }, arm.Diagnostics);
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
        Param(sb, "mspOfferName", "string", "The offer name shown to the customer; it also seeds the registration resource names.");
        if (hasDescription)
        {
            Param(sb, "mspOfferDescription", "string", "The description of the offer shown to the customer.");
        }

        Param(sb, "managedByTenantId", "string", "The tenant ID of the managing (service provider) tenant.");
        Param(sb, "authorizations", "array", "The permanent authorizations.");
        if (hasEligible)
        {
            Param(sb, "eligibleAuthorizations", "array", "The eligible (just-in-time) authorizations.");
        }

        if (kind == OnboardingTargetKind.ResourceGroup)
        {
            Param(sb, "rgName", "string", "The resource group to delegate; it must already exist.");
        }
        else if (kind == OnboardingTargetKind.ResourceGroups)
        {
            Param(sb, "resourceGroups", "array", "The resource groups to delegate, as objects { rgName: '...' }; they must already exist.");
        }

        if (plan)
        {
            Param(sb, "marketplacePublisherId", "string", "The Marketplace publisher ID.");
            Param(sb, "marketplaceOfferId", "string", "The Marketplace offer ID.");
            Param(sb, "marketplacePlanId", "string", "The Marketplace plan ID.");
            Param(sb, "marketplacePlanVersion", "string", "The Marketplace plan version.");
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

    private static void Param(StringBuilder sb, string name, string type, string description) =>
        sb.Append("@description(").Append(Quote(description)).Append(")\nparam ").Append(name).Append(' ').Append(type).Append("\n\n");

    private static string Parameters(OnboardingDefinition definition, OnboardingTarget target)
    {
        var manifest = definition.Manifest;
        var sb = new StringBuilder();
        sb.Append("using '").Append(MainFileName).Append("'\n\n");
        sb.Append("param mspOfferName = ").Append(Quote(definition.Name)).Append('\n');
        if (definition.Description is { } description)
        {
            sb.Append("param mspOfferDescription = ").Append(Quote(description)).Append('\n');
        }

        sb.Append("param managedByTenantId = ").Append(Quote(manifest.ManagingTenantId.ToString())).Append('\n');
        sb.Append("param authorizations = ");
        Array(sb, 0, manifest.Authorizations, static (sb, indent, a) =>
        {
            Member(sb, indent, "principalId", a.Principal.Id.ToString());
            if (a.Principal.DisplayName is { } name)
            {
                Member(sb, indent, "principalIdDisplayName", name);
            }

            Member(sb, indent, "roleDefinitionId", a.RoleDefinitionId.ToString());
            if (!a.DelegatedRoleDefinitionIds.IsEmpty)
            {
                Pad(sb, indent).Append("delegatedRoleDefinitionIds: ");
                Array(sb, indent, a.DelegatedRoleDefinitionIds, null);
            }
        });
        if (!manifest.EligibleAuthorizations.IsEmpty)
        {
            sb.Append("param eligibleAuthorizations = ");
            Array(sb, 0, manifest.EligibleAuthorizations, static (sb, indent, e) =>
            {
                Member(sb, indent, "principalId", e.Principal.Id.ToString());
                if (e.Principal.DisplayName is { } name)
                {
                    Member(sb, indent, "principalIdDisplayName", name);
                }

                Member(sb, indent, "roleDefinitionId", e.RoleDefinitionId.ToString());
                var policy = e.JustInTimeAccessPolicy;
                Pad(sb, indent).Append("justInTimeAccessPolicy: {\n");
                Member(sb, indent + 1, "multiFactorAuthProvider", policy.MultiFactorAuthProvider.ToString());
                Member(sb, indent + 1, "maximumActivationDuration", IsoDuration.Format(policy.MaximumActivationDuration));
                if (!policy.Approvers.IsEmpty)
                {
                    Pad(sb, indent + 1).Append("managedByTenantApprovers: ");
                    Array(sb, indent + 1, policy.Approvers, static (sb, indent, p) =>
                    {
                        Member(sb, indent, "principalId", p.Id.ToString());
                        if (p.DisplayName is { } approverName)
                        {
                            Member(sb, indent, "principalIdDisplayName", approverName);
                        }
                    });
                }

                Pad(sb, indent).Append("}\n");
            });
        }

        if (target.Kind == OnboardingTargetKind.ResourceGroup)
        {
            sb.Append("param rgName = ").Append(Quote(target.ResourceGroupNames[0])).Append('\n');
        }
        else if (target.Kind == OnboardingTargetKind.ResourceGroups)
        {
            sb.Append("param resourceGroups = ");
            Array(sb, 0, target.ResourceGroupNames, static (sb, indent, name) => Member(sb, indent, "rgName", name));
        }

        if (definition.Plan is { } plan)
        {
            sb.Append("param marketplacePublisherId = ").Append(Quote(plan.Publisher)).Append('\n');
            sb.Append("param marketplaceOfferId = ").Append(Quote(plan.Product)).Append('\n');
            sb.Append("param marketplacePlanId = ").Append(Quote(plan.Name)).Append('\n');
            sb.Append("param marketplacePlanVersion = ").Append(Quote(plan.Version)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes an array; objects through <paramref name="members"/>, other elements as strings.</summary>
    private static void Array<T>(StringBuilder sb, int indent, ImmutableArray<T> items, Action<StringBuilder, int, T>? members)
    {
        if (items.IsEmpty)
        {
            sb.Append("[]\n");
            return;
        }

        sb.Append("[\n");
        foreach (var item in items)
        {
            if (members is null)
            {
                Pad(sb, indent + 1).Append(Quote(item!.ToString()!)).Append('\n');
            }
            else
            {
                Pad(sb, indent + 1).Append("{\n");
                members(sb, indent + 2, item);
                Pad(sb, indent + 1).Append("}\n");
            }
        }

        Pad(sb, indent).Append("]\n");
    }

    private static void Member(StringBuilder sb, int indent, string name, string value) =>
        Pad(sb, indent).Append(name).Append(": ").Append(Quote(value)).Append('\n');

    private static StringBuilder Pad(StringBuilder sb, int indent) => sb.Append(' ', indent * 2);

    /// <summary>A Bicep string literal: single quotes; <c>\</c>, <c>'</c>, <c>${</c> and control characters escaped.</summary>
    internal static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\'':
                    sb.Append("\\'");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '$' when i + 1 < value.Length && value[i + 1] == '{':
                    sb.Append("\\$");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u{").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append('}');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('\'').ToString();
    }
}
