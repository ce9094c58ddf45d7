using ManagedServices.Json;
using ManagedServices.Offers;

namespace ManagedServices.Arm;

/// <summary>One parameter of an onboarding template: its declaration and its value for one definition and target.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Type">The ARM and Bicep type (<c>string</c> or <c>array</c>).</param>
/// <param name="Description">The description (in the ARM template, and in Bicep unless <see cref="BicepDescription"/> is set).</param>
/// <param name="Value">The value, as JSON built from the model (<see cref="JsonMerge.Removed"/> marks members left out).</param>
internal sealed record TemplateParameter(string Name, string Type, string Description, JNode Value)
{
    /// <summary>The description in Bicep when the ARM one does not fit there (it names Bicep syntax, or is shorter).</summary>
    public string? BicepDescription { get; init; }
}

/// <summary>
/// The parameters of an onboarding template, in order, with their values: the one list that the ARM writer (template and
/// parameters file) and the Bicep writer (<c>main.bicep</c> and <c>main.bicepparam</c>) both render, so that the two
/// declare and fill the same parameters. Also the JSON shape of authorizations, shared with the REST writer.
/// </summary>
internal static class TemplateParameters
{
    public static List<TemplateParameter> For(OnboardingDefinition definition, OnboardingTarget target)
    {
        var manifest = definition.Manifest;
        var list = new List<TemplateParameter>
        {
            new("mspOfferName", "string", "The offer name shown to the customer; it also seeds the registration resource names.", JsonMerge.Str(definition.Name)),
        };
        if (definition.Description is { } description)
        {
            list.Add(new("mspOfferDescription", "string", "The description of the offer shown to the customer.", JsonMerge.Str(description)));
        }

        list.Add(new("managedByTenantId", "string", "The tenant ID of the managing (service provider) tenant.", JsonMerge.Str(manifest.ManagingTenantId.ToString())));
        list.Add(new("authorizations", "array",
            "The permanent authorizations: principalId, principalIdDisplayName, roleDefinitionId and, for User Access Administrator, delegatedRoleDefinitionIds.",
            Authorizations(manifest.Authorizations)) { BicepDescription = "The permanent authorizations." });
        if (!manifest.EligibleAuthorizations.IsEmpty)
        {
            list.Add(new("eligibleAuthorizations", "array", "The eligible (just-in-time) authorizations with their justInTimeAccessPolicy.",
                EligibleAuthorizations(manifest.EligibleAuthorizations)) { BicepDescription = "The eligible (just-in-time) authorizations." });
        }

        if (target.Kind == OnboardingTargetKind.ResourceGroup)
        {
            list.Add(new("rgName", "string", "The resource group to delegate; it must already exist.", JsonMerge.Str(target.ResourceGroupNames[0])));
        }
        else if (target.Kind == OnboardingTargetKind.ResourceGroups)
        {
            list.Add(new("resourceGroups", "array", "The resource groups to delegate, as objects { \"rgName\": \"...\" }; they must already exist.",
                JsonMerge.Arr(target.ResourceGroupNames.Select(static name => JsonMerge.Obj(("rgName", JsonMerge.Str(name))))))
            {
                BicepDescription = "The resource groups to delegate, as objects { rgName: '...' }; they must already exist.",
            });
        }

        if (definition.Plan is { } plan)
        {
            list.Add(new("marketplacePublisherId", "string", "The Marketplace publisher ID.", JsonMerge.Str(plan.Publisher)));
            list.Add(new("marketplaceOfferId", "string", "The Marketplace offer ID.", JsonMerge.Str(plan.Product)));
            list.Add(new("marketplacePlanId", "string", "The Marketplace plan ID.", JsonMerge.Str(plan.Name)));
            list.Add(new("marketplacePlanVersion", "string", "The Marketplace plan version.", JsonMerge.Str(plan.Version)));
        }

        return list;
    }

    /// <summary>Permanent authorizations in the template and REST shape.</summary>
    public static JNode Authorizations(ImmutableArray<Authorization> authorizations) =>
        JsonMerge.Arr(authorizations.Select(static a => JsonMerge.Obj(
            ("principalId", JsonMerge.Str(a.Principal.Id.ToString())),
            ("principalIdDisplayName", DisplayName(a.Principal)),
            ("roleDefinitionId", JsonMerge.Str(a.RoleDefinitionId.ToString())),
            ("delegatedRoleDefinitionIds", Roles(a.DelegatedRoleDefinitionIds)))));

    /// <summary>
    /// Eligible authorizations in the template and REST shape. <c>delegatedRoleDefinitionIds</c> is written when present
    /// (the REST shape can hold it; the template writers refuse such an authorization before writing).
    /// </summary>
    public static JNode EligibleAuthorizations(ImmutableArray<EligibleAuthorization> eligible) =>
        JsonMerge.Arr(eligible.Select(static e => JsonMerge.Obj(
            ("principalId", JsonMerge.Str(e.Principal.Id.ToString())),
            ("principalIdDisplayName", DisplayName(e.Principal)),
            ("roleDefinitionId", JsonMerge.Str(e.RoleDefinitionId.ToString())),
            ("justInTimeAccessPolicy", JsonMerge.Obj(
                ("multiFactorAuthProvider", JsonMerge.Str(e.JustInTimeAccessPolicy.MultiFactorAuthProvider.ToString())),
                ("maximumActivationDuration", JsonMerge.Str(IsoDuration.Format(e.JustInTimeAccessPolicy.MaximumActivationDuration))),
                ("managedByTenantApprovers", e.JustInTimeAccessPolicy.Approvers.IsEmpty
                    ? JsonMerge.Removed
                    : JsonMerge.Arr(e.JustInTimeAccessPolicy.Approvers.Select(static p => JsonMerge.Obj(
                        ("principalId", JsonMerge.Str(p.Id.ToString())),
                        ("principalIdDisplayName", DisplayName(p)))))))),
            ("delegatedRoleDefinitionIds", Roles(e.DelegatedRoleDefinitionIds)))));

    private static JNode DisplayName(Principal principal) =>
        principal.DisplayName is null ? JsonMerge.Removed : JsonMerge.Str(principal.DisplayName);

    private static JNode Roles(ImmutableArray<RoleDefinitionId> roles) =>
        roles.IsEmpty ? JsonMerge.Removed : JsonMerge.Arr(roles.Select(static r => JsonMerge.Str(r.ToString())));
}
