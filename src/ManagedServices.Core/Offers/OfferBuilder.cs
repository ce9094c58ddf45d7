namespace ManagedServices.Offers;

/// <summary>
/// A mutable recipe for an <see cref="Offer"/>, in the style of Noda Time's <c>PeriodBuilder</c>:
/// fluent <c>With…</c>/<c>Add…</c> methods, <see cref="Offer.ToBuilder"/> to go back, <see cref="TryBuild"/> for
/// diagnostics as values and <see cref="Build"/> to throw one exception carrying all of them.
/// </summary>
/// <remarks>Not thread-safe. <see cref="Build"/> may be called any number of times.</remarks>
public sealed class OfferBuilder
{
    /// <summary>Creates an empty builder.</summary>
    public OfferBuilder()
    {
    }

    /// <summary>Creates a builder initialized with <paramref name="offer"/>.</summary>
    /// <param name="offer">The offer to start from.</param>
    /// <exception cref="ArgumentNullException"><paramref name="offer"/> is null.</exception>
    public OfferBuilder(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        Id = offer.Id;
        DisplayName = offer.DisplayName;
        PublisherId = offer.PublisherId;
        Description = offer.Description;
        Plans.AddRange(offer.Plans.Select(static p => new PlanBuilder(p)));
    }

    /// <summary>The offer ID; required.</summary>
    public string? Id { get; set; }

    /// <summary>The display name; required.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The publisher ID; required.</summary>
    public string? PublisherId { get; set; }

    /// <summary>The description.</summary>
    public string? Description { get; set; }

    /// <summary>The builders of the plans, in order.</summary>
    public List<PlanBuilder> Plans { get; } = [];

    /// <summary>Sets the offer ID.</summary>
    /// <param name="id">The ID.</param>
    /// <returns>This builder.</returns>
    public OfferBuilder WithId(string id)
    {
        Id = id;
        return this;
    }

    /// <summary>Sets the display name.</summary>
    /// <param name="displayName">The name.</param>
    /// <returns>This builder.</returns>
    public OfferBuilder WithDisplayName(string displayName)
    {
        DisplayName = displayName;
        return this;
    }

    /// <summary>Sets the publisher ID.</summary>
    /// <param name="publisherId">The publisher ID.</param>
    /// <returns>This builder.</returns>
    public OfferBuilder WithPublisher(string publisherId)
    {
        PublisherId = publisherId;
        return this;
    }

    /// <summary>Sets the description.</summary>
    /// <param name="description">The description.</param>
    /// <returns>This builder.</returns>
    public OfferBuilder WithDescription(string? description)
    {
        Description = description;
        return this;
    }

    /// <summary>Adds a plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>This builder.</returns>
    public OfferBuilder AddPlan(Plan plan)
    {
        Plans.Add(new PlanBuilder(plan));
        return this;
    }

    /// <summary>Adds a plan configured by <paramref name="configure"/>.</summary>
    /// <param name="configure">Called with a new plan builder.</param>
    /// <returns>This builder.</returns>
    public OfferBuilder AddPlan(Action<PlanBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var plan = new PlanBuilder();
        configure(plan);
        Plans.Add(plan);
        return this;
    }

    /// <summary>Builds the offer, reporting every structural problem (missing or malformed input).</summary>
    /// <returns>The offer, or diagnostics.</returns>
    /// <remarks>Lighthouse and Marketplace rules are checked by <c>OfferValidator</c>, not here.</remarks>
    public DiagnosticResult<Offer> TryBuild()
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        Require(Id, "id", "offer ID");
        Require(DisplayName, "displayName", "offer display name");
        Require(PublisherId, "publisherId", "publisher ID");
        var plans = ImmutableArray.CreateBuilder<Plan>(Plans.Count);
        for (var i = 0; i < Plans.Count; i++)
        {
            var plan = Plans[i].BuildAt(string.Create(CultureInfo.InvariantCulture, $"plans[{i}]."));
            diagnostics.AddRange(plan.Diagnostics);
            if (plan.Value is not null)
            {
                plans.Add(plan.Value);
            }
        }

        if (diagnostics.Count > 0)
        {
            return new(null, diagnostics.ToImmutable());
        }

        return new(new Offer
        {
            Id = Id!,
            DisplayName = DisplayName!,
            PublisherId = PublisherId!,
            Description = Description,
            Plans = plans.ToImmutable(),
        }, []);

        void Require(string? value, string path, string what)
        {
            if (value is null)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, $"The {what} is required.", path));
            }
        }
    }

    /// <summary>Builds the offer, or throws one exception carrying every structural problem.</summary>
    /// <returns>The offer.</returns>
    /// <exception cref="DiagnosticsException">The input is incomplete or malformed.</exception>
    public Offer Build() => TryBuild().GetValueOrThrow();
}
