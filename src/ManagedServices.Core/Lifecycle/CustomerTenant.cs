using ManagedServices.Offers;

namespace ManagedServices.Lifecycle;

/// <summary>
/// The customer side of Managed Service offers as an immutable state: the plans a customer tenant bought and the
/// delegations in force. Every operation returns a new state and its diagnostics; a refused operation returns this
/// same instance and at least one error with a stable code.
/// </summary>
/// <remarks>
/// <para>Delegations are named the way the subscription and single-resource-group onboarding templates name them:
/// the registration definition (at subscription scope) and every registration assignment are called
/// <c>guid(offerName)</c> (ARM's <c>guid()</c>, as <see cref="ArmGuid"/> computes it), where the offer name is the offer's display name. Several resource
/// groups of one subscription therefore share one definition.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed partial class CustomerTenant
{
    private CustomerTenant(TenantId tenantId, ImmutableArray<PlanPurchase> purchases, ImmutableArray<Delegation> delegations)
    {
        TenantId = tenantId;
        Purchases = purchases;
        Delegations = delegations;
    }

    /// <summary>The customer's tenant.</summary>
    public TenantId TenantId { get; }

    /// <summary>The plans bought, in purchase order.</summary>
    public ImmutableArray<PlanPurchase> Purchases { get; }

    /// <summary>
    /// The delegations in force (one per delegated scope and offer), in onboarding order: the input of the access
    /// evaluator.
    /// </summary>
    public ImmutableArray<Delegation> Delegations { get; }

    /// <summary>Starts a customer tenant with no purchase and no delegation.</summary>
    /// <param name="tenantId">The customer's tenant.</param>
    /// <returns>The state.</returns>
    public static CustomerTenant Create(TenantId tenantId) => new(tenantId, [], []);

    /// <summary>Finds a purchase.</summary>
    /// <param name="offerId">The offer ID.</param>
    /// <param name="planId">The plan ID.</param>
    /// <param name="purchase">The purchase, when found.</param>
    /// <returns>True when the customer bought the plan.</returns>
    public bool TryGetPurchase(string offerId, string planId, [NotNullWhen(true)] out PlanPurchase? purchase)
    {
        ArgumentNullException.ThrowIfNull(offerId);
        ArgumentNullException.ThrowIfNull(planId);
        purchase = Purchases.FirstOrDefault(p => string.Equals(p.OfferId, offerId, StringComparison.Ordinal) &&
                                                 string.Equals(p.PlanId, planId, StringComparison.Ordinal));
        return purchase is not null;
    }

    /// <summary>The delegations that came from a purchase.</summary>
    /// <param name="purchase">The purchase.</param>
    /// <returns>The delegations, in onboarding order.</returns>
    public ImmutableArray<Delegation> DelegationsOf(PlanPurchase purchase)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        return [.. Delegations.Where(d => IsFrom(d, purchase))];
    }

    /// <summary>
    /// Buys a published plan for one or more subscriptions, accepting its latest version. Refused when the plan is not
    /// published or stop-sold, when a subscription is outside a private plan's audience, or when the plan delegates to
    /// the customer's own tenant. Buying a plan again adds subscriptions to the purchase (its accepted version stays).
    /// </summary>
    /// <param name="offer">The offer's lifecycle state.</param>
    /// <param name="planId">The plan ID.</param>
    /// <param name="subscriptions">The subscriptions.</param>
    /// <returns>The new state, or this state with the reasons.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public LifecycleResult<CustomerTenant> Purchase(OfferLifecycle offer, string planId, IEnumerable<SubscriptionId> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(planId);
        ArgumentNullException.ThrowIfNull(subscriptions);
        var subs = subscriptions.Distinct().ToImmutableArray();
        if (!offer.IsPublished || !offer.TryGetPlan(planId, out var plan))
        {
            return Refuse(DiagnosticCodes.PlanNotPublished, $"The plan '{MessageText.Clip(planId)}' of offer '{MessageText.Clip(offer.OfferId)}' is not published.", "planId");
        }

        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        if (plan.IsStopSold)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.PlanStopSold, $"The plan '{MessageText.Clip(planId)}' is stop-sold and can no longer be bought.", "planId"));
        }

        if (subs.IsEmpty)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NothingSelected, "No subscription was given; a plan is bought for one or more subscriptions.", "subscriptions"));
        }

        var managingTenant = plan.Latest.Manifest.ManagingTenantId;
        if (managingTenant == TenantId)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.ManagingTenantIsCustomerTenant,
                $"The plan delegates to tenant {managingTenant}, which is the customer's own tenant; the managing tenant must be another tenant.",
                "planId"));
        }

        if (plan.Current.Visibility == PlanVisibility.Private)
        {
            var audience = plan.Current.Audience.ToHashSet();
            for (var i = 0; i < subs.Length; i++)
            {
                if (!audience.Contains(subs[i]))
                {
                    diagnostics.Add(Diagnostic.Error(
                        DiagnosticCodes.SubscriptionNotInAudience,
                        $"The subscription {subs[i]} is not in the audience of the private plan '{MessageText.Clip(planId)}'.",
                        Index("subscriptions", i)));
                }
            }
        }

        if (diagnostics.Count > 0)
        {
            return new(this, diagnostics.ToImmutable());
        }

        var published = offer.Published;
        var purchases = Purchases;
        if (TryGetPurchase(offer.OfferId, planId, out var existing))
        {
            purchases = purchases.Replace(existing, existing with { Subscriptions = [.. existing.Subscriptions.Union(subs)] });
        }
        else
        {
            purchases = purchases.Add(new PlanPurchase(
                published.PublisherId, published.Id, published.DisplayName, published.Description, planId, subs, plan.Latest));
        }

        return new(new CustomerTenant(TenantId, purchases, Delegations), []);
    }

    /// <summary>
    /// Delegates whole subscriptions and/or resource groups of subscriptions bought with the plan, under the accepted
    /// version. Refused when a scope is not a subscription or resource group, is outside the purchased subscriptions, or
    /// already has an assignment for the same offer name (the service allows one per scope and offer name), or when its
    /// subscription already holds the definition <c>guid(offerName)</c> for another plan of the offer.
    /// </summary>
    /// <param name="offerId">The offer ID.</param>
    /// <param name="planId">The plan ID.</param>
    /// <param name="scopes">The subscriptions and resource groups to delegate.</param>
    /// <returns>The new state, or this state with the reasons.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public LifecycleResult<CustomerTenant> Onboard(string offerId, string planId, IEnumerable<ResourceScope> scopes)
    {
        ArgumentNullException.ThrowIfNull(offerId);
        ArgumentNullException.ThrowIfNull(planId);
        ArgumentNullException.ThrowIfNull(scopes);
        if (!TryGetPurchase(offerId, planId, out var purchase))
        {
            return Refuse(DiagnosticCodes.PlanNotPurchased, $"The plan '{MessageText.Clip(planId)}' of offer '{MessageText.Clip(offerId)}' has not been bought.", "planId");
        }

        var list = scopes.ToImmutableArray();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        if (list.IsEmpty)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NothingSelected, "No scope was given; delegate one or more subscriptions or resource groups.", "scopes"));
        }

        var sameName = Delegations.Where(d => string.Equals(d.Definition.Name, purchase.OfferName, StringComparison.Ordinal)).ToList();
        var taken = sameName.Select(static d => d.Scope).ToHashSet();
        var otherPlans = sameName.Where(d => !IsFrom(d, purchase)).ToLookup(static d => d.Scope.SubscriptionId);
        for (var i = 0; i < list.Length; i++)
        {
            var scope = list[i];
            var path = Index("scopes", i);
            if (!scope.IsDelegable)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.ScopeNotDelegable,
                    $"The scope '{MessageText.Clip(scope.ToString())}' cannot be delegated; only subscriptions and resource groups can.",
                    path));
            }
            else if (scope.SubscriptionId is not { } sub || !purchase.Subscriptions.Contains(sub))
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.ScopeNotPurchased,
                    $"The scope '{scope}' is not in a subscription the plan '{MessageText.Clip(planId)}' was bought for.",
                    path));
            }
            else if (otherPlans[sub].FirstOrDefault() is { } other)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.RegistrationDefinitionTaken,
                    $"The subscription {sub} already holds registration definition {other.Definition.Id} (guid of offer name '{MessageText.Clip(purchase.OfferName)}') for plan '{MessageText.Clip(other.Definition.Plan?.Name ?? "")}'; one offer name names one definition per subscription, so remove that delegation first.",
                    path));
            }
            else if (!taken.Add(scope))
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.MultipleRegistrationAssignments,
                    $"Another registration assignment for offer '{MessageText.Clip(purchase.OfferName)}' is present at scope '{scope}'. The service refuses it: \"Multiple registration assignments are not allowed.\"",
                    path));
            }
        }

        if (diagnostics.Count > 0)
        {
            return new(this, diagnostics.ToImmutable());
        }

        var definition = DefinitionFor(purchase);
        var added = list.Select(scope => new Delegation
        {
            CustomerTenantId = TenantId,
            Definition = definition,
            AssignmentId = definition.Id,
            Scope = scope,
        });
        return new(new CustomerTenant(TenantId, Purchases, Delegations.AddRange(added)), []);
    }

    /// <summary>
    /// Compares the version the customer accepted with the plan's latest published version: what the customer reviews
    /// before <see cref="AcceptUpdate"/>.
    /// </summary>
    /// <param name="offer">The offer's lifecycle state.</param>
    /// <param name="planId">The plan ID.</param>
    /// <param name="catalog">The role catalog; <see cref="RoleCatalog.BuiltIn"/> when null.</param>
    /// <returns>The diff, or diagnostics when the plan was not bought or has no newer version.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DiagnosticResult<ManifestDiff> ReviewUpdate(OfferLifecycle offer, string planId, RoleCatalog? catalog = null)
    {
        var found = FindUpdate(offer, planId);
        return found.Error is { } error
            ? new DiagnosticResult<ManifestDiff>(null, [error])
            : new DiagnosticResult<ManifestDiff>(ManifestDiff.Compare(found.Purchase!.AcceptedVersion.Manifest, found.Latest!.Manifest, catalog), []);
    }

    /// <summary>
    /// Accepts the plan's latest published version: its manifest replaces the old one on every scope delegated for the
    /// purchase. Until then the accepted version stays in force. Refused when there is no newer version or when the new
    /// version delegates to another managing tenant (that needs a new offer).
    /// </summary>
    /// <param name="offer">The offer's lifecycle state.</param>
    /// <param name="planId">The plan ID.</param>
    /// <returns>The new state, or this state with the reasons.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public LifecycleResult<CustomerTenant> AcceptUpdate(OfferLifecycle offer, string planId)
    {
        var found = FindUpdate(offer, planId);
        if (found.Error is { } error)
        {
            return new(this, [error]);
        }

        var purchase = found.Purchase!;
        var latest = found.Latest!;
        if (OfferLifecycle.ManagingTenantChange(purchase.AcceptedVersion, latest.Manifest, "planId") is { } tenantChange)
        {
            return new(this, [tenantChange]);
        }

        var updated = purchase with { AcceptedVersion = latest };
        var definition = DefinitionFor(updated);
        var delegations = Delegations.Select(d => IsFrom(d, purchase) ? d with { Definition = definition } : d).ToImmutableArray();
        return new(new CustomerTenant(TenantId, Purchases.Replace(purchase, updated), delegations), []);
    }

    /// <summary>
    /// Removes a delegation as the customer, which is always allowed. Afterwards no access remains through it.
    /// </summary>
    /// <param name="delegation">One of <see cref="Delegations"/>.</param>
    /// <returns>The new state, or this state when the delegation is not one of the customer's.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="delegation"/> is null.</exception>
    public LifecycleResult<CustomerTenant> Remove(Delegation delegation)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        var at = Delegations.IndexOf(delegation);
        return at < 0
            ? NotFound(delegation)
            : new(new CustomerTenant(TenantId, Purchases, Delegations.RemoveAt(at)), []);
    }

    /// <summary>Formats the tenant, its purchases and delegations.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{TenantId}: {Purchases.Length} purchase(s), {Delegations.Length} delegation(s)");

    private static bool IsFrom(Delegation d, PlanPurchase purchase) =>
        d.Definition.Plan is { } plan &&
        string.Equals(plan.Publisher, purchase.PublisherId, StringComparison.Ordinal) &&
        string.Equals(plan.Product, purchase.OfferId, StringComparison.Ordinal) &&
        string.Equals(plan.Name, purchase.PlanId, StringComparison.Ordinal);

    private static RegistrationDefinition DefinitionFor(PlanPurchase purchase) => new()
    {
        Id = DeterministicGuid.Create(purchase.OfferName),
        Name = purchase.OfferName,
        Description = purchase.OfferDescription,
        Manifest = purchase.AcceptedVersion.Manifest,
        Plan = purchase.PlanReference,
    };

    private static string Index(string name, int i) => string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]");

    private LifecycleResult<CustomerTenant> Refuse(string code, string message, string path) =>
        new(this, [Diagnostic.Error(code, message, path)]);

    private LifecycleResult<CustomerTenant> NotFound(Delegation delegation) =>
        Refuse(DiagnosticCodes.DelegationNotFound,
            $"No delegation of offer '{MessageText.Clip(delegation.Definition.Name)}' at scope '{delegation.Scope}' is in force for tenant {TenantId}.",
            "delegation");

    private (PlanPurchase? Purchase, PublishedPlanVersion? Latest, Diagnostic? Error) FindUpdate(OfferLifecycle offer, string planId)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(planId);
        if (!TryGetPurchase(offer.OfferId, planId, out var purchase))
        {
            return (null, null, Diagnostic.Error(DiagnosticCodes.PlanNotPurchased, $"The plan '{MessageText.Clip(planId)}' of offer '{MessageText.Clip(offer.OfferId)}' has not been bought.", "planId"));
        }

        if (!offer.TryGetPlan(planId, out var plan) || plan.Latest.Version <= purchase.AcceptedVersion.Version)
        {
            return (purchase, null, Diagnostic.Error(
                DiagnosticCodes.NoNewerVersion,
                $"The plan '{MessageText.Clip(planId)}' has no published version newer than the accepted {purchase.AcceptedVersion.Version}.",
                "planId"));
        }

        return (purchase, plan.Latest, null);
    }
}
