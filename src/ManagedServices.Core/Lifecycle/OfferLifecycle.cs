using ManagedServices.Offers;
using ManagedServices.Validation;

namespace ManagedServices.Lifecycle;

/// <summary>
/// The publishing life of a Managed Service offer as an immutable state: a draft that the publisher edits, and what has
/// been published so far (per plan, the live plan and every manifest version). Every operation returns a new state
/// and its diagnostics; a refused operation returns this same instance and at least one error with a stable code.
/// </summary>
/// <remarks>
/// <para>Enforced: offer ID, publisher and plan IDs are immutable once published; a new version of a plan keeps its
/// managing tenant (another tenant needs a new offer); a plan published as public never becomes private; a private plan has an audience of 1 to 10,000 subscriptions; a changed manifest carries a strictly
/// greater version than the plan's previous one; stop-selling is final; a plan with validation errors is not published.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class OfferLifecycle
{
    /// <summary>The most subscription IDs in a private plan's audience.</summary>
    public const int MaxAudience = OfferValidator.MaxAudience;

    private OfferLifecycle(Offer draft, Offer? published, ImmutableArray<PlanHistory> plans, int publications)
    {
        Draft = draft;
        Published = published;
        Plans = plans;
        Publications = publications;
    }

    /// <summary>The offer being edited; what the next <see cref="Publish"/> makes live.</summary>
    public Offer Draft { get; }

    /// <summary>The offer as live now, or <see langword="null"/> before the first publication.</summary>
    public Offer? Published { get; }

    /// <summary>True once the offer has been published.</summary>
    [MemberNotNullWhen(true, nameof(Published))]
    public bool IsPublished => Published is not null;

    /// <summary>The offer ID.</summary>
    public string OfferId => Published?.Id ?? Draft.Id;

    /// <summary>The number of publications so far.</summary>
    public int Publications { get; }

    /// <summary>The published plans, in first-publication order, each with its version history.</summary>
    public ImmutableArray<PlanHistory> Plans { get; }

    /// <summary>Starts the life of an offer as an unpublished draft.</summary>
    /// <param name="draft">The draft.</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="draft"/> is null.</exception>
    public static OfferLifecycle Create(Offer draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new OfferLifecycle(draft, null, [], 0);
    }

    /// <summary>Finds a published plan.</summary>
    /// <param name="planId">The plan ID.</param>
    /// <param name="plan">The plan's history, when published.</param>
    /// <returns>True when the plan has been published.</returns>
    public bool TryGetPlan(string planId, [NotNullWhen(true)] out PlanHistory? plan)
    {
        ArgumentNullException.ThrowIfNull(planId);
        plan = Plans.FirstOrDefault(p => string.Equals(p.PlanId, planId, StringComparison.Ordinal));
        return plan is not null;
    }

    /// <summary>
    /// Replaces the draft. Refused when the draft would change what is immutable once published: the offer ID, the
    /// publisher, a published plan ID (a published plan cannot be removed; stop-sell it), a public plan's visibility,
    /// or a stop-sold plan's stop-sold flag.
    /// </summary>
    /// <param name="draft">The new draft.</param>
    /// <returns>The new state, or this state with the reasons.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="draft"/> is null.</exception>
    public LifecycleResult<OfferLifecycle> UpdateDraft(Offer draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        CheckImmutables(draft, diagnostics);
        return diagnostics.Count > 0
            ? new(this, diagnostics.ToImmutable())
            : new(new OfferLifecycle(draft, Published, Plans, Publications), []);
    }

    /// <summary>
    /// Publishes the draft. Each plan is checked (structure, the rules that hold once published, and
    /// <paramref name="validatePlan"/>); when any check fails nothing is published. A plan whose manifest changed gets
    /// a new version in its history; the first publication of a plan starts its history.
    /// </summary>
    /// <param name="validatePlan">
    /// The validation of each plan; when null, <see cref="OfferValidator.Default"/> (the Lighthouse and Marketplace
    /// rules). An error refuses the publication (<see cref="DiagnosticCodes.PlanHasValidationErrors"/>). Its diagnostics
    /// are returned with paths prefixed by <c>plans[i].</c>; a diagnostic with the same code and path as one of the
    /// lifecycle's own structural checks is reported once. Pass <c>_ =&gt; []</c> to check structure only.
    /// </param>
    /// <returns>The new state, or this state with the reasons.</returns>
    public LifecycleResult<OfferLifecycle> Publish(Func<Plan, ImmutableArray<Diagnostic>>? validatePlan = null)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        CheckImmutables(Draft, diagnostics);
        OfferValidator.CheckHasPlans(Draft.Plans, diagnostics);
        OfferValidator.CheckPlanIdsUnique(Draft.Plans, diagnostics);
        for (var i = 0; i < Draft.Plans.Length; i++)
        {
            var plan = Draft.Plans[i];
            var path = Index(i);
            OfferValidator.CheckAudience(plan, path, diagnostics);
            if (TryGetPlan(plan.Id, out var published) &&
                ManagingTenantChange(published.Latest, plan.Manifest, path + "manifest.managingTenantId") is { } tenantChange)
            {
                diagnostics.Add(tenantChange);
            }

            if (TryGetPlan(plan.Id, out var history) && plan.Manifest != history.Latest.Manifest &&
                plan.Manifest.Version <= history.Latest.Version)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.ManifestVersionNotIncreased,
                    $"The manifest of plan '{MessageText.Clip(plan.Id)}' changed but its version {plan.Manifest.Version} is not greater than the published version {history.Latest.Version}; a new manifest needs a strictly greater version.",
                    path + "manifest.version"));
            }

            var found = validatePlan is null ? OfferValidator.Default.Validate(plan).Diagnostics : validatePlan(plan);
            if (!found.IsDefaultOrEmpty)
            {
                var newErrors = false;
                foreach (var d in found.Select(d => d with { Path = d.Path.Length == 0 ? path.TrimEnd('.') : path + d.Path }))
                {
                    if (!diagnostics.Any(x => x.Code == d.Code && x.Path == d.Path))
                    {
                        diagnostics.Add(d);
                        newErrors |= d.Severity == DiagnosticSeverity.Error;
                    }
                }

                if (newErrors)
                {
                    diagnostics.Add(Diagnostic.Error(
                        DiagnosticCodes.PlanHasValidationErrors,
                        $"The plan '{MessageText.Clip(plan.Id)}' has validation errors and cannot be published.",
                        path.TrimEnd('.')));
                }
            }
        }

        if (diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error))
        {
            return new(this, diagnostics.ToImmutable());
        }

        if (Draft.Equals(Published))
        {
            diagnostics.Add(new Diagnostic
            {
                Code = DiagnosticCodes.NothingToPublish,
                Severity = DiagnosticSeverity.Info,
                Message = "Nothing changed since the last publication.",
            });
            return new(this, diagnostics.ToImmutable());
        }

        var publication = Publications + 1;
        var plans = Plans.ToList();
        foreach (var plan in Draft.Plans)
        {
            var at = plans.FindIndex(h => string.Equals(h.PlanId, plan.Id, StringComparison.Ordinal));
            if (at < 0)
            {
                plans.Add(new PlanHistory(plan, [new PublishedPlanVersion { Plan = plan, Publication = publication }]));
            }
            else
            {
                var history = plans[at];
                var versions = plan.Manifest == history.Latest.Manifest
                    ? history.Versions
                    : history.Versions.Add(new PublishedPlanVersion { Plan = plan, Publication = publication });
                plans[at] = new PlanHistory(plan, versions);
            }
        }

        return new(new OfferLifecycle(Draft, Draft, [.. plans], publication), diagnostics.ToImmutable());
    }

    /// <summary>
    /// Stops selling a published plan, at once (no publication needed): it can no longer be bought; customers who bought
    /// it keep it and may still accept its updates. Stop-selling cannot be undone.
    /// </summary>
    /// <param name="planId">The plan ID.</param>
    /// <returns>The new state, or this state with the reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="planId"/> is null.</exception>
    public LifecycleResult<OfferLifecycle> StopSelling(string planId)
    {
        if (!TryGetPlan(planId, out var history))
        {
            return new(this, [Diagnostic.Error(DiagnosticCodes.PlanNotPublished, $"The plan '{MessageText.Clip(planId)}' has not been published; only a published plan can be stop-sold.", "planId")]);
        }

        if (history.IsStopSold)
        {
            return new(this, [new Diagnostic { Code = DiagnosticCodes.PlanAlreadyStopSold, Severity = DiagnosticSeverity.Info, Message = $"The plan '{MessageText.Clip(planId)}' is already stop-sold." }]);
        }

        var plans = Plans.Select(h => h == history ? new PlanHistory(h.Current with { IsStopSold = true }, h.Versions) : h).ToImmutableArray();
        var draft = Draft with { Plans = [.. Draft.Plans.Select(p => p.Id == planId ? p with { IsStopSold = true } : p)] };
        var published = Published! with { Plans = [.. Published.Plans.Select(p => p.Id == planId ? p with { IsStopSold = true } : p)] };
        return new(new OfferLifecycle(draft, published, plans, Publications), []);
    }

    /// <summary>Formats the offer ID, the number of publications and each plan's versions.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{OfferId}: {Publications} publication(s); ") + string.Join("; ", Plans);

    private static int IndexOfPlan(Offer offer, string planId)
    {
        for (var i = 0; i < offer.Plans.Length; i++)
        {
            if (string.Equals(offer.Plans[i].Id, planId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The one rule on changing the managing tenant (rule book §4.5: "changing the managing tenant requires a new
    /// offer"; ARM refuses to update a registration definition to another managing tenant): a plan version that delegates
    /// to another tenant than the version before it is refused with
    /// <see cref="DiagnosticCodes.ManagingTenantChangeRequiresNewOffer"/>, when it is published and (should such a
    /// version exist) when a customer accepts it.
    /// </summary>
    /// <param name="previous">The version published (or accepted) before.</param>
    /// <param name="next">The manifest of the new version.</param>
    /// <param name="path">The path of the diagnostic.</param>
    /// <returns>The error, or null when the managing tenant is unchanged.</returns>
    internal static Diagnostic? ManagingTenantChange(PublishedPlanVersion previous, DelegationManifest next, string path) =>
        next.ManagingTenantId == previous.Manifest.ManagingTenantId
            ? null
            : Diagnostic.Error(
                DiagnosticCodes.ManagingTenantChangeRequiresNewOffer,
                $"Version {next.Version} delegates to tenant {next.ManagingTenantId} instead of {previous.Manifest.ManagingTenantId} (version {previous.Version}); changing the managing tenant needs a new offer.",
                path);

    private static string Index(int i) => string.Create(CultureInfo.InvariantCulture, $"plans[{i}].");

    private void CheckImmutables(Offer draft, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (Published is null)
        {
            return;
        }

        if (!string.Equals(draft.Id, Published.Id, StringComparison.Ordinal))
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.OfferIdChanged,
                $"The offer ID cannot change from '{MessageText.Clip(Published.Id)}' to '{MessageText.Clip(draft.Id)}': offer IDs are immutable once published.",
                "id"));
        }

        if (!string.Equals(draft.PublisherId, Published.PublisherId, StringComparison.Ordinal))
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.PublisherChanged,
                $"The publisher cannot change from '{MessageText.Clip(Published.PublisherId)}' to '{MessageText.Clip(draft.PublisherId)}'.",
                "publisherId"));
        }

        foreach (var history in Plans)
        {
            var at = IndexOfPlan(draft, history.PlanId);
            if (at < 0)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.PublishedPlanRemoved,
                    $"The published plan '{MessageText.Clip(history.PlanId)}' is missing from the draft: plan IDs are immutable once published and a published plan cannot be removed (stop-sell it instead).",
                    "plans"));
                continue;
            }

            var plan = draft.Plans[at];
            if (history.Current.Visibility == PlanVisibility.Public && plan.Visibility == PlanVisibility.Private)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.PublicPlanMadePrivate,
                    $"The plan '{MessageText.Clip(plan.Id)}' was published as public and can never become private.",
                    Index(at) + "visibility"));
            }

            if (history.IsStopSold && !plan.IsStopSold)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.StopSoldPlanResumed,
                    $"The plan '{MessageText.Clip(plan.Id)}' is stop-sold; stop-selling cannot be undone.",
                    Index(at) + "isStopSold"));
            }
        }
    }
}
