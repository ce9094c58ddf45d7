namespace ManagedServices.Offers;

/// <summary>A mutable recipe for a <see cref="Plan"/>.</summary>
/// <remarks>Not thread-safe. <see cref="Build"/> may be called any number of times.</remarks>
public sealed class PlanBuilder
{
    private readonly List<string> _badAudience = [];

    /// <summary>Creates an empty builder.</summary>
    public PlanBuilder()
    {
    }

    /// <summary>Creates a builder initialized with <paramref name="plan"/>.</summary>
    /// <param name="plan">The plan to start from.</param>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public PlanBuilder(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Id = plan.Id;
        Name = plan.Name;
        Description = plan.Description;
        Visibility = plan.Visibility;
        Audience.AddRange(plan.Audience);
        IsStopSold = plan.IsStopSold;
        Manifest = new DelegationManifestBuilder(plan.Manifest);
    }

    /// <summary>The plan ID; required.</summary>
    public string? Id { get; set; }

    /// <summary>The plan name; required.</summary>
    public string? Name { get; set; }

    /// <summary>The description.</summary>
    public string? Description { get; set; }

    /// <summary>Public or private.</summary>
    /// <value>The default value is <see cref="PlanVisibility.Public"/>.</value>
    public PlanVisibility Visibility { get; set; }

    /// <summary>The subscriptions of a private plan's audience.</summary>
    public List<SubscriptionId> Audience { get; } = [];

    /// <summary>Whether the plan is no longer sold.</summary>
    public bool IsStopSold { get; set; }

    /// <summary>The builder of the plan's manifest.</summary>
    public DelegationManifestBuilder Manifest { get; private set; } = new();

    /// <summary>Sets the plan ID.</summary>
    /// <param name="id">The ID.</param>
    /// <returns>This builder.</returns>
    public PlanBuilder WithId(string id)
    {
        Id = id;
        return this;
    }

    /// <summary>Sets the plan name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This builder.</returns>
    public PlanBuilder WithName(string name)
    {
        Name = name;
        return this;
    }

    /// <summary>Sets the description.</summary>
    /// <param name="description">The description.</param>
    /// <returns>This builder.</returns>
    public PlanBuilder WithDescription(string? description)
    {
        Description = description;
        return this;
    }

    /// <summary>Makes the plan public.</summary>
    /// <returns>This builder.</returns>
    public PlanBuilder AsPublic()
    {
        Visibility = PlanVisibility.Public;
        return this;
    }

    /// <summary>Makes the plan private and adds subscriptions to its audience.</summary>
    /// <param name="audience">Subscriptions that may buy the plan.</param>
    /// <returns>This builder.</returns>
    public PlanBuilder AsPrivate(params ReadOnlySpan<SubscriptionId> audience)
    {
        Visibility = PlanVisibility.Private;
        Audience.AddRange(audience);
        return this;
    }

    /// <summary>Adds subscriptions, given as GUID text, to the audience; malformed text is reported by <see cref="TryBuild"/>.</summary>
    /// <param name="subscriptionIds">The subscription IDs.</param>
    /// <returns>This builder.</returns>
    public PlanBuilder AddAudience(params ReadOnlySpan<string> subscriptionIds)
    {
        foreach (var text in subscriptionIds)
        {
            if (SubscriptionId.TryParse(text, out var id))
            {
                Audience.Add(id);
            }
            else
            {
                _badAudience.Add(text ?? "");
            }
        }

        return this;
    }

    /// <summary>Marks the plan as no longer sold (or sold again).</summary>
    /// <param name="stopSold">True to stop selling.</param>
    /// <returns>This builder.</returns>
    public PlanBuilder StopSelling(bool stopSold = true)
    {
        IsStopSold = stopSold;
        return this;
    }

    /// <summary>Replaces the manifest.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>This builder.</returns>
    public PlanBuilder WithManifest(DelegationManifest manifest)
    {
        Manifest = new DelegationManifestBuilder(manifest);
        return this;
    }

    /// <summary>Configures the manifest.</summary>
    /// <param name="configure">Called with the manifest builder.</param>
    /// <returns>This builder.</returns>
    public PlanBuilder WithManifest(Action<DelegationManifestBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Manifest);
        return this;
    }

    /// <summary>Builds the plan, reporting every structural problem.</summary>
    /// <returns>The plan, or diagnostics.</returns>
    public DiagnosticResult<Plan> TryBuild() => BuildAt("");

    /// <summary>Builds the plan, or throws one exception carrying every structural problem.</summary>
    /// <returns>The plan.</returns>
    /// <exception cref="DiagnosticsException">The input is incomplete or malformed.</exception>
    public Plan Build() => TryBuild().GetValueOrThrow();

    internal DiagnosticResult<Plan> BuildAt(string pathPrefix)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        if (Id is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, "The plan ID is required.", pathPrefix + "id"));
        }

        if (Name is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, "The plan name is required.", pathPrefix + "name"));
        }

        foreach (var text in _badAudience)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidGuid, $"The audience subscription ID '{MessageText.Clip(text)}' is not a GUID.", pathPrefix + "audience"));
        }

        var manifest = Manifest.BuildAt(pathPrefix + "manifest.");
        diagnostics.AddRange(manifest.Diagnostics);
        if (diagnostics.Count > 0 || manifest.Value is null)
        {
            return new(null, diagnostics.ToImmutable());
        }

        return new(new Plan
        {
            Id = Id!,
            Name = Name!,
            Description = Description,
            Visibility = Visibility,
            Audience = [.. Audience],
            IsStopSold = IsStopSold,
            Manifest = manifest.Value,
        }, []);
    }
}
