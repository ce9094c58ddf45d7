using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Access;

/// <summary>A generated world: a snapshot, memberships, activations and a clock, with the options to evaluate it.</summary>
public sealed record AccessWorld(
    ImmutableArray<Delegation> Delegations,
    ImmutableDictionary<PrincipalId, ImmutableArray<PrincipalId>> Memberships,
    ImmutableArray<JustInTimeActivation> Activations,
    ImmutableArray<DenyAssignment> Denies = default)
{
    public DelegationSnapshot Snapshot => DelegationSnapshot.Create(Delegations);

    public AccessEvaluatorOptions Options(TimeProvider? time = null, bool foldGroups = true, int actionCacheCapacity = 16384) => new()
    {
        ActionCacheCapacity = actionCacheCapacity,
        RoleCatalog = AccessArbitraries.Catalog,
        Groups = foldGroups
            ? InMemoryGroupMembership.Create(Memberships.Select(kv => KeyValuePair.Create(kv.Key, (IEnumerable<PrincipalId>)kv.Value)))
            : new DictionaryGroups(Memberships),
        TimeProvider = time ?? new Microsoft.Extensions.Time.Testing.FakeTimeProvider(AccessArbitraries.Now),
        Activations = Activations,
        DenyAssignments = Denies,
    };

    public override string ToString() =>
        string.Join("\n", Delegations.Select(d =>
            $"{d.CustomerTenantId.ToString()[..4]} {d.Scope} def {d.Definition.Id.ToString()[..4]} mt {d.Definition.Manifest.ManagingTenantId.ToString()[..4]}: " +
            string.Join(", ", d.Definition.Manifest.Authorizations.Select(a => $"{a.Principal.Id.ToString()[..4]}:{a.RoleDefinitionId.ToString()[..4]}[{string.Join("/", a.DelegatedRoleDefinitionIds.Select(r => r.ToString()[..4]))}]")) +
            " | " + string.Join(", ", d.Definition.Manifest.EligibleAuthorizations.Select(a => $"{a.Principal.Id.ToString()[..4]}:{a.RoleDefinitionId.ToString()[..4]}"))))
        + "\nmemberships: " + string.Join("; ", Memberships.Select(kv => kv.Key.ToString()[..4] + "->" + string.Join(",", kv.Value.Select(g => g.ToString()[..4]))))
        + "\nactivations: " + string.Join("; ", Activations)
        + "\ndeny assignments: " + string.Join("; ", Denies.IsDefault ? [] : Denies);

    /// <summary>A provider that is not <see cref="InMemoryGroupMembership"/>, so the evaluator cannot fold groups.</summary>
    private sealed class DictionaryGroups(ImmutableDictionary<PrincipalId, ImmutableArray<PrincipalId>> map) : IGroupMembershipProvider
    {
        public ImmutableArray<PrincipalId> GetGroups(PrincipalId principalId) => map.TryGetValue(principalId, out var g) ? g : [];
    }
}

/// <summary>Generators for the access evaluator: small pools so that requests often hit delegations.</summary>
public static class AccessArbitraries
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static readonly TenantId ManagingA = TenantId.Parse("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40");
    public static readonly TenantId ManagingB = TenantId.Parse("11111111-2222-4333-8444-555555555555");
    public static readonly TenantId CustomerA = TenantId.Parse("d0aa2562-09cb-4f55-afc6-f5352607f8c8");
    public static readonly TenantId CustomerB = TenantId.Parse("395c788e-28fd-4649-b5fa-6032f2f7eae9");

    public static readonly string[] Subscriptions = ["ed40e6c1-4292-4dd6-88f1-89e0da98d68b", "d8ad3a03-7d6f-4c1c-9ef9-96af50fbc39f"];
    public static readonly string[] ResourceGroups = ["rg1", "rg10", "RG-App", "rg-app-dev"];

    public static readonly ImmutableArray<PrincipalId> Users =
        [PrincipalId.Parse("0a000000-0000-4000-8000-000000000001"), PrincipalId.Parse("0a000000-0000-4000-8000-000000000002"), PrincipalId.Parse("0a000000-0000-4000-8000-000000000003")];

    public static readonly ImmutableArray<PrincipalId> Groups =
        [PrincipalId.Parse("0b000000-0000-4000-8000-000000000001"), PrincipalId.Parse("0b000000-0000-4000-8000-000000000002")];

    public static readonly PrincipalId ServicePrincipal = PrincipalId.Parse("0c000000-0000-4000-8000-000000000001");

    public static readonly RoleDefinitionId ContributorLike = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000c1");
    public static readonly RoleDefinitionId ReaderLike = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000c2");
    public static readonly RoleDefinitionId ComputeLike = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000c3");
    public static readonly RoleDefinitionId TwoBlocks = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000c4");
    public static readonly RoleDefinitionId MultiStar = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000c5");
    public static readonly RoleDefinitionId Missing = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000ff");

    /// <summary>Compute under an ABAC condition (grants nothing of it), reads without one.</summary>
    public static readonly RoleDefinitionId Conditioned = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000c6");

    /// <summary>A custom role with <c>*</c>: never grants through a delegation.</summary>
    public static readonly RoleDefinitionId CustomStar = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000c7");

    /// <summary>A role with data actions: grants its management actions, but User Access Administrator may not assign it.</summary>
    public static readonly RoleDefinitionId WithDataActions = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000c8");

    /// <summary>A role with a restricted action (like Role Based Access Control Administrator).</summary>
    public static readonly RoleDefinitionId Restricted = RoleDefinitionId.Parse("00000000-0000-4000-8000-0000000000c9");

    public static readonly RoleCatalog Catalog = RoleCatalog.Create(
    [
        Role(ContributorLike, "ContributorLike", Block(["*"], ["Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete"])),
        Role(ReaderLike, "ReaderLike", Block(["*/read"], [])),
        Role(ComputeLike, "ComputeLike", Block(["Microsoft.Compute/*", "Microsoft.Network/*/read "], ["Microsoft.Compute/*/delete"])),
        Role(TwoBlocks, "TwoBlocks",
            Block(["Microsoft.Storage/*"], ["Microsoft.Storage/*/listKeys/action"]),
            Block(["Microsoft.Storage/storageAccounts/listKeys/action"], [])),
        Role(MultiStar, "MultiStar", Block(["Microsoft.*/*/action", "microsoft.support/*"], ["*/regenerateKey/*"])),
        Role(BuiltInRoleIds.UserAccessAdministrator, "User Access Administrator", Block(["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"], [])),
        Role(BuiltInRoleIds.Owner, "Owner", Block(["*"], [])),
        Role(BuiltInRoleIds.RegistrationAssignmentDelete, "Managed Services Registration assignment Delete Role",
            Block(["Microsoft.ManagedServices/registrationAssignments/read", "Microsoft.ManagedServices/registrationAssignments/delete", "Microsoft.ManagedServices/operationStatuses/read"], [])),
        Role(Conditioned, "Conditioned",
            Block(["Microsoft.Compute/*", "Microsoft.ManagedServices/*"], ["Microsoft.Compute/*/delete"]) with { Condition = "@Resource[HasObotoken] boolequals true", ConditionVersion = "2.0" },
            Block(["*/read"], [])),
        Role(CustomStar, "CustomStar", Block(["*"], [])) with { IsBuiltIn = false },
        Role(WithDataActions, "WithDataActions", Block(["Microsoft.Storage/*/read"], []) with { DataActions = ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"] }),
        Role(Restricted, "Restricted", Block(["Microsoft.Authorization/roleAssignments/write", "*/read"], [])),
    ]);

    public static readonly ImmutableArray<RoleDefinitionId> Roles =
        [ContributorLike, ReaderLike, ComputeLike, TwoBlocks, MultiStar, BuiltInRoleIds.UserAccessAdministrator, BuiltInRoleIds.Owner, BuiltInRoleIds.RegistrationAssignmentDelete, Missing, Conditioned, CustomStar];

    public static readonly string[] Actions =
    [
        "Microsoft.Compute/virtualMachines/read", "microsoft.compute/VIRTUALMACHINES/write", "Microsoft.Compute/virtualMachines/delete",
        "Microsoft.Compute/virtualMachines/start/action", "Microsoft.Network/virtualNetworks/read", "Microsoft.Network/virtualNetworks/write",
        "Microsoft.Storage/storageAccounts/read", "Microsoft.Storage/storageAccounts/listKeys/action", "Microsoft.Storage/storageAccounts/regenerateKey/action",
        "Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete", "Microsoft.Authorization/roleAssignments/read",
        "Microsoft.Authorization/locks/write", "Microsoft.Support/supportTickets/write", "Microsoft.ManagedServices/registrationAssignments/delete",
        "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Insights/alertRules/read",
        // The data plane: only data actions in Azure's list, listed in both planes, and a name the list does not know.
        "Microsoft.KeyVault/vaults/secrets/getSecret/action", "microsoft.storage/storageAccounts/blobServices/containers/BLOBS/read",
        "Microsoft.KeyVault/vaults/keys/read", UnknownAction,
        // Lighthouse's rule on delegations themselves.
        "Microsoft.ManagedServices/registrationAssignments/write", "Microsoft.ManagedServices/registrationDefinitions/delete",
        "Microsoft.ManagedServices/registrationAssignments/read",
    ];

    /// <summary>An operation Azure's operation list does not know (a typo of <c>Microsoft.Compute/virtualMachines/read</c>).</summary>
    public const string UnknownAction = "Microsoft.Compute/virtualMachine/read";

    public static Gen<string> ScopeText() =>
        from sub in Gen.Elements(Subscriptions)
        from upper in Gen.Elements(false, false, true)
        from depth in Gen.Choose(0, 3)
        from rg in Gen.Elements(ResourceGroups)
        select depth switch
        {
            0 => $"/subscriptions/{Case(sub, upper)}",
            1 => $"/subscriptions/{sub}/{Case("resourceGroups", upper)}/{Case(rg, upper)}",
            2 => $"/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/vm1",
            _ => $"/subscriptions/{sub}/providers/Microsoft.Network/networkWatchers/nw/{Case("providers", upper)}/Microsoft.Insights/diagnosticSettings/d",
        };

    public static Gen<ResourceScope> DelegatedScope() =>
        from sub in Gen.Elements(Subscriptions)
        from rg in Gen.Elements(ResourceGroups)
        from whole in Gen.Elements(true, false)
        select whole ? ResourceScope.Parse($"/subscriptions/{sub}") : ResourceScope.Parse($"/subscriptions/{sub}/resourceGroups/{rg}");

    public static Gen<Principal> AnyPrincipal() =>
        Gen.OneOf(
            Gen.Elements(Users.ToArray()).Select(id => Principal.User(id)),
            Gen.Elements(Groups.ToArray()).Select(id => Principal.Group(id)),
            Gen.Constant(Principal.ServicePrincipal(ServicePrincipal)));

    public static Gen<Authorization> Authorization() =>
        ModelGenerators.Authorization(
            AnyPrincipal(),
            Gen.Elements(Roles.ToArray()),
            ModelGenerators.SubsetOf(new[] { ContributorLike, ReaderLike, BuiltInRoleIds.Owner, Conditioned, CustomStar, WithDataActions, Restricted, Missing, default }),
            delegatedOnlyForUserAccessAdministrator: true);

    public static Gen<EligibleAuthorization> Eligible() =>
        ModelGenerators.Eligible(
            AnyPrincipal(),
            Gen.Elements(Roles.ToArray()),
            ModelGenerators.Policy(
                Gen.Elements(MultiFactorAuthProvider.Azure, MultiFactorAuthProvider.None),
                Gen.Constant(JustInTimeAccessPolicy.Default.MaximumActivationDuration),
                Gen.Elements(ImmutableArray.Create(Principal.User(Users[2])), [])));

    public static Gen<Delegation> Delegation() =>
        from customer in Gen.Elements(CustomerA, CustomerA, CustomerB, ManagingA)
        from managing in Gen.Elements(ManagingA, ManagingA, ManagingB)
        from definition in Gen.Elements(Guid.Parse("de000000-0000-4000-8000-000000000001"), Guid.Parse("de000000-0000-4000-8000-000000000002"))
        from scope in DelegatedScope()
        from authorizations in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Authorization(), n))
        from eligible in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(Eligible(), n))
        select new Delegation
        {
            CustomerTenantId = customer,
            AssignmentId = Guid.NewGuid(),
            Scope = scope,
            Definition = new RegistrationDefinition
            {
                Id = definition,
                Name = "Offer " + definition.ToString()[..8],
                Manifest = new DelegationManifest { ManagingTenantId = managing, Authorizations = [.. authorizations], EligibleAuthorizations = [.. eligible] },
            },
        };

    public static Gen<JustInTimeActivation> Activation() =>
        from user in Gen.Elements(Users.ToArray())
        from role in Gen.Elements(Roles.ToArray())
        from anyDefinition in Gen.Elements(true, false)
        from start in Gen.Choose(-180, 60)
        from length in Gen.Choose(1, 240)
        from mfa in Gen.Elements(true, false)
        from approved in Gen.Elements(true, false)
        select new JustInTimeActivation
        {
            PrincipalId = user,
            RoleDefinitionId = role,
            RegistrationDefinitionId = anyDefinition ? null : Guid.Parse("de000000-0000-4000-8000-000000000001"),
            Start = Now.AddMinutes(start),
            End = Now.AddMinutes(start + length),
            MultiFactorAuthenticated = mfa,
            Approved = approved,
        };

    public static Gen<AccessWorld> World() =>
        from delegations in Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(Delegation(), n))
        from memberships in Gen.ArrayOf(Gen.SubListOf(Groups.ToArray()), Users.Length)
        from nested in Gen.SubListOf(new[] { Groups[1] })
        from activations in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Activation(), n))
        select new AccessWorld(
            [.. delegations],
            Users.Select((u, i) => KeyValuePair.Create(u, memberships[i].ToImmutableArray()))
                .Append(KeyValuePair.Create(Groups[0], nested.ToImmutableArray()))
                .Where(kv => !kv.Value.IsEmpty)
                .ToImmutableDictionary(),
            [.. activations]);

    /// <summary>Deny assignment scopes: every level, rg1 next to rg10, odd casing, and the unset (default) scope.</summary>
    public static readonly string[] DenyScopes =
    [
        "/", "/providers/Microsoft.Management/managementGroups/mg1",
        $"/subscriptions/{Subscriptions[0]}", $"/SUBSCRIPTIONS/{Subscriptions[1].ToUpperInvariant()}",
        $"/subscriptions/{Subscriptions[0]}/resourceGroups/rg1", $"/subscriptions/{Subscriptions[0]}/resourcegroups/RG1",
        $"/subscriptions/{Subscriptions[0]}/resourceGroups/rg10", $"/subscriptions/{Subscriptions[1]}/resourceGroups/rg-app",
        $"/subscriptions/{Subscriptions[0]}/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1",
    ];

    public static readonly string[] DenyPatterns =
    [
        "*", "Microsoft.Compute/*", "*/delete", "microsoft.compute/virtualmachines/READ", "Microsoft.Authorization/*",
        "Microsoft.Storage/storageAccounts/listKeys/action", "*/read", " Microsoft.Network/* ",
    ];

    public static readonly string[] UnreadablePatterns = ["", "  ", "Microsoft.Compute/virtual Machines/*", "Microsoft.Compute/\u0000"];

    public static Gen<DenyAssignment> Deny() =>
        from scope in Gen.Frequency((12, Gen.Elements(DenyScopes).Select(ResourceScope.Parse)), (1, Gen.Constant(default(ResourceScope))))
        from actions in Gen.SubListOf(DenyPatterns)
        from notActions in Gen.SubListOf(DenyPatterns)
        from unreadable in Gen.Frequency((10, Gen.Constant(Array.Empty<string>())), (1, Gen.Elements(UnreadablePatterns).Select(p => new[] { p })))
        from unreadableIn in Gen.Elements(true, false)
        from principals in Gen.SubListOf(Users.Concat(Groups).Append(ServicePrincipal).Append(DenyAssignment.AllPrincipals).ToArray())
        from excluded in Gen.SubListOf(Users.Concat(Groups).ToArray())
        from exact in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new DenyAssignment
        {
            Id = Guid.Parse("da000000-0000-4000-8000-000000000001"),
            Name = "deny",
            Scope = scope,
            Actions = [.. actions, .. unreadableIn ? unreadable : []],
            NotActions = [.. notActions.Take(1), .. unreadableIn ? [] : unreadable],
            Principals = [.. principals],
            ExcludePrincipals = [.. excluded.Take(1)],
            DoNotApplyToChildScopes = exact,
        };

    public static Gen<AccessWorld> WorldWithDenies() =>
        from world in World()
        from denies in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Deny(), n))
        select world with { Denies = [.. denies] };

    public static Gen<AccessRequest> Request() =>
        from principal in Gen.OneOf(
            Gen.Elements(Users.ToArray()).Select(p => p.ToString()),
            Gen.Elements(Groups.ToArray()).Select(p => p.ToString().ToUpperInvariant()),
            Gen.Constant(ServicePrincipal.ToString()),
            Gen.Elements("not-a-guid", "{0a000000-0000-4000-8000-000000000001}", ""))
        from asText in Gen.Elements(true, false)
        from action in Gen.Frequency((12, Gen.Elements(Actions)), (1, Gen.Elements("Microsoft.Compute/*", "Microsoft.Compute/virtualMachines /read", "", "Microsoft.Compute/virtualMachines/read\n")))
        from scope in Gen.Frequency((12, ScopeText()), (1, Gen.Elements("/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/*", "/subscriptions/x", "", "/", "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68g/resourceGroups/rg1", "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68", "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg!", "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/")))
        from tenant in Gen.Elements<TenantId?>(null, null, null, ManagingA, ManagingB)
        from data in Gen.Frequency((15, Gen.Constant(false)), (1, Gen.Constant(true)))
        from extra in Gen.SubListOf(Groups.ToArray())
        from activated in Gen.Frequency((4, Gen.Constant(Array.Empty<RoleDefinitionId>())), (1, Gen.Elements(Roles.ToArray()).Select(r => new[] { r })))
        from target in Gen.Elements<RoleDefinitionId?>(null, ContributorLike, ReaderLike, BuiltInRoleIds.Owner, Conditioned, CustomStar, WithDataActions, Restricted, Missing, default(RoleDefinitionId))
        from mi in Gen.Elements(true, false)
        from kind in Gen.Elements<PrincipalKind?>(null, PrincipalKind.ServicePrincipal, PrincipalKind.User)
        select Make(principal, asText, action, scope) with
        {
            PrincipalTenantId = tenant,
            IsDataAction = data,
            GroupIds = [.. extra],
            ActivatedRoleDefinitionIds = [.. activated],
            TargetRoleDefinitionId = target,
            TargetIsManagedIdentity = mi,
            TargetPrincipalKind = kind,
        };

    public static Arbitrary<AccessWorld> WorldArbitrary() => Arb.From(World());

    public static Arbitrary<AccessRequest> RequestArbitrary() => Arb.From(Request());

    private static AccessRequest Make(string principal, bool asText, string action, string scope) =>
        !asText && PrincipalId.TryParse(principal, out var id) ? new AccessRequest(id, action, scope) : new AccessRequest(principal, action, scope);

    private static string Case(string s, bool upper) => upper ? s.ToUpperInvariant() : s;

    private static RoleDefinition Role(RoleDefinitionId id, string name, params RolePermissionBlock[] blocks) =>
        new() { Id = id, Name = name, Permissions = [.. blocks] };

    private static RolePermissionBlock Block(string[] actions, string[] notActions) =>
        new() { Actions = [.. actions], NotActions = [.. notActions] };
}
