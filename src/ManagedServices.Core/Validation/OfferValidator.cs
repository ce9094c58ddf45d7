using ManagedServices.Offers;

namespace ManagedServices.Validation;

/// <summary>
/// Checks offers, plans and delegation manifests against the Azure Lighthouse and Azure Marketplace rules
/// (roles, eligible authorizations, limits, identifiers). Every finding is a <see cref="Diagnostic"/> with a
/// <c>MSC1xxx</c> code (see <see cref="DiagnosticCodes"/>); nothing is thrown for bad data.
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe; one instance can validate any number of inputs concurrently.</para>
/// <para>
/// Diagnostics come in walk order: for an offer, the offer's own checks (ID, plans present), then each plan in order,
/// then the checks across plans (duplicate IDs and names). For a plan, the plan's own checks (ID, name, audience),
/// then its manifest. For a manifest, the managing tenant, then each permanent authorization in order, then each
/// eligible authorization in order, then the checks across authorizations (policies per role, no permanent
/// authorization, count limit, duplicates, removal role). Within one item the rules run in a fixed order.
/// Messages never contain indexes, so reordering authorizations only changes the indexes in
/// <see cref="Diagnostic.Path"/>, never the set of codes, severities and messages.
/// </para>
/// </remarks>
public sealed class OfferValidator
{
    /// <summary>The most authorizations (permanent and eligible together) a Marketplace plan may have.</summary>
    internal const int MaxMarketplaceAuthorizations = 20;

    /// <summary>The most approvers of one just-in-time access policy.</summary>
    internal const int MaxApprovers = 10;

    /// <summary>The most subscriptions in a private plan's audience.</summary>
    internal const int MaxAudience = 10_000;

    /// <summary>The longest offer or plan ID.</summary>
    internal const int MaxIdLength = 50;

    /// <summary>The longest plan name (the current Partner Center limit; older documentation said 50).</summary>
    internal const int MaxPlanNameLength = 200;

    /// <summary>The shortest maximum activation duration.</summary>
    internal static readonly TimeSpan MinActivationDuration = TimeSpan.FromMinutes(30);

    /// <summary>The longest maximum activation duration.</summary>
    internal static readonly TimeSpan MaxActivationDuration = TimeSpan.FromHours(8);

    /// <summary>A read operation every Reader-level role grants (Reader grants <c>*/read</c>).</summary>
    internal const string ResourceGroupReadAction = "Microsoft.Resources/subscriptions/resourceGroups/read";

    /// <summary>
    /// A read operation of a provider that does not exist: only a role that grants every read (<c>*/read</c> or
    /// <c>*</c>) permits it, which tells Reader-level roles from roles that read a few resource types.
    /// </summary>
    internal const string AnyReadProbeAction = "ManagedServices.ReaderProbe/anyResourceType/read";

    /// <summary>Collections up to this size are checked for repeats by scanning instead of hashing.</summary>
    private const int SmallCollection = 32;

    private readonly RoleCatalog _catalog;
    private readonly Lazy<FrozenSet<RoleDefinitionId>> _readerRoles;

    /// <summary>Creates a validator.</summary>
    /// <param name="catalog">The roles to check role IDs against; <see cref="RoleCatalog.BuiltIn"/> when null.</param>
    public OfferValidator(RoleCatalog? catalog = null)
    {
        _catalog = catalog ?? RoleCatalog.BuiltIn;
        var roles = _catalog;
        _readerRoles = new(() => roles.Roles.Where(GrantsReaderAccess).Select(static r => r.Id).ToFrozenSet(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A validator that uses <see cref="RoleCatalog.BuiltIn"/>.</summary>
    public static OfferValidator Default { get; } = new();

    /// <summary>The role catalog role IDs are checked against.</summary>
    public RoleCatalog Catalog => _catalog;

    /// <summary>Validates an offer: its ID, its plans (each with the Marketplace limits) and the checks across plans.</summary>
    /// <param name="offer">The offer.</param>
    /// <returns>The offer and the diagnostics; paths start at the offer (for example <c>plans[0].manifest.authorizations[3].roleDefinitionId</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="offer"/> is null.</exception>
    public ValidationResult<Offer> Validate(Offer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        CheckIdentifier(offer.Id, "id", DiagnosticCodes.InvalidOfferId, "offer ID", diagnostics);
        CheckHasPlans(offer.Plans, diagnostics);
        for (var i = 0; i < offer.Plans.Length; i++)
        {
            ValidatePlan(offer.Plans[i], Prefix("plans", i), diagnostics);
        }

        CheckPlanIdsUnique(offer.Plans, diagnostics);
        if (offer.Plans.Length > 1)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < offer.Plans.Length; i++)
            {
                var plan = offer.Plans[i];
                if (!names.Add(plan.Name))
                {
                    diagnostics.Add(Diagnostic.Error(
                        DiagnosticCodes.DuplicatePlanName,
                        $"The plan name '{MessageText.Clip(plan.Name)}' is used by more than one plan; plan names must be unique within an offer.",
                        Prefix("plans", i) + "name"));
                }
            }
        }

        return Result(offer, diagnostics);
    }

    /// <summary>Validates a Marketplace plan: its ID, name and audience, and its manifest with the Marketplace limits.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The plan and the diagnostics; paths start at the plan (for example <c>manifest.authorizations[0].roleDefinitionId</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public ValidationResult<Plan> Validate(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        ValidatePlan(plan, "", diagnostics);
        return Result(plan, diagnostics);
    }

    /// <summary>
    /// Validates a delegation manifest on its own, for example the body of an ARM onboarding template.
    /// </summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="marketplace">
    /// True to apply the Marketplace-only limits too (at most 20 authorizations); false for ARM onboarding, where no
    /// such limit is documented.
    /// </param>
    /// <returns>The manifest and the diagnostics; paths start at the manifest (for example <c>authorizations[3].roleDefinitionId</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="manifest"/> is null.</exception>
    public ValidationResult<DelegationManifest> Validate(DelegationManifest manifest, bool marketplace = false)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        ValidateManifest(manifest, "", marketplace, diagnostics);
        return Result(manifest, diagnostics);
    }

    /// <summary>
    /// Validates every registration definition of a list (an onboarding template's, or definitions as Azure returns
    /// them), each with the Marketplace limits when it carries a plan. With several definitions, each path starts with
    /// the definition's index (<c>[1].authorizations[0].roleDefinitionId</c>); with one, paths start at its manifest.
    /// </summary>
    /// <param name="definitions">The definitions, in order.</param>
    /// <returns>The definitions (as an immutable array) and the diagnostics of every definition, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definitions"/> is null.</exception>
    public ValidationResult<ImmutableArray<RegistrationDefinition>> Validate(IReadOnlyList<RegistrationDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            var prefix = definitions.Count == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"[{i}].");
            ValidateManifest(definition.Manifest, prefix, definition.Plan is not null, diagnostics);
        }

        return Result(definitions is ImmutableArray<RegistrationDefinition> array ? array : [.. definitions], diagnostics);
    }

    /// <summary>
    /// True when <paramref name="role"/> gives Reader-level access: it grants every read operation (as <c>*/read</c> or
    /// <c>*</c> do), which is what the portal needs to show the customer and to activate eligible roles.
    /// User Access Administrator does not count: in Lighthouse it only assigns roles to managed identities.
    /// </summary>
    internal static bool GrantsReaderAccess(RoleDefinition role) =>
        role.Id != BuiltInRoleIds.UserAccessAdministrator &&
        role.PermitsAction(ResourceGroupReadAction) && role.PermitsAction(AnyReadProbeAction);

    private static ValidationResult<T> Result<T>(T value, ImmutableArray<Diagnostic>.Builder diagnostics)
        where T : notnull =>
        new(value, diagnostics.Count == 0 ? [] : diagnostics.ToImmutable());

    private static string Prefix(string collection, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{collection}[{index}].");

    private static string Prefix(string prefix, string collection, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{collection}[{index}].");

    private static string Item(string prefix, string collection, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{collection}[{index}]");

    private static void CheckIdentifier(string id, string path, string code, string what, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (IsValidIdentifier(id))
        {
            return;
        }

        diagnostics.Add(Diagnostic.Error(
            code,
            $"The {what} '{MessageText.Clip(id)}' must be 1 to {MaxIdLength} characters of lower-case letters, digits, hyphens and underscores.",
            path));
    }

    internal static bool IsValidIdentifier(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The one rule that an offer has a plan (<see cref="DiagnosticCodes.OfferWithoutPlans"/>), shared with
    /// <see cref="Lifecycle.OfferLifecycle.Publish"/>.
    /// </summary>
    internal static void CheckHasPlans(ImmutableArray<Plan> plans, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (plans.IsEmpty)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.OfferWithoutPlans, "The offer has no plan; every offer needs at least one plan.", "plans"));
        }
    }

    /// <summary>
    /// The one rule that plan IDs are unique within an offer (<see cref="DiagnosticCodes.DuplicatePlanId"/>, on every
    /// repeat), shared with <see cref="Lifecycle.OfferLifecycle.Publish"/>.
    /// </summary>
    internal static void CheckPlanIdsUnique(ImmutableArray<Plan> plans, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (plans.Length < 2)
        {
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < plans.Length; i++)
        {
            if (!ids.Add(plans[i].Id))
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.DuplicatePlanId,
                    $"The plan ID '{MessageText.Clip(plans[i].Id)}' is used by more than one plan; plan IDs must be unique within an offer.",
                    Prefix("plans", i) + "id"));
            }
        }
    }

    /// <summary>
    /// The one audience rule (shared with <see cref="Lifecycle.OfferLifecycle.Publish"/>): a private plan has 1 to
    /// <see cref="MaxAudience"/> subscriptions (<see cref="DiagnosticCodes.PrivatePlanWithoutAudience"/>,
    /// <see cref="DiagnosticCodes.AudienceTooLarge"/>); a public plan's audience is ignored
    /// (<see cref="DiagnosticCodes.PublicPlanWithAudience"/>).
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="prefix">The path of the plan, ending in '.' (or empty).</param>
    /// <param name="diagnostics">Where findings go.</param>
    internal static void CheckAudience(Plan plan, string prefix, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (plan.Visibility == PlanVisibility.Private)
        {
            if (plan.Audience.IsEmpty)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.PrivatePlanWithoutAudience,
                    "The private plan has no audience; customers can buy a private plan only for the subscription IDs it lists.",
                    prefix + "audience"));
            }
            else if (plan.Audience.Length > MaxAudience)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.AudienceTooLarge,
                    string.Create(CultureInfo.InvariantCulture, $"The private plan's audience has {plan.Audience.Length} subscriptions; at most {MaxAudience:N0} are allowed."),
                    prefix + "audience"));
            }
        }
        else if (!plan.Audience.IsEmpty)
        {
            diagnostics.Add(Diagnostic.Warning(
                DiagnosticCodes.PublicPlanWithAudience,
                "The public plan has an audience; a public plan is open to every customer, so the audience is ignored.",
                prefix + "audience"));
        }
    }

    private void ValidatePlan(Plan plan, string prefix, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        CheckIdentifier(plan.Id, prefix + "id", DiagnosticCodes.InvalidPlanId, "plan ID", diagnostics);
        if (string.IsNullOrWhiteSpace(plan.Name) || plan.Name.Length > MaxPlanNameLength)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.InvalidPlanName,
                string.Create(CultureInfo.InvariantCulture, $"The plan name must be 1 to {MaxPlanNameLength} characters and not blank; it has {plan.Name?.Length ?? 0}."),
                prefix + "name"));
        }

        CheckAudience(plan, prefix, diagnostics);
        WarnRepeats(plan.Audience, static x => x, DiagnosticCodes.DuplicateAudienceEntry, prefix, "audience", diagnostics,
            static s => $"The subscription {s} appears more than once in the audience.");

        ValidateManifest(plan.Manifest, prefix + "manifest.", marketplace: true, diagnostics);
    }

    private void ValidateManifest(DelegationManifest manifest, string prefix, bool marketplace, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (manifest.ManagingTenantId.IsEmpty)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.EmptyManagingTenant,
                "The managing tenant ID is the empty GUID; it must be the service provider's tenant.",
                prefix + "managingTenantId"));
        }

        var authorizations = manifest.Authorizations;
        var eligible = manifest.EligibleAuthorizations;
        var hasDeleteRole = false;
        for (var i = 0; i < authorizations.Length; i++)
        {
            var a = authorizations[i];
            var at = new ItemPath(prefix, "authorizations", i);
            hasDeleteRole |= a.RoleDefinitionId == BuiltInRoleIds.RegistrationAssignmentDelete;
            CheckPrincipalNotEmpty(a.Principal, at.Of("principalId"), diagnostics);
            CheckDisplayName(a.Principal, at, diagnostics);
            CheckRole(a.RoleDefinitionId, at, eligible: false, diagnostics);
            if (a.RoleDefinitionId == BuiltInRoleIds.UserAccessAdministrator)
            {
                CheckDelegatedRoles(a.DelegatedRoleDefinitionIds, at, diagnostics);
            }
            else if (!a.DelegatedRoleDefinitionIds.IsEmpty)
            {
                diagnostics.Add(Diagnostic.Warning(
                    DiagnosticCodes.DelegatedRolesOnNonUserAccessAdministrator,
                    $"The authorization has delegatedRoleDefinitionIds but its role {RoleText(a.RoleDefinitionId)} is not User Access Administrator; they apply only to User Access Administrator and are ignored or rejected otherwise.",
                    at.Of("delegatedRoleDefinitionIds")));
            }
        }

        HashSet<PrincipalId>? readers = null;
        for (var i = 0; i < eligible.Length; i++)
        {
            var e = eligible[i];
            var at = new ItemPath(prefix, "eligibleAuthorizations", i);
            hasDeleteRole |= e.RoleDefinitionId == BuiltInRoleIds.RegistrationAssignmentDelete;
            CheckPrincipalNotEmpty(e.Principal, at.Of("principalId"), diagnostics);
            CheckDisplayName(e.Principal, at, diagnostics);
            if (e.Principal.Kind == PrincipalKind.ServicePrincipal)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.EligibleServicePrincipal,
                    $"The eligible principal {e.Principal.Id} is a service principal; eligible authorizations are for users and groups only.",
                    at.Of("principalId")));
            }

            CheckRole(e.RoleDefinitionId, at, eligible: true, diagnostics);
            if (!e.DelegatedRoleDefinitionIds.IsEmpty)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.EligibleWithDelegatedRoles,
                    "The eligible authorization has delegatedRoleDefinitionIds; delegated roles cannot be used with eligible authorizations.",
                    at.Of("delegatedRoleDefinitionIds")));
            }

            CheckPolicy(e.JustInTimeAccessPolicy, at, diagnostics);

            readers ??= ReaderPrincipals(authorizations);
            if (!readers.Contains(e.Principal.Id))
            {
                diagnostics.Add(Diagnostic.Warning(
                    DiagnosticCodes.EligibleWithoutReaderAccess,
                    $"The eligible principal {e.Principal.Id} has no permanent authorization with Reader-level access (such as Reader); without one it cannot see the customer or activate the role in the portal.",
                    at.Of("principalId")));
            }
        }

        CheckPoliciesPerRole(eligible, prefix, diagnostics);

        if (authorizations.IsEmpty)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.NoPermanentAuthorization,
                "The manifest has no permanent authorization; at least one active (permanent) authorization is required.",
                prefix + "authorizations"));
        }

        var total = authorizations.Length + eligible.Length;
        if (marketplace && total > MaxMarketplaceAuthorizations)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.TooManyAuthorizations,
                string.Create(CultureInfo.InvariantCulture, $"The plan has {total} authorizations (permanent and eligible together); a Marketplace plan allows at most {MaxMarketplaceAuthorizations}."),
                prefix + "authorizations"));
        }

        WarnRepeats(authorizations, static x => (x.Principal.Id, x.RoleDefinitionId), DiagnosticCodes.DuplicateAuthorization, prefix, "authorizations", diagnostics,
            a => $"The principal {a.Principal.Id} holds role {RoleText(a.RoleDefinitionId)} in more than one permanent authorization.");
        WarnRepeats(eligible, static x => (x.Principal.Id, x.RoleDefinitionId), DiagnosticCodes.DuplicateEligibleAuthorization, prefix, "eligibleAuthorizations", diagnostics,
            e => $"The principal {e.Principal.Id} is eligible for role {RoleText(e.RoleDefinitionId)} more than once.");

        CheckDisplayNamesAgree(manifest, prefix, diagnostics);

        if (!hasDeleteRole)
        {
            diagnostics.Add(Diagnostic.Warning(
                DiagnosticCodes.NoRegistrationAssignmentDeleteRole,
                $"No authorization uses the Managed Services Registration Assignment Delete Role ({BuiltInRoleIds.RegistrationAssignmentDelete}); without it only the customer can remove the delegation.",
                prefix + "authorizations"));
        }
    }

    /// <summary>
    /// The empty GUID is not a principal: Microsoft's samples ship it as a placeholder for the managing tenant's user,
    /// group or service principal, and deploying it delegates to nobody that exists (the service cannot resolve it). As
    /// for the placeholder managing tenant (<see cref="DiagnosticCodes.EmptyManagingTenant"/>), it is an error in an
    /// authorization, an eligible authorization or an approver. (In deny assignments the empty GUID means everyone;
    /// that is a different model and is unchanged.)
    /// </summary>
    private static void CheckPrincipalNotEmpty(Principal principal, string path, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (principal.Id.IsEmpty)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.EmptyPrincipal,
                "The principal ID is the empty GUID (the samples' placeholder); it must be the object ID of a user, group or service principal in the managing tenant.",
                path));
        }
    }

    /// <summary>
    /// One principal shown under two different display names (in authorizations, eligible authorizations or approvers)
    /// is probably a copy-and-paste slip: the customer sees both names for one identity. Reported once per principal, at
    /// the first item whose name differs from the first name seen, with every name in ordinal order (so the message does
    /// not depend on the order of the authorizations). Blank names are left to <see cref="DiagnosticCodes.MissingPrincipalDisplayName"/>
    /// and the empty GUID to <see cref="DiagnosticCodes.EmptyPrincipal"/> (a placeholder stands for several principals).
    /// </summary>
    private static void CheckDisplayNamesAgree(DelegationManifest manifest, string prefix, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var names = new Dictionary<PrincipalId, (string First, SortedSet<string> All, string? At)>();
        void See(Principal principal, string path)
        {
            if (string.IsNullOrWhiteSpace(principal.DisplayName) || principal.Id.IsEmpty)
            {
                return;
            }

            if (!names.TryGetValue(principal.Id, out var seen))
            {
                names[principal.Id] = (principal.DisplayName, new SortedSet<string>(StringComparer.Ordinal) { principal.DisplayName }, null);
                return;
            }

            seen.All.Add(principal.DisplayName);
            if (seen.At is null && !string.Equals(seen.First, principal.DisplayName, StringComparison.Ordinal))
            {
                names[principal.Id] = seen with { At = path };
            }
        }

        for (var i = 0; i < manifest.Authorizations.Length; i++)
        {
            See(manifest.Authorizations[i].Principal, Item(prefix, "authorizations", i) + ".principalIdDisplayName");
        }

        for (var i = 0; i < manifest.EligibleAuthorizations.Length; i++)
        {
            var e = manifest.EligibleAuthorizations[i];
            See(e.Principal, Item(prefix, "eligibleAuthorizations", i) + ".principalIdDisplayName");
            var approvers = e.JustInTimeAccessPolicy.Approvers;
            for (var k = 0; k < approvers.Length; k++)
            {
                See(approvers[k], Item(prefix, "eligibleAuthorizations", i) + string.Create(CultureInfo.InvariantCulture, $".justInTimeAccessPolicy.managedByTenantApprovers[{k}].principalIdDisplayName"));
            }
        }

        foreach (var (id, seen) in names)
        {
            if (seen.At is not null)
            {
                diagnostics.Add(Diagnostic.Warning(
                    DiagnosticCodes.PrincipalDisplayNameConflict,
                    $"The principal {id} has {seen.All.Count.ToString(CultureInfo.InvariantCulture)} different display names ({string.Join(", ", seen.All.Select(static n => "'" + MessageText.Clip(n) + "'"))}); one principal should have one name.",
                    seen.At));
            }
        }
    }

    private static void CheckDisplayName(Principal principal, ItemPath at, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (string.IsNullOrWhiteSpace(principal.DisplayName))
        {
            diagnostics.Add(Diagnostic.Warning(
                DiagnosticCodes.MissingPrincipalDisplayName,
                $"The principal {principal.Id} has no display name; give one so the customer understands the purpose of the authorization.",
                at.Of("principalIdDisplayName")));
        }
    }

    private void CheckRole(RoleDefinitionId id, ItemPath at, bool eligible, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (eligible && (id == BuiltInRoleIds.Owner || id == BuiltInRoleIds.UserAccessAdministrator))
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.EligibleRestrictedRole,
                $"The role {RoleText(id)} cannot be eligible; the service reports: 'Restricted role definitions are '{BuiltInRoleIds.Owner};{BuiltInRoleIds.UserAccessAdministrator}'.'",
                at.Of("roleDefinitionId")));
            return;
        }

        if (id == BuiltInRoleIds.Owner)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.OwnerRoleNotAllowed,
                $"The role is Owner ({id}), which Lighthouse does not support: 'This role cannot be an owner role.'",
                at.Of("roleDefinitionId")));
            return;
        }

        if (!_catalog.TryGet(id, out var role) || _catalog.GetDelegability(id) is not { } delegability)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.UnknownRole,
                $"The role {id} is not in the role catalog; Lighthouse accepts only built-in roles (if it is a built-in role newer than the catalog, validate with a newer catalog).",
                at.Of("roleDefinitionId")));
            return;
        }

        if (delegability.IsCustom)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.CustomRoleNotAllowed,
                $"The role '{role.Name}' ({id}) is a custom role; Lighthouse accepts only built-in roles.",
                at.Of("roleDefinitionId")));
            return;
        }

        if (delegability.HasDataActions)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.RoleHasDataActions,
                $"The role '{role.Name}' ({id}) has data actions; the service rejects it: 'Only built in role definitions without any data and notData actions are allowed.'",
                at.Of("roleDefinitionId")));
        }

        if (!delegability.RestrictedActions.IsEmpty && id != BuiltInRoleIds.UserAccessAdministrator)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.RoleHasRestrictedActions,
                $"The role '{role.Name}' ({id}) includes restricted actions ({string.Join(", ", delegability.RestrictedActions)}); the service rejects it 'because of restricted actions'.",
                at.Of("roleDefinitionId")));
        }

        if (delegability.IsDelegable && role.Permissions.FirstOrDefault(static p => p.Condition is not null) is { } conditioned)
        {
            diagnostics.Add(Diagnostic.Warning(
                DiagnosticCodes.RoleHasCondition,
                $"The role '{role.Name}' ({id}) has a permission block with an ABAC condition ('{MessageText.Clip(conditioned.Condition!)}'); conditions cannot be evaluated offline, so the access evaluator treats that block as granting nothing (ConditionNotEvaluated).",
                at.Of("roleDefinitionId")));
        }
    }

    private void CheckDelegatedRoles(ImmutableArray<RoleDefinitionId> delegated, ItemPath at, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (delegated.IsEmpty)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.UserAccessAdministratorWithoutDelegatedRoles,
                "The User Access Administrator authorization has no delegatedRoleDefinitionIds; they are 'required when the roleDefinitionId refers to the User Access Administrator Role'.",
                at.Of("delegatedRoleDefinitionIds")));
            return;
        }

        for (var k = 0; k < delegated.Length; k++)
        {
            var id = delegated[k];
            if (RoleDelegability.WhyNotAssignable(_catalog, id) is { } reason)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.DelegatedRoleNotAllowed,
                    $"The delegated role {RoleText(id)} is not allowed ({reason}); delegated roles must be Lighthouse-supported built-in roles other than User Access Administrator and Owner.",
                    at.Of(string.Create(CultureInfo.InvariantCulture, $"delegatedRoleDefinitionIds[{k}]"))));
            }
        }
    }

    private static void CheckPolicy(JustInTimeAccessPolicy policy, ItemPath at, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var duration = policy.MaximumActivationDuration;
        if (duration < MinActivationDuration || duration > MaxActivationDuration)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.ActivationDurationOutOfRange,
                $"The maximum activation duration {IsoDuration.Format(duration)} is outside the allowed range PT30M to PT8H.",
                at.Of("justInTimeAccessPolicy.maximumActivationDuration")));
        }

        if (!policy.MultiFactorAuthProvider.IsKnown)
        {
            diagnostics.Add(Diagnostic.Warning(
                DiagnosticCodes.UnknownMultiFactorAuthProvider,
                $"The multiFactorAuthProvider '{MessageText.Clip(policy.MultiFactorAuthProvider.ToString())}' is not a known value (Azure or None).",
                at.Of("justInTimeAccessPolicy.multiFactorAuthProvider")));
        }

        var approvers = policy.Approvers;
        if (approvers.Length > MaxApprovers)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.TooManyApprovers,
                string.Create(CultureInfo.InvariantCulture, $"The policy has {approvers.Length} approvers; at most {MaxApprovers} users or groups are allowed."),
                at.Of("justInTimeAccessPolicy.managedByTenantApprovers")));
        }

        for (var k = 0; k < approvers.Length; k++)
        {
            CheckPrincipalNotEmpty(approvers[k], at.Of(string.Create(CultureInfo.InvariantCulture, $"justInTimeAccessPolicy.managedByTenantApprovers[{k}].principalId")), diagnostics);
            if (approvers[k].Kind == PrincipalKind.ServicePrincipal)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.ApproverServicePrincipal,
                    $"The approver {approvers[k].Id} is a service principal; approvers must be users or groups.",
                    at.Of(string.Create(CultureInfo.InvariantCulture, $"justInTimeAccessPolicy.managedByTenantApprovers[{k}].principalId"))));
            }
        }
    }

    private void CheckPoliciesPerRole(ImmutableArray<EligibleAuthorization> eligible, string prefix, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        if (eligible.Length < 2 || (eligible.Length <= SmallCollection && !AnyRoleWithTwoPolicies(eligible)))
        {
            return;
        }

        // Reported once per role, at its first eligible authorization, with the number of distinct policies:
        // the same codes and messages whatever the order of the authorizations.
        var byRole = new Dictionary<RoleDefinitionId, (int First, HashSet<JustInTimeAccessPolicy> Policies)>();
        var order = new List<RoleDefinitionId>();
        for (var i = 0; i < eligible.Length; i++)
        {
            var e = eligible[i];
            if (!byRole.TryGetValue(e.RoleDefinitionId, out var entry))
            {
                entry = (i, []);
                byRole.Add(e.RoleDefinitionId, entry);
                order.Add(e.RoleDefinitionId);
            }

            entry.Policies.Add(e.JustInTimeAccessPolicy);
        }

        foreach (var role in order)
        {
            var (first, policies) = byRole[role];
            if (policies.Count > 1)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.InconsistentJustInTimePolicies,
                    string.Create(CultureInfo.InvariantCulture, $"The eligible authorizations for role {RoleText(role)} have {policies.Count} different just-in-time access policies; eligible authorizations that use the same role must have identical policies."),
                    Prefix(prefix, "eligibleAuthorizations", first) + "justInTimeAccessPolicy"));
            }
        }
    }

    private static bool AnyRoleWithTwoPolicies(ImmutableArray<EligibleAuthorization> eligible)
    {
        for (var i = 0; i < eligible.Length; i++)
        {
            for (var j = i + 1; j < eligible.Length; j++)
            {
                if (eligible[i].RoleDefinitionId == eligible[j].RoleDefinitionId &&
                    !eligible[i].JustInTimeAccessPolicy.Equals(eligible[j].JustInTimeAccessPolicy))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The one walk behind the repeat rules (audience entries, permanent and eligible authorizations): a warning
    /// <paramref name="code"/> at every item whose key an earlier item of the list already has, in order (each repeat,
    /// not its first occurrence). Large lists look keys up in a hash set; small ones (at most
    /// <see cref="SmallCollection"/>) scan the earlier items and allocate no set.
    /// </summary>
    private static void WarnRepeats<T, TKey>(
        ImmutableArray<T> items, Func<T, TKey> keyOf, string code, string prefix, string collection,
        ImmutableArray<Diagnostic>.Builder diagnostics, Func<T, string> message)
        where TKey : IEquatable<TKey>
    {
        if (items.Length < 2)
        {
            return;
        }

        var seen = items.Length > SmallCollection ? new HashSet<TKey>() : null;
        for (var i = 0; i < items.Length; i++)
        {
            var key = keyOf(items[i]);
            if (seen is not null ? !seen.Add(key) : IsInPrefix(items, i, key, keyOf))
            {
                diagnostics.Add(Diagnostic.Warning(code, message(items[i]), Item(prefix, collection, i)));
            }
        }
    }

    /// <summary>True when one of the first <paramref name="count"/> items has <paramref name="key"/>.</summary>
    private static bool IsInPrefix<T, TKey>(ImmutableArray<T> items, int count, TKey key, Func<T, TKey> keyOf)
        where TKey : IEquatable<TKey>
    {
        for (var j = 0; j < count; j++)
        {
            if (keyOf(items[j]).Equals(key))
            {
                return true;
            }
        }

        return false;
    }

    private HashSet<PrincipalId> ReaderPrincipals(ImmutableArray<Authorization> authorizations)
    {
        var readers = new HashSet<PrincipalId>();
        var readerRoles = _readerRoles.Value;
        foreach (var a in authorizations)
        {
            if (readerRoles.Contains(a.RoleDefinitionId))
            {
                readers.Add(a.Principal.Id);
            }
        }

        return readers;
    }

    private string RoleText(RoleDefinitionId id) =>
        _catalog.TryGet(id, out var role) ? $"'{role.Name}' ({id})" : id.ToString();
}

/// <summary>
/// The path of one item of a collection (for example <c>plans[0].manifest.authorizations[3]</c>), turned into text only
/// when a diagnostic needs it.
/// </summary>
internal readonly record struct ItemPath(string Prefix, string Collection, int Index)
{
    /// <summary>The path of a member of the item, for example <c>authorizations[3].roleDefinitionId</c>.</summary>
    public string Of(string member) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Collection}[{Index}].{member}");
}
