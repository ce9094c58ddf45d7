namespace ManagedServices;

/// <summary>
/// The diagnostics catalogue: one default severity per code of <see cref="DiagnosticCodes"/>, the few documented places
/// that raise a code with another severity, and the retired codes (never reused). <c>docs/diagnostics.md</c> shows the
/// same severities; <c>DiagnosticsCatalogTests</c> checks that every code has an entry here, that the page agrees, that
/// every place in the library that raises a code uses its default severity (or is listed in <see cref="Exceptions"/>),
/// and that every code is exercised by a test.
/// </summary>
internal static class DiagnosticCatalog
{
    /// <summary>The severity each code is raised with.</summary>
    internal static FrozenDictionary<string, DiagnosticSeverity> DefaultSeverities { get; } = new Dictionary<string, DiagnosticSeverity>(StringComparer.Ordinal)
    {
        [DiagnosticCodes.RequiredValueMissing] = DiagnosticSeverity.Error,
        [DiagnosticCodes.InvalidGuid] = DiagnosticSeverity.Error,
        [DiagnosticCodes.InvalidManifestVersion] = DiagnosticSeverity.Error,
        [DiagnosticCodes.InvalidScope] = DiagnosticSeverity.Error,
        [DiagnosticCodes.InvalidDuration] = DiagnosticSeverity.Error,
        [DiagnosticCodes.UnknownRoleName] = DiagnosticSeverity.Error,
        [DiagnosticCodes.InvalidResourceGroupName] = DiagnosticSeverity.Error,
        [DiagnosticCodes.InputUnreadable] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ParametersNotApplicable] = DiagnosticSeverity.Error,
        [DiagnosticCodes.InvalidOperationName] = DiagnosticSeverity.Error,
        [DiagnosticCodes.MalformedAccessRequest] = DiagnosticSeverity.Error,
        [DiagnosticCodes.OwnerRoleNotAllowed] = DiagnosticSeverity.Error,
        [DiagnosticCodes.UnknownRole] = DiagnosticSeverity.Error,
        [DiagnosticCodes.CustomRoleNotAllowed] = DiagnosticSeverity.Error,
        [DiagnosticCodes.RoleHasDataActions] = DiagnosticSeverity.Error,
        [DiagnosticCodes.RoleHasRestrictedActions] = DiagnosticSeverity.Error,
        [DiagnosticCodes.UserAccessAdministratorWithoutDelegatedRoles] = DiagnosticSeverity.Error,
        [DiagnosticCodes.DelegatedRoleNotAllowed] = DiagnosticSeverity.Error,
        [DiagnosticCodes.DelegatedRolesOnNonUserAccessAdministrator] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.EligibleServicePrincipal] = DiagnosticSeverity.Error,
        [DiagnosticCodes.EligibleRestrictedRole] = DiagnosticSeverity.Error,
        [DiagnosticCodes.EligibleWithDelegatedRoles] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ActivationDurationOutOfRange] = DiagnosticSeverity.Error,
        [DiagnosticCodes.TooManyApprovers] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ApproverServicePrincipal] = DiagnosticSeverity.Error,
        [DiagnosticCodes.UnknownMultiFactorAuthProvider] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.InconsistentJustInTimePolicies] = DiagnosticSeverity.Error,
        [DiagnosticCodes.EligibleWithoutReaderAccess] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.NoPermanentAuthorization] = DiagnosticSeverity.Error,
        [DiagnosticCodes.TooManyAuthorizations] = DiagnosticSeverity.Error,
        [DiagnosticCodes.DuplicateAuthorization] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.DuplicateEligibleAuthorization] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.MissingPrincipalDisplayName] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.NoRegistrationAssignmentDeleteRole] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.EmptyManagingTenant] = DiagnosticSeverity.Error,
        [DiagnosticCodes.InvalidOfferId] = DiagnosticSeverity.Error,
        [DiagnosticCodes.InvalidPlanId] = DiagnosticSeverity.Error,
        [DiagnosticCodes.InvalidPlanName] = DiagnosticSeverity.Error,
        [DiagnosticCodes.DuplicatePlanId] = DiagnosticSeverity.Error,
        [DiagnosticCodes.OfferWithoutPlans] = DiagnosticSeverity.Error,
        [DiagnosticCodes.PrivatePlanWithoutAudience] = DiagnosticSeverity.Error,
        [DiagnosticCodes.AudienceTooLarge] = DiagnosticSeverity.Error,
        [DiagnosticCodes.PublicPlanWithAudience] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.DuplicateAudienceEntry] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.DuplicatePlanName] = DiagnosticSeverity.Error,
        [DiagnosticCodes.RoleHasCondition] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.UnknownOperation] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.EmptyPrincipal] = DiagnosticSeverity.Error,
        [DiagnosticCodes.PrincipalDisplayNameConflict] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.JsonMalformed] = DiagnosticSeverity.Error,
        [DiagnosticCodes.JsonTooLarge] = DiagnosticSeverity.Error,
        [DiagnosticCodes.JsonDuplicateProperty] = DiagnosticSeverity.Error,
        [DiagnosticCodes.JsonUnexpectedType] = DiagnosticSeverity.Error,
        [DiagnosticCodes.TemplateExpressionUnsupported] = DiagnosticSeverity.Error,
        [DiagnosticCodes.TemplateLimitExceeded] = DiagnosticSeverity.Error,
        [DiagnosticCodes.TemplateParameterMissing] = DiagnosticSeverity.Error,
        [DiagnosticCodes.TemplateParameterInvalid] = DiagnosticSeverity.Error,
        [DiagnosticCodes.TemplateParameterUnknown] = DiagnosticSeverity.Error,
        [DiagnosticCodes.TemplateValueNotGuid] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ApiVersionTooOld] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ApiVersionUnknown] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ApiVersionFeatureMismatch] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.TemplateHasNoDelegation] = DiagnosticSeverity.Error,
        [DiagnosticCodes.TemplateIsManagementGroupPolicy] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.JsonUnknownMember] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.OnboardingTargetInvalid] = DiagnosticSeverity.Error,
        [DiagnosticCodes.TemplateInconsistent] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.TemplateSubscriptionUnknown] = DiagnosticSeverity.Info,
        [DiagnosticCodes.TemplateCannotCarry] = DiagnosticSeverity.Error,
        [DiagnosticCodes.DocumentSchemaVersionUnsupported] = DiagnosticSeverity.Error,
        [DiagnosticCodes.DenyAssignmentConditionIgnored] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.DenyAssignmentWidened] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.TemplateDefinitionNotAssigned] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.TemplateAssignmentDefinitionNotFound] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.TemplateDeploymentUnsupported] = DiagnosticSeverity.Error,
        [DiagnosticCodes.TemplatePropertyCopyUnsupported] = DiagnosticSeverity.Error,
        [DiagnosticCodes.TemplateResourceDuplicated] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ConversionWouldDropDefinitions] = DiagnosticSeverity.Error,
        [DiagnosticCodes.RegistrationDefinitionNotAtSubscription] = DiagnosticSeverity.Error,
        [DiagnosticCodes.OfferIdChanged] = DiagnosticSeverity.Error,
        [DiagnosticCodes.PublisherChanged] = DiagnosticSeverity.Error,
        [DiagnosticCodes.PublishedPlanRemoved] = DiagnosticSeverity.Error,
        [DiagnosticCodes.PublicPlanMadePrivate] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ManifestVersionNotIncreased] = DiagnosticSeverity.Error,
        [DiagnosticCodes.PlanHasValidationErrors] = DiagnosticSeverity.Error,
        [DiagnosticCodes.StopSoldPlanResumed] = DiagnosticSeverity.Error,
        [DiagnosticCodes.PlanNotPublished] = DiagnosticSeverity.Error,
        [DiagnosticCodes.NothingToPublish] = DiagnosticSeverity.Info,
        [DiagnosticCodes.PlanAlreadyStopSold] = DiagnosticSeverity.Info,
        [DiagnosticCodes.DeploymentSubscriptionUnknown] = DiagnosticSeverity.Error,
        [DiagnosticCodes.DeploymentDelegatesNothing] = DiagnosticSeverity.Error,
        [DiagnosticCodes.PlanStopSold] = DiagnosticSeverity.Error,
        [DiagnosticCodes.SubscriptionNotInAudience] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ManagingTenantIsCustomerTenant] = DiagnosticSeverity.Error,
        [DiagnosticCodes.NothingSelected] = DiagnosticSeverity.Error,
        [DiagnosticCodes.PlanNotPurchased] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ScopeNotPurchased] = DiagnosticSeverity.Error,
        [DiagnosticCodes.MultipleRegistrationAssignments] = DiagnosticSeverity.Error,
        [DiagnosticCodes.NoNewerVersion] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ManagingTenantChangeRequiresNewOffer] = DiagnosticSeverity.Error,
        [DiagnosticCodes.DelegationNotFound] = DiagnosticSeverity.Error,
        [DiagnosticCodes.RemovalNotAuthorized] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ScopeNotDelegable] = DiagnosticSeverity.Error,
        [DiagnosticCodes.RegistrationDefinitionTaken] = DiagnosticSeverity.Error,
        [DiagnosticCodes.InvalidOperationPattern] = DiagnosticSeverity.Error,
        [DiagnosticCodes.AnalysisUndecided] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ActivityRowMalformed] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.ActivityFileUnreadable] = DiagnosticSeverity.Error,
        [DiagnosticCodes.ActivityTooManyRecords] = DiagnosticSeverity.Error,
        [DiagnosticCodes.MembershipsInvalid] = DiagnosticSeverity.Error,
        [DiagnosticCodes.AdviceNotExact] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.AdviceKeptCurrentRoles] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.AdviceNoTemplate] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.RegistrationNotSucceeded] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.RegistrationAssignmentScopeInvalid] = DiagnosticSeverity.Error,
        [DiagnosticCodes.RegistrationAssignmentDefinitionMissing] = DiagnosticSeverity.Error,
        [DiagnosticCodes.RegistrationEligibleNotShown] = DiagnosticSeverity.Warning,
        [DiagnosticCodes.RegistrationAssignmentInconsistent] = DiagnosticSeverity.Error,
        [DiagnosticCodes.RoleListDuplicateRole] = DiagnosticSeverity.Error,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The documented places that raise a code with a severity other than its default, by source file name (so the
    /// entry survives a move between folders).
    /// </summary>
    internal static ImmutableArray<SeverityException> Exceptions { get; } =
    [
        new(DiagnosticCodes.ApiVersionUnknown, DiagnosticSeverity.Warning, "TemplateReader.cs",
            "Reading a template with an api-version this library does not know keeps going (Azure may know it); writing one is refused."),
    ];

    /// <summary>
    /// Codes that were used once and are retired: no constant of <see cref="DiagnosticCodes"/> may take their number again.
    /// </summary>
    internal static FrozenSet<string> Retired { get; } = FrozenSet.ToFrozenSet(
    [
        "MSC3005", // the lifecycle's own "private plan without audience": the lifecycle reports MSC1030.
        "MSC3006", // the lifecycle's own "audience too large": the lifecycle reports MSC1031.
        "MSC3012", // the lifecycle's own "no plan to publish": the lifecycle reports MSC1029.
        "MSC3013", // the lifecycle's own "plan IDs not unique": the lifecycle reports MSC1028.
    ], StringComparer.Ordinal);

    /// <summary>The default severity of <paramref name="code"/>, or null for a code not in the catalogue.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The severity.</returns>
    internal static DiagnosticSeverity? DefaultSeverity(string code) =>
        DefaultSeverities.TryGetValue(code, out var severity) ? severity : null;

    /// <summary>A documented place that raises <see cref="Code"/> with another severity than its default.</summary>
    /// <param name="Code">The code.</param>
    /// <param name="Severity">The severity raised there.</param>
    /// <param name="File">The source file (name only).</param>
    /// <param name="Why">The reason, as documented in <c>docs/diagnostics.md</c>.</param>
    internal sealed record SeverityException(string Code, DiagnosticSeverity Severity, string File, string Why);
}
