using ManagedServices.Offers;

namespace ManagedServices.Arm;

public sealed partial record OnboardingDefinition
{
    /// <summary>The longest offer ID <see cref="ToOffer"/> derives from a name.</summary>
    private const int MaxDerivedOfferIdLength = 50;

    /// <summary>
    /// The onboarding definition of one plan of an offer: the offer's display name and description, the plan's manifest
    /// and, for a Marketplace template, the plan reference (publisher, product = offer ID, plan ID, version = the
    /// manifest's version).
    /// </summary>
    /// <param name="offer">The offer.</param>
    /// <param name="plan">One of its plans.</param>
    /// <param name="marketplace">True for a Marketplace template (with the plan reference); false for direct onboarding.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static OnboardingDefinition FromPlan(Offer offer, Plan plan, bool marketplace)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(plan);
        return new OnboardingDefinition
        {
            Name = offer.DisplayName,
            Description = offer.Description,
            Manifest = plan.Manifest,
            Plan = marketplace
                ? new MarketplacePlanReference { Publisher = offer.PublisherId, Product = offer.Id, Name = plan.Id, Version = plan.Manifest.Version.ToString() }
                : null,
        };
    }

    /// <summary>
    /// This definition as an offer with one public plan holding its manifest. The offer ID is
    /// <paramref name="offerId"/>, else the plan reference's product, else derived from <see cref="Name"/> (lower-case
    /// ASCII letters and digits, other runs one hyphen, at most 50 characters; <c>offer</c> when nothing is left); the
    /// publisher is <paramref name="publisherId"/>, else the plan reference's, else <c>unknown-publisher</c>; the plan
    /// ID is the plan reference's name, else <c>default</c>.
    /// </summary>
    /// <param name="offerId">The offer ID, or null to take or derive one.</param>
    /// <param name="publisherId">The publisher ID, or null to take one.</param>
    /// <returns>The offer, or the builder's diagnostics when the values do not make a valid offer.</returns>
    public DiagnosticResult<Offer> ToOffer(string? offerId = null, string? publisherId = null) =>
        new OfferBuilder()
            .WithId(offerId ?? Plan?.Product ?? DeriveOfferId(Name))
            .WithDisplayName(Name)
            .WithPublisher(publisherId ?? Plan?.Publisher ?? "unknown-publisher")
            .WithDescription(Description)
            .AddPlan(p => p
                .WithId(Plan?.Name ?? "default")
                .WithName(Name)
                .AsPublic()
                .WithManifest(Manifest))
            .TryBuild();

    /// <summary>
    /// The onboarding definition of a registration definition (for example one read from Azure's REST API): its offer
    /// name, description, manifest and plan; the resource name (<see cref="RegistrationDefinition.Id"/>) is not part of
    /// it (a template derives it with <c>guid()</c>).
    /// </summary>
    /// <param name="definition">The registration definition.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public static OnboardingDefinition FromRegistrationDefinition(RegistrationDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new OnboardingDefinition { Name = definition.Name, Description = definition.Description, Manifest = definition.Manifest, Plan = definition.Plan };
    }

    /// <summary>
    /// The registration definition this definition becomes under the resource name <paramref name="id"/>: the same
    /// offer name, description, manifest and plan (what a template deploys and what Azure's REST API returns).
    /// </summary>
    internal RegistrationDefinition ToRegistrationDefinition(Guid id) => new()
    {
        Id = id,
        Name = Name,
        Description = Description,
        Manifest = Manifest,
        Plan = Plan,
    };

    /// <summary>An offer ID from a display name: lower-case ASCII letters and digits, other runs become one hyphen.</summary>
    internal static string DeriveOfferId(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "offer" : slug.Length > MaxDerivedOfferIdLength ? slug[..MaxDerivedOfferIdLength].TrimEnd('-') : slug;
    }
}
