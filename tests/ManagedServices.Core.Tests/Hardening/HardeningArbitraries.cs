using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Tests.Access;

namespace ManagedServices.Tests.Hardening;

/// <summary>A fault that corrupts a snapshot, its options or its activations.</summary>
public enum SnapshotFault
{
    /// <summary>An authorization names a role the catalog does not have.</summary>
    RoleMissingFromCatalog,

    /// <summary>The catalog loses a role that authorizations refer to.</summary>
    RoleRemovedFromCatalog,

    /// <summary>An authorization's principal kind is outside the enum.</summary>
    UndefinedPrincipalKind,

    /// <summary>An authorization's principal kind is <see cref="PrincipalKind.Unknown"/>.</summary>
    UnknownPrincipalKind,

    /// <summary>An activation ends before it starts.</summary>
    ActivationEndBeforeStart,

    /// <summary>An activation ends when it starts.</summary>
    ActivationZeroLength,

    /// <summary>A delegation appears twice.</summary>
    DuplicateDelegation,

    /// <summary>An authorization appears twice in its manifest.</summary>
    DuplicateAuthorization,

    /// <summary>A delegation's managing tenant is the empty GUID.</summary>
    EmptyManagingTenant,

    /// <summary>A delegation's customer tenant is the empty GUID.</summary>
    EmptyCustomerTenant,

    /// <summary>A delegation's scope is <c>default(ResourceScope)</c>.</summary>
    DefaultScope,

    /// <summary>A delegation's scope is not delegable (tenant root, management group or a resource).</summary>
    NonDelegableScope,

    /// <summary>A delegation's customer tenant is its managing tenant.</summary>
    CustomerIsManagingTenant,

    /// <summary>An authorization's principal ID is the empty GUID.</summary>
    EmptyPrincipalId,

    /// <summary>An eligible authorization's access policy is null (a corrupted, partially read manifest).</summary>
    NullJustInTimePolicy,

    /// <summary>A delegation's definition is null.</summary>
    NullDefinition,

    /// <summary>A delegation's manifest is null.</summary>
    NullManifest,

    /// <summary>An authorization entry is null.</summary>
    NullAuthorization,

    /// <summary>An authorization's principal is null.</summary>
    NullPrincipal,

    /// <summary>An eligible authorization's MFA provider is a value this library does not know.</summary>
    UndefinedMfaProvider,
}

/// <summary>A world with one injected fault, the matching clean world, and requests aimed at the fault.</summary>
/// <param name="Fault">The fault.</param>
/// <param name="Faulty">The corrupted delegations.</param>
/// <param name="FaultyOptions">Options of the corrupted world.</param>
/// <param name="Clean">The delegations without the corrupted element (or, for faults that must not matter, the original).</param>
/// <param name="CleanOptions">Options of the clean world.</param>
/// <param name="Requests">Generated and targeted requests.</param>
/// <param name="MustMatchExactly">True when the fault must not change any decision's reason (duplicates, kinds).</param>
public sealed record FaultCase(
    SnapshotFault Fault,
    ImmutableArray<Delegation> Faulty,
    AccessEvaluatorOptions FaultyOptions,
    ImmutableArray<Delegation> Clean,
    AccessEvaluatorOptions CleanOptions,
    ImmutableArray<AccessRequest> Requests,
    bool MustMatchExactly)
{
    public override string ToString() => $"{Fault}: {Faulty.Length} faulty delegations, {Clean.Length} clean, {Requests.Length} requests";
}

/// <summary>Generators for the hardening suites: fault injection into snapshots, hostile request text.</summary>
public static class HardeningArbitraries
{
    public static readonly ImmutableArray<SnapshotFault> AllFaults = [.. Enum.GetValues<SnapshotFault>()];

    /// <summary>Substitutions that look like (or case-fold near) ASCII letters but are not them.</summary>
    public static readonly ImmutableArray<(char Ascii, char LookAlike)> LookAlikes =
    [
        ('a', '\u0430'), // Cyrillic small a
        ('e', '\u0435'), // Cyrillic small ie
        ('o', '\u043E'), // Cyrillic small o
        ('p', '\u0440'), // Cyrillic small er
        ('c', '\u0441'), // Cyrillic small es
        ('x', '\u0445'), // Cyrillic small ha
        ('A', '\u0410'), // Cyrillic capital A
        ('M', '\u041C'), // Cyrillic capital Em
        ('k', '\u212A'), // Kelvin sign
        ('K', '\u212A'), // Kelvin sign
        ('i', '\u0131'), // Turkish dotless i
        ('I', '\u0130'), // Turkish capital I with dot
        ('s', '\u017F'), // long s
        ('a', '\uFF41'), // fullwidth a
        ('1', '\uFF11'), // fullwidth 1
        ('/', '\uFF0F'), // fullwidth solidus
        ('/', '\u2215'), // division slash
        ('-', '\u2010'), // hyphen
        ('.', '\uFF0E'), // fullwidth full stop
    ];

    /// <summary>MFA provider texts this library does not know, including a look-alike of "None" (Cyrillic o).</summary>
    private static readonly string[] UnknownProviders = ["SomethingNew", "", " None", "N\u043Ene", "None\u200B"];

    public static Gen<FaultCase> FaultCase() =>
        from world in AccessArbitraries.World()
        from extra in AccessArbitraries.Delegation()
        from fault in Gen.Elements(AllFaults.ToArray())
        from pick in Gen.Choose(0, 1000)
        from undefined in Gen.Elements(-1, 4, 42, int.MaxValue)
        from offset in Gen.Choose(-180, 180)
        from requests in Gen.ArrayOf(AccessArbitraries.Request(), 12)
        select Inject(world, extra, fault, pick, undefined, offset, requests);

    /// <summary>Injects <paramref name="fault"/> into the world (adding <paramref name="extra"/> so there is always a delegation to corrupt).</summary>
    public static FaultCase Inject(AccessWorld world, Delegation extra, SnapshotFault fault, int pick, int undefined, int offsetMinutes, AccessRequest[] generated)
    {
        var clean = world.Delegations.Add(extra);
        var options = world.Options();
        var at = pick % clean.Length;
        var d = clean[at];
        var manifest = d.Definition.Manifest;
        var auths = manifest.Authorizations;
        var eligible = manifest.EligibleAuthorizations;
        var ai = auths.IsEmpty ? -1 : pick % auths.Length;
        var ei = eligible.IsEmpty ? -1 : pick % eligible.Length;
        var without = clean.RemoveAt(at);

        Delegation WithAuths(ImmutableArray<Authorization> a) => d with { Definition = d.Definition with { Manifest = manifest with { Authorizations = a } } };
        Delegation WithEligible(ImmutableArray<EligibleAuthorization> e) => d with { Definition = d.Definition with { Manifest = manifest with { EligibleAuthorizations = e } } };
        ImmutableArray<Delegation> Replace(Delegation r) => clean.SetItem(at, r);

        ImmutableArray<Delegation> faulty;
        var cleanOut = without;
        var faultyOptions = options;
        var cleanOptions = options;
        var exact = false;
        var targets = new List<PrincipalId>();
        switch (fault)
        {
            case SnapshotFault.RoleMissingFromCatalog when ai >= 0:
                faulty = Replace(WithAuths(auths.SetItem(ai, auths[ai] with { RoleDefinitionId = RoleDefinitionId.Parse("ffffffff-0000-4000-8000-" + pick.ToString("D12", System.Globalization.CultureInfo.InvariantCulture)) })));
                cleanOut = Replace(WithAuths(auths.RemoveAt(ai)));
                targets.Add(auths[ai].Principal.Id);
                break;
            case SnapshotFault.RoleRemovedFromCatalog when ai >= 0:
            {
                var role = auths[ai].RoleDefinitionId;
                var catalog = RoleCatalog.Create(AccessArbitraries.Catalog.Roles.Where(r => r.Id != role));
                faulty = clean;
                faultyOptions = WithCatalog(options, catalog);
                cleanOut = [.. clean.Select(x => x with
                {
                    Definition = x.Definition with
                    {
                        Manifest = x.Definition.Manifest with
                        {
                            Authorizations = x.Definition.Manifest.Authorizations.RemoveAll(a => a.RoleDefinitionId == role),
                            EligibleAuthorizations = x.Definition.Manifest.EligibleAuthorizations.RemoveAll(a => a.RoleDefinitionId == role),
                        },
                    },
                })];
                cleanOptions = WithCatalog(options, catalog);
                targets.Add(auths[ai].Principal.Id);
                break;
            }

            case SnapshotFault.UndefinedPrincipalKind when ai >= 0:
            case SnapshotFault.UnknownPrincipalKind when ai >= 0:
            {
                var kind = fault == SnapshotFault.UnknownPrincipalKind ? PrincipalKind.Unknown : (PrincipalKind)undefined;
                faulty = Replace(WithAuths(auths.SetItem(ai, auths[ai] with { Principal = auths[ai].Principal with { Kind = kind } })));
                cleanOut = clean;
                exact = true;
                targets.Add(auths[ai].Principal.Id);
                break;
            }

            case SnapshotFault.ActivationEndBeforeStart:
            case SnapshotFault.ActivationZeroLength:
            {
                var user = AccessArbitraries.Users[pick % AccessArbitraries.Users.Length];
                var role = ei >= 0 ? eligible[ei].RoleDefinitionId : AccessArbitraries.Roles[pick % AccessArbitraries.Roles.Length];
                var start = AccessArbitraries.Now.AddMinutes(offsetMinutes);
                var broken = new JustInTimeActivation
                {
                    PrincipalId = user,
                    RoleDefinitionId = role,
                    Start = start,
                    End = fault == SnapshotFault.ActivationZeroLength ? start : start.AddMinutes(-Math.Abs(offsetMinutes) - 1),
                    MultiFactorAuthenticated = true,
                    Approved = true,
                };
                faulty = clean;
                faultyOptions = WithActivations(options, options.Activations.Insert(pick % (options.Activations.Length + 1), broken));
                cleanOut = clean;
                targets.Add(user);
                break;
            }

            case SnapshotFault.DuplicateDelegation:
                faulty = clean.Insert(pick % (clean.Length + 1), d);
                cleanOut = clean;
                exact = true;
                break;
            case SnapshotFault.DuplicateAuthorization when ai >= 0:
                faulty = Replace(WithAuths(auths.Insert(pick % (auths.Length + 1), auths[ai])));
                cleanOut = clean;
                exact = true;
                targets.Add(auths[ai].Principal.Id);
                break;
            case SnapshotFault.EmptyManagingTenant:
                faulty = Replace(d with { Definition = d.Definition with { Manifest = manifest with { ManagingTenantId = default } } });
                break;
            case SnapshotFault.EmptyCustomerTenant:
                // An unknown customer tenant (a template does not name it) decides like a tenant that is not the managing tenant.
                faulty = Replace(d with { CustomerTenantId = default });
                cleanOut = Replace(d with { CustomerTenantId = TenantId.Parse("c0000000-0000-4000-8000-00000000000c") });
                exact = true;
                break;
            case SnapshotFault.DefaultScope:
                faulty = Replace(d with { Scope = default });
                break;
            case SnapshotFault.NonDelegableScope:
            {
                string[] scopes =
                [
                    "/",
                    "/providers/Microsoft.Management/managementGroups/mg1",
                    d.Scope + "/providers/Microsoft.Compute/virtualMachines/vm1",
                ];
                faulty = Replace(d with { Scope = ResourceScope.Parse(scopes[pick % scopes.Length]) });
                break;
            }

            case SnapshotFault.CustomerIsManagingTenant:
                faulty = Replace(d with { CustomerTenantId = manifest.ManagingTenantId });
                break;
            case SnapshotFault.EmptyPrincipalId when ai >= 0:
                faulty = Replace(WithAuths(auths.SetItem(ai, auths[ai] with { Principal = auths[ai].Principal with { Id = default } })));
                cleanOut = Replace(WithAuths(auths.RemoveAt(ai)));
                targets.Add(default);
                break;
            case SnapshotFault.NullJustInTimePolicy when ei >= 0:
                // A missing policy reads as the default policy: still eligible, never permanent.
                faulty = Replace(WithEligible(eligible.SetItem(ei, eligible[ei] with { JustInTimeAccessPolicy = null! })));
                cleanOut = Replace(WithEligible(eligible.SetItem(ei, eligible[ei] with { JustInTimeAccessPolicy = JustInTimeAccessPolicy.Default })));
                exact = true;
                targets.Add(eligible[ei].Principal.Id);
                break;
            case SnapshotFault.UndefinedMfaProvider when ei >= 0:
            {
                var policy = eligible[ei].JustInTimeAccessPolicy with { MultiFactorAuthProvider = new MultiFactorAuthProvider(UnknownProviders[Math.Abs(undefined % UnknownProviders.Length)]) };
                // An unknown provider is as strict as Azure MFA.
                faulty = Replace(WithEligible(eligible.SetItem(ei, eligible[ei] with { JustInTimeAccessPolicy = policy })));
                cleanOut = Replace(WithEligible(eligible.SetItem(ei, eligible[ei] with { JustInTimeAccessPolicy = policy with { MultiFactorAuthProvider = MultiFactorAuthProvider.Azure } })));
                exact = true;
                targets.Add(eligible[ei].Principal.Id);
                break;
            }

            case SnapshotFault.NullDefinition:
                faulty = Replace(d with { Definition = null! });
                break;
            case SnapshotFault.NullManifest:
                faulty = Replace(d with { Definition = d.Definition with { Manifest = null! } });
                break;
            case SnapshotFault.NullAuthorization when ai >= 0:
                faulty = Replace(WithAuths(auths.SetItem(ai, null!)));
                cleanOut = Replace(WithAuths(auths.RemoveAt(ai)));
                break;
            case SnapshotFault.NullPrincipal when ai >= 0:
                faulty = Replace(WithAuths(auths.SetItem(ai, auths[ai] with { Principal = null! })));
                cleanOut = Replace(WithAuths(auths.RemoveAt(ai)));
                break;
            default:
                // The picked delegation has no element of the needed kind: corrupt the whole delegation instead.
                faulty = Replace(d with { Definition = d.Definition with { Manifest = manifest with { ManagingTenantId = default } } });
                fault = SnapshotFault.EmptyManagingTenant;
                break;
        }

        // Requests aimed at the corrupted element: its principals, every action, its scope and a resource below it.
        foreach (var a in auths)
        {
            targets.Add(a.Principal.Id);
        }

        foreach (var e in eligible)
        {
            targets.Add(e.Principal.Id);
        }

        var scopes2 = new List<string>();
        if (d.Scope.Kind != ScopeKind.None)
        {
            scopes2.Add(d.Scope.ToString());
            scopes2.Add(d.Scope + "/providers/Microsoft.Compute/virtualMachines/vm1");
        }

        var requests = ImmutableArray.CreateBuilder<AccessRequest>();
        requests.AddRange(generated);
        foreach (var p in targets.Distinct())
        {
            foreach (var action in AccessArbitraries.Actions)
            {
                foreach (var s in scopes2)
                {
                    requests.Add(new AccessRequest(p, action, s));
                    requests.Add(new AccessRequest(p, action, s) { PrincipalTenantId = default(TenantId) });
                }
            }
        }

        foreach (var s in scopes2)
        {
            requests.Add(new AccessRequest(AccessArbitraries.Users[0], "Microsoft.Compute/virtualMachines/read", s) { GroupIds = [default] });
        }

        return new FaultCase(fault, faulty, faultyOptions, cleanOut, cleanOptions, requests.ToImmutable(), exact);
    }

    private static AccessEvaluatorOptions WithCatalog(AccessEvaluatorOptions o, RoleCatalog catalog) => new()
    {
        RoleCatalog = catalog,
        Groups = o.Groups,
        TimeProvider = o.TimeProvider,
        Activations = o.Activations,
        ActionCacheCapacity = o.ActionCacheCapacity,
    };

    private static AccessEvaluatorOptions WithActivations(AccessEvaluatorOptions o, ImmutableArray<JustInTimeActivation> activations) => new()
    {
        RoleCatalog = o.RoleCatalog,
        Groups = o.Groups,
        TimeProvider = o.TimeProvider,
        Activations = activations,
        ActionCacheCapacity = o.ActionCacheCapacity,
    };
}
