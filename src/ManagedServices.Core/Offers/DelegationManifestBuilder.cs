namespace ManagedServices.Offers;

/// <summary>
/// A mutable recipe for a <see cref="DelegationManifest"/>. Text inputs (GUIDs, versions) that do not parse are
/// recorded and reported by <see cref="TryBuild"/> with stable codes, not thrown.
/// </summary>
/// <remarks>Not thread-safe. <see cref="Build"/> may be called any number of times.</remarks>
public sealed class DelegationManifestBuilder
{
    private string? _versionText;
    private string? _tenantText;
    private readonly List<(string Text, bool Eligible)> _unknownRoles = [];

    /// <summary>Creates an empty builder.</summary>
    public DelegationManifestBuilder()
    {
    }

    /// <summary>Creates a builder initialized with <paramref name="manifest"/>.</summary>
    /// <param name="manifest">The manifest to start from.</param>
    /// <exception cref="ArgumentNullException"><paramref name="manifest"/> is null.</exception>
    public DelegationManifestBuilder(DelegationManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Version = manifest.Version;
        ManagingTenantId = manifest.ManagingTenantId;
        Authorizations.AddRange(manifest.Authorizations);
        EligibleAuthorizations.AddRange(manifest.EligibleAuthorizations);
    }

    /// <summary>The manifest version.</summary>
    /// <value>The default value is <see cref="ManifestVersion.Initial"/>.</value>
    public ManifestVersion Version { get; set; } = ManifestVersion.Initial;

    /// <summary>The managing tenant; required.</summary>
    public TenantId? ManagingTenantId { get; set; }

    /// <summary>The permanent authorizations, in order.</summary>
    public List<Authorization> Authorizations { get; } = [];

    /// <summary>The eligible authorizations, in order.</summary>
    public List<EligibleAuthorization> EligibleAuthorizations { get; } = [];

    /// <summary>Sets the version.</summary>
    /// <param name="version">The version.</param>
    /// <returns>This builder.</returns>
    public DelegationManifestBuilder WithVersion(ManifestVersion version)
    {
        Version = version;
        _versionText = null;
        return this;
    }

    /// <summary>Sets the version from text <c>n.n.n</c>; malformed text is reported by <see cref="TryBuild"/>.</summary>
    /// <param name="version">The text.</param>
    /// <returns>This builder.</returns>
    public DelegationManifestBuilder WithVersion(string version)
    {
        if (ManifestVersion.TryParse(version, out var parsed))
        {
            return WithVersion(parsed);
        }

        _versionText = version ?? "";
        return this;
    }

    /// <summary>Sets the managing tenant.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <returns>This builder.</returns>
    public DelegationManifestBuilder WithManagingTenant(TenantId tenantId)
    {
        ManagingTenantId = tenantId;
        _tenantText = null;
        return this;
    }

    /// <summary>Sets the managing tenant from a GUID string; malformed text is reported by <see cref="TryBuild"/>.</summary>
    /// <param name="tenantId">The text.</param>
    /// <returns>This builder.</returns>
    public DelegationManifestBuilder WithManagingTenant(string tenantId)
    {
        if (TenantId.TryParse(tenantId, out var parsed))
        {
            return WithManagingTenant(parsed);
        }

        ManagingTenantId = null;
        _tenantText = tenantId ?? "";
        return this;
    }

    /// <summary>Adds a permanent authorization.</summary>
    /// <param name="authorization">The authorization.</param>
    /// <returns>This builder.</returns>
    public DelegationManifestBuilder AddAuthorization(Authorization authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        Authorizations.Add(authorization);
        return this;
    }

    /// <summary>Adds a permanent authorization.</summary>
    /// <param name="principal">The principal.</param>
    /// <param name="roleDefinitionId">The built-in role.</param>
    /// <returns>This builder.</returns>
    public DelegationManifestBuilder AddAuthorization(Principal principal, RoleDefinitionId roleDefinitionId)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return AddAuthorization(new Authorization { Principal = principal, RoleDefinitionId = roleDefinitionId });
    }

    /// <summary>
    /// Adds a permanent authorization for a built-in role given by name (case-insensitive, for example
    /// <c>"Reader"</c>) or by ID (a GUID or an ARM role definition ID); a role that is neither is reported by
    /// <see cref="TryBuild"/> (<c>MSC0006</c>) and not added.
    /// </summary>
    /// <param name="principal">The principal.</param>
    /// <param name="roleNameOrId">The built-in role name or the role definition ID.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="principal"/> or <paramref name="roleNameOrId"/> is null.</exception>
    public DelegationManifestBuilder AddAuthorization(Principal principal, string roleNameOrId)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(roleNameOrId);
        if (TryResolveRole(roleNameOrId, out var id))
        {
            return AddAuthorization(principal, id);
        }

        _unknownRoles.Add((roleNameOrId, false));
        return this;
    }

    /// <summary>
    /// Adds a User Access Administrator authorization that may assign <paramref name="delegatedRoleDefinitionIds"/>
    /// to managed identities.
    /// </summary>
    /// <param name="principal">The principal.</param>
    /// <param name="delegatedRoleDefinitionIds">The roles it may assign.</param>
    /// <returns>This builder.</returns>
    public DelegationManifestBuilder AddUserAccessAdministrator(Principal principal, params ReadOnlySpan<RoleDefinitionId> delegatedRoleDefinitionIds)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return AddAuthorization(new Authorization
        {
            Principal = principal,
            RoleDefinitionId = BuiltInRoleIds.UserAccessAdministrator,
            DelegatedRoleDefinitionIds = [.. delegatedRoleDefinitionIds],
        });
    }

    /// <summary>Adds an eligible authorization.</summary>
    /// <param name="authorization">The eligible authorization.</param>
    /// <returns>This builder.</returns>
    public DelegationManifestBuilder AddEligibleAuthorization(EligibleAuthorization authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        EligibleAuthorizations.Add(authorization);
        return this;
    }

    /// <summary>Adds an eligible authorization.</summary>
    /// <param name="principal">The user or group.</param>
    /// <param name="roleDefinitionId">The built-in role.</param>
    /// <param name="policy">The activation policy; <see cref="JustInTimeAccessPolicy.Default"/> when null.</param>
    /// <returns>This builder.</returns>
    public DelegationManifestBuilder AddEligibleAuthorization(Principal principal, RoleDefinitionId roleDefinitionId, JustInTimeAccessPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return AddEligibleAuthorization(new EligibleAuthorization
        {
            Principal = principal,
            RoleDefinitionId = roleDefinitionId,
            JustInTimeAccessPolicy = policy ?? JustInTimeAccessPolicy.Default,
        });
    }

    /// <summary>
    /// Adds an eligible authorization for a built-in role given by name (case-insensitive) or by ID; a role that is
    /// neither is reported by <see cref="TryBuild"/> (<c>MSC0006</c>) and not added.
    /// </summary>
    /// <param name="principal">The user or group.</param>
    /// <param name="roleNameOrId">The built-in role name or the role definition ID.</param>
    /// <param name="policy">The activation policy; <see cref="JustInTimeAccessPolicy.Default"/> when null.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="principal"/> or <paramref name="roleNameOrId"/> is null.</exception>
    public DelegationManifestBuilder AddEligibleAuthorization(Principal principal, string roleNameOrId, JustInTimeAccessPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(roleNameOrId);
        if (TryResolveRole(roleNameOrId, out var id))
        {
            return AddEligibleAuthorization(principal, id, policy);
        }

        _unknownRoles.Add((roleNameOrId, true));
        return this;
    }

    /// <summary>Builds the manifest, reporting every structural problem (missing or malformed input).</summary>
    /// <returns>The manifest, or diagnostics.</returns>
    /// <remarks>Lighthouse rules (roles, limits, policies) are checked by <c>OfferValidator</c>, not here.</remarks>
    public DiagnosticResult<DelegationManifest> TryBuild() => BuildAt("");

    /// <summary>Builds the manifest, or throws one exception carrying every structural problem.</summary>
    /// <returns>The manifest.</returns>
    /// <exception cref="DiagnosticsException">The input is incomplete or malformed.</exception>
    public DelegationManifest Build() => TryBuild().GetValueOrThrow();

    internal DiagnosticResult<DelegationManifest> BuildAt(string pathPrefix)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        if (_tenantText is not null)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.InvalidGuid,
                $"The managing tenant ID '{MessageText.Clip(_tenantText)}' is not a GUID.",
                pathPrefix + "managingTenantId"));
        }
        else if (ManagingTenantId is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RequiredValueMissing, "The managing tenant ID is required.", pathPrefix + "managingTenantId"));
        }

        if (_versionText is not null)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.InvalidManifestVersion,
                $"The manifest version '{MessageText.Clip(_versionText)}' is not of the form n.n.n (for example 1.2.5).",
                pathPrefix + "version"));
        }

        foreach (var (text, eligible) in _unknownRoles)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.UnknownRoleName,
                $"'{MessageText.Clip(text)}' is neither the name of a built-in role nor a role definition ID.",
                pathPrefix + (eligible ? "eligibleAuthorizations" : "authorizations")));
        }

        if (diagnostics.Count > 0 || ManagingTenantId is not { } tenant)
        {
            return new(null, diagnostics.ToImmutable());
        }

        return new(new DelegationManifest
        {
            Version = Version,
            ManagingTenantId = tenant,
            Authorizations = [.. Authorizations],
            EligibleAuthorizations = [.. EligibleAuthorizations],
        }, []);
    }

    private static bool TryResolveRole(string roleNameOrId, out RoleDefinitionId id)
    {
        if (RoleDefinitionId.TryParse(roleNameOrId, out id))
        {
            return true;
        }

        if (RoleCatalog.BuiltIn.TryGetByName(roleNameOrId, out var role))
        {
            id = role.Id;
            return true;
        }

        return false;
    }
}
