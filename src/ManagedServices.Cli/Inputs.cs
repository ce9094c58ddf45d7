using System.Collections.Immutable;
using System.CommandLine;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Arm;
using ManagedServices.Rest;
using ManagedServices.Serialization;

namespace ManagedServices.Cli;

/// <summary>Reads the files named on the command line into the library's model (public API only).</summary>
internal static class Inputs
{
    /// <summary>Reads a file through the library's bounded reader; a missing, unreadable or too large file is invalid input (exit 1).</summary>
    public static string ReadFile(CliContext context, string path)
    {
        var read = DocumentFile.Read(context.Resolve(path, "read"));
        return !read.HasErrors
            ? read.Value!
            : throw new InputException($"cannot read '{path}': " + string.Join("; ", read.Diagnostics.Select(static d => $"{d.Code} {d.Message}")));
    }

    /// <summary>
    /// The delegations an onboarding template creates in a subscription (<c>--template</c>, <c>--parameters</c>,
    /// <c>--subscription</c>, <c>--customer-tenant</c>), derived by the library (<c>OnboardingTemplate.Delegations</c>).
    /// </summary>
    public static DelegationSnapshot RequireDelegations(CliContext context, string template, string? parameters, string? subscription, string? customerTenant)
    {
        var subscriptionId = ParseSubscription(subscription, "--subscription")!.Value;
        var tenant = CustomerTenant(customerTenant, subscriptionId);
        return DelegationSnapshot.Create(OnboardingTemplate.Delegations(RequireTemplate(context, template, parameters, subscriptionId), tenant));
    }

    /// <summary>Parses a GUID option value; a malformed one is a usage error (exit 2).</summary>
    public static SubscriptionId? ParseSubscription(string? text, string option) =>
        text is null ? null : SubscriptionId.TryParse(text, out var id) ? id : throw new UsageException($"{option} '{text}' is not a GUID");

    /// <summary>Parses a tenant option value.</summary>
    public static TenantId? ParseTenant(string? text, string option) =>
        text is null ? null : TenantId.TryParse(text, out var id) ? id : throw new UsageException($"{option} '{text}' is not a GUID");

    /// <summary>Parses a principal option value.</summary>
    public static PrincipalId ParsePrincipal(string text, string option) =>
        PrincipalId.TryParse(text, out var id) ? id : throw new UsageException($"{option} '{text}' is not a GUID");

    /// <summary>
    /// The customer tenant of <c>--customer-tenant</c>, or, when it is not given, the library's stand-in
    /// (<see cref="OnboardingTemplate.StandInCustomerTenant"/>).
    /// </summary>
    public static TenantId CustomerTenant(string? text, SubscriptionId subscription) =>
        ParseTenant(text, "--customer-tenant") ?? OnboardingTemplate.StandInCustomerTenant(subscription);

    /// <summary>Reads an onboarding template (and its parameters file) for the subscription it is deployed to.</summary>
    public static DiagnosticResult<OnboardingTemplateContent> ReadTemplate(CliContext context, string template, string? parameters, SubscriptionId? subscription) =>
        OnboardingTemplate.Read(
            ReadFile(context, template),
            parameters is null ? null : ReadFile(context, parameters),
            new OnboardingReadOptions { SubscriptionId = subscription });

    /// <summary>Reads a template and fails (exit 1, diagnostics on stderr) when it has errors.</summary>
    public static OnboardingTemplateContent RequireTemplate(CliContext context, string template, string? parameters, SubscriptionId? subscription)
    {
        var result = ReadTemplate(context, template, parameters, subscription);
        if (!result.HasErrors)
        {
            return result.Value!;
        }

        throw Invalid(template, "an onboarding template", result.Diagnostics);
    }

    /// <summary>Reads an offer document and fails (exit 1) when it has errors.</summary>
    public static Offer RequireOffer(CliContext context, string path)
    {
        var result = OfferDocument.Read(ReadFile(context, path));
        if (!result.HasErrors)
        {
            return result.Value!;
        }

        throw Invalid(path, "an offer document", result.Diagnostics);
    }

    /// <summary>Picks a plan of an offer: the one named, or the only one.</summary>
    public static Plan PickPlan(Offer offer, string? planId, string path)
    {
        if (planId is not null)
        {
            return offer.Plans.FirstOrDefault(p => string.Equals(p.Id, planId, StringComparison.OrdinalIgnoreCase))
                ?? throw new InputException($"'{path}' has no plan '{planId}' (plans: {string.Join(", ", offer.Plans.Select(static p => p.Id))})");
        }

        return offer.Plans.Length == 1
            ? offer.Plans[0]
            : throw new UsageException($"'{path}' has {offer.Plans.Length} plans; choose one with --plan ({string.Join(", ", offer.Plans.Select(static p => p.Id))})");
    }

    /// <summary>
    /// One version of a manifest, as the library's <see cref="ManifestSource"/>: an offer document's plan (the one
    /// named, or the only one), a registration definition in the REST shape (the only one), or an onboarding template.
    /// </summary>
    public static ManifestSource ReadManifest(CliContext context, string path, string? planId, string? parameters) =>
        DocumentFile.DetectKind(ReadFile(context, path)) switch
        {
            DocumentKind.Offer => ManifestSource.FromManifest(PickPlan(RequireOffer(context, path), planId, path).Manifest),
            DocumentKind.Template => ManifestSource.FromTemplate(RequireTemplate(context, path, parameters, null)),
            DocumentKind.RegistrationDefinitions => ManifestSource.FromManifest(PickDefinition(RequireDefinitions(context, path), null, path).Manifest),
            _ => throw Unknown(path),
        };

    /// <summary>The kind of a file the library detects; a file of no known kind is invalid input (exit 1).</summary>
    public static DocumentKind RequireKind(string path, string json) =>
        DocumentFile.DetectKind(json) is var kind && kind != DocumentKind.Unknown ? kind : throw Unknown(path);

    private static InputException Unknown(string path) =>
        new($"'{path}' is neither an offer document, an onboarding template nor registration definitions (REST shape)");

    /// <summary>Reads registration definitions in the REST shape and fails (exit 1) when they have errors.</summary>
    public static IReadOnlyList<RegistrationDefinitionResource> RequireDefinitions(CliContext context, string path)
    {
        var read = RegistrationResources.ReadDefinitions(ReadFile(context, path));
        if (!read.HasErrors)
        {
            return read.Value!;
        }

        throw Invalid(path, "registration definitions", read.Diagnostics);
    }

    /// <summary>
    /// Reads the deny assignments of <c>--deny-assignments</c> (REST shape), or none when the option is absent. An
    /// unreadable or invalid file is invalid input (exit 1); warnings (for example a condition applied
    /// unconditionally) go to standard error.
    /// </summary>
    public static ImmutableArray<DenyAssignment> ReadDenyAssignments(CliContext context, string? path)
    {
        if (path is null)
        {
            return [];
        }

        var read = DenyAssignmentResources.Read(ReadFile(context, path));
        if (read.HasErrors)
        {
            throw Invalid(path, "deny assignments", read.Diagnostics);
        }

        foreach (var warning in read.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Warning))
        {
            context.Error.WriteLine($"{path}: {warning}");
        }

        return [.. read.Value];
    }

    /// <summary>The <c>--deny-assignments</c> option shared by who-can and check.</summary>
    public static Option<string?> DenyAssignmentsOption() => new("--deny-assignments")
    {
        Description = "Deny assignments of the customer scope, as Azure returns them (GET .../providers/Microsoft.Authorization/denyAssignments).",
        HelpName = "file",
    };

    /// <summary>A file that does not read as <paramref name="what"/>: its errors, one per line (exit 1).</summary>
    public static InputException Invalid(string path, string what, ImmutableArray<Diagnostic> diagnostics) =>
        Failed($"'{path}' cannot be read as {what}", diagnostics);

    /// <summary>Invalid input (exit 1): <paramref name="heading"/>, a colon, then the errors, one per line.</summary>
    public static InputException Failed(string heading, IEnumerable<Diagnostic> diagnostics) =>
        new(heading + ":" + Environment.NewLine +
            string.Join(Environment.NewLine, diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).Select(static d => "  " + d)));

    /// <summary>Picks a registration definition: the one whose name GUID is given, or the only one.</summary>
    public static RegistrationDefinition PickDefinition(IReadOnlyList<RegistrationDefinitionResource> definitions, string? definitionId, string path)
    {
        if (definitionId is not null)
        {
            if (!GuidText.TryParse(definitionId, out var id))
            {
                throw new UsageException($"--definition '{definitionId}' is not a GUID");
            }

            return definitions.FirstOrDefault(d => d.Definition.Id == id)?.Definition
                ?? throw new InputException($"'{path}' has no registration definition '{definitionId}' (definitions: {string.Join(", ", definitions.Select(static d => d.Definition.Id))})");
        }

        return definitions.Count switch
        {
            0 => throw new InputException($"'{path}' holds no registration definition"),
            1 => definitions[0].Definition,
            _ => throw new UsageException($"'{path}' has {definitions.Count} registration definitions; choose one with --definition ({string.Join(", ", definitions.Select(static d => d.Definition.Id))})"),
        };
    }
}
