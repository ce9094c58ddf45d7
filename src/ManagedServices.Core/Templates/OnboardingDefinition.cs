using System.Collections.Immutable;
using System.Text;
using ManagedServices.Offers;

namespace ManagedServices.Templates;

/// <summary>
/// What an onboarding template creates, independent of the target: the offer name (<c>mspOfferName</c>), its
/// description (<c>mspOfferDescription</c>), the delegation manifest and, for a Marketplace offer, the plan.
/// </summary>
/// <remarks>ARM templates carry neither the manifest version nor principal kinds: reading gives
/// <see cref="PrincipalKind.Unknown"/>, and the version of the plan (when it is <c>n.n.n</c>) or <c>1.0.0</c>.</remarks>
public sealed record OnboardingDefinition
{
    /// <summary>The offer name shown to the customer (<c>mspOfferName</c>, <c>registrationDefinitionName</c>); it seeds the resource names.</summary>
    public required string Name { get; init; }

    /// <summary>The description shown to the customer (<c>mspOfferDescription</c>); when null the template has no description.</summary>
    public string? Description { get; init; }

    /// <summary>The managing tenant and the authorizations.</summary>
    public required DelegationManifest Manifest { get; init; }

    /// <summary>The Marketplace plan (<c>plan</c> block), when the delegation comes from a Marketplace offer.</summary>
    public MarketplacePlanReference? Plan { get; init; }
}

/// <summary>Options of <see cref="OnboardingTemplate.Write"/>.</summary>
public sealed record OnboardingWriteOptions
{
    /// <summary>The api-version of the <c>Microsoft.ManagedServices</c> resources, or null to use
    /// <see cref="ManagedServicesApiVersions.Default"/>. An explicit version that cannot carry the manifest's features
    /// is reported (<see cref="DiagnosticCodes.ApiVersionTooOld"/>), never silently dropped.</summary>
    public string? ApiVersion { get; init; }
}

/// <summary>Options of <see cref="OnboardingTemplate.Read"/>.</summary>
public sealed record OnboardingReadOptions
{
    /// <summary>
    /// Inline parameter values, as given on a command line (<c>--parameters name=value</c>); they win over the
    /// parameters file. For a <c>string</c> parameter the text is the value; for other types it is JSON.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableDictionary<string, string> ParameterOverrides { get; init => field = value ?? ImmutableDictionary<string, string>.Empty; } =
        ImmutableDictionary<string, string>.Empty;

    /// <summary>The subscription the template is (or would be) deployed to, used by <c>subscription()</c> and
    /// <c>resourceId()</c>. When null, a placeholder (the empty GUID) is used and reported.</summary>
    public SubscriptionId? SubscriptionId { get; init; }
}

/// <summary>The two files of an ARM onboarding: the template and its parameters file.</summary>
public sealed record OnboardingTemplateFiles
{
    /// <summary>The subscription-deployment template (JSON, 2-space indentation, <c>\n</c> line endings, final newline).</summary>
    public required string Template { get; init; }

    /// <summary>The parameters file (same format).</summary>
    public required string Parameters { get; init; }

    /// <summary>The api-version used for the <c>Microsoft.ManagedServices</c> resources.</summary>
    public required string ApiVersion { get; init; }
}

/// <summary>What kind of template was read.</summary>
public enum OnboardingTemplateKind
{
    /// <summary>A direct onboarding template (subscription deployment with registration definitions and assignments).</summary>
    Onboarding = 0,

    /// <summary>An Azure Policy management-group template: a <c>deployIfNotExists</c> policy that deploys the delegation
    /// into each subscription of the management group. The definition is read from its policy parameters.</summary>
    ManagementGroupPolicy = 1,
}

/// <summary>The delegation read from an onboarding template and its parameters.</summary>
public sealed record OnboardingTemplateContent
{
    /// <summary>The kind of template.</summary>
    public OnboardingTemplateKind Kind { get; init; }

    /// <summary>The offer name, description, manifest and plan of the first registration definition. It describes the
    /// template for writing it again; what grants access is <see cref="OnboardingTemplate.Delegations"/>, and a format
    /// that holds one definition goes through <see cref="OnboardingTemplate.SingleDefinition"/>.</summary>
    public required OnboardingDefinition Definition { get; init; }

    /// <summary>The shape of the template's assignments (subscription, one or several resource groups), for writing it
    /// again. It is descriptive only: delegations come from <see cref="RegistrationAssignments"/>
    /// (<see cref="OnboardingTemplate.Delegations"/>).</summary>
    public required OnboardingTarget Target { get; init; }

    /// <summary>Every registration definition the template creates, with its resource name (the evaluated <c>guid()</c>).</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<RegistrationDefinition> RegistrationDefinitions { get; init => field = value.OrEmpty(); } = [];

    /// <summary>
    /// Every registration assignment the template creates (conditions evaluated, copy loops expanded), in template
    /// order, each with the definition it references. Only these put a definition's authorizations anywhere: see
    /// <see cref="OnboardingTemplate.Delegations"/>.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<OnboardingAssignment> RegistrationAssignments { get; init => field = value.OrEmpty(); } = [];

    /// <summary>The subscription the template was read for (<see cref="OnboardingReadOptions.SubscriptionId"/>), or null
    /// when it was read without one (the empty GUID then stood in for it).</summary>
    public SubscriptionId? SubscriptionId { get; init; }

    /// <summary>The api-version of the registration definition resource, as written in the template.</summary>
    public required string ApiVersion { get; init; }

    /// <inheritdoc/>
    public bool Equals(OnboardingTemplateContent? other) =>
        other is not null && Kind == other.Kind && Definition == other.Definition && Target == other.Target &&
        ApiVersion == other.ApiVersion && SubscriptionId == other.SubscriptionId &&
        Sequence.Equal(RegistrationDefinitions, other.RegistrationDefinitions) &&
        Sequence.Equal(RegistrationAssignments, other.RegistrationAssignments);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Kind, Definition, Target, ApiVersion, SubscriptionId, Sequence.Hash(RegistrationDefinitions), Sequence.Hash(RegistrationAssignments));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Kind = ").Append(Kind).Append(", Definition = ").Append(Definition).Append(", Target = ").Append(Target)
            .Append(", ApiVersion = ").Append(ApiVersion).Append(", SubscriptionId = ").Append(SubscriptionId).Append(", ");
        Sequence.Print(builder, nameof(RegistrationDefinitions), RegistrationDefinitions);
        builder.Append(", ");
        Sequence.Print(builder, nameof(RegistrationAssignments), RegistrationAssignments);
        return true;
    }
}

/// <summary>
/// A registration assignment an onboarding template creates: its name, where it is created (the subscription, or the
/// resource group of the nested deployment it sits in) and the registration definition it references.
/// </summary>
public sealed record OnboardingAssignment
{
    /// <summary>The assignment's resource name (a GUID; the empty GUID when the template's name is not one, which is an error).</summary>
    public required Guid Id { get; init; }

    /// <summary>The evaluated <c>registrationDefinitionId</c>, as written (null when the template gives none).</summary>
    public string? RegistrationDefinitionId { get; init; }

    /// <summary>The resource group the assignment is created in, or null when it is created at the subscription.</summary>
    public string? ResourceGroupName { get; init; }

    /// <summary>
    /// The index in <see cref="OnboardingTemplateContent.RegistrationDefinitions"/> of the definition whose resource ID
    /// equals <see cref="RegistrationDefinitionId"/> (compared case-insensitively), or null when the template creates no
    /// such definition (the assignment then grants nothing offline; <see cref="DiagnosticCodes.TemplateAssignmentDefinitionNotFound"/>).
    /// </summary>
    public int? DefinitionIndex { get; init; }
}

/// <summary>The api-versions of <c>Microsoft.ManagedServices</c> and what each can carry.</summary>
public static class ManagedServicesApiVersions
{
    /// <summary>The newest stable version, used by default (<c>2022-10-01</c>).</summary>
    public const string Default = "2022-10-01";

    /// <summary>The first version with eligible authorizations (<c>2020-02-01-preview</c>).</summary>
    public const string EligibleAuthorizations = "2020-02-01-preview";

    /// <summary>The first version with approvers (<c>managedByTenantApprovers</c>, <c>2022-01-01-preview</c>).</summary>
    public const string Approvers = "2022-01-01-preview";

    private static readonly string[] Ordered =
    [
        "2018-06-01-preview", "2019-04-01-preview", "2019-06-01", "2019-09-01", "2020-02-01-preview", "2022-01-01-preview", "2022-10-01",
    ];

    /// <summary>Every known version, oldest first.</summary>
    public static ImmutableArray<string> All { get; } = [.. Ordered];

    /// <summary>True when <paramref name="apiVersion"/> is a known version.</summary>
    /// <param name="apiVersion">The version text.</param>
    /// <returns>True when known.</returns>
    public static bool IsKnown(string? apiVersion) => Rank(apiVersion) >= 0;

    /// <summary>True when <paramref name="apiVersion"/> is known and can carry eligible authorizations.</summary>
    /// <param name="apiVersion">The version text.</param>
    /// <returns>True when supported.</returns>
    public static bool SupportsEligibleAuthorizations(string? apiVersion) => Rank(apiVersion) >= Rank(EligibleAuthorizations);

    /// <summary>True when <paramref name="apiVersion"/> is known and can carry approvers.</summary>
    /// <param name="apiVersion">The version text.</param>
    /// <returns>True when supported.</returns>
    public static bool SupportsApprovers(string? apiVersion) => Rank(apiVersion) >= Rank(Approvers);

    private static int Rank(string? apiVersion) =>
        apiVersion is null ? -1 : Array.FindIndex(Ordered, v => string.Equals(v, apiVersion, StringComparison.OrdinalIgnoreCase));
}
