using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Offers;
using ManagedServices.Tests.TestSupport;

namespace ManagedServices.Tests.Reporting;

/// <summary>Generated sets of delegations over small pools (so that scopes nest and principals repeat), with hostile names.</summary>
public static class ReportArbitraries
{
    private static readonly ImmutableArray<ResourceScope> Scopes =
        [ReportFixtures.SubscriptionScope, ReportFixtures.ResourceGroup("rg-a"), ReportFixtures.ResourceGroup("rg-b")];

    private static readonly ImmutableArray<RoleDefinitionId> Roles =
    [
        BuiltInRoleIds.Reader, BuiltInRoleIds.Contributor, BuiltInRoleIds.RegistrationAssignmentDelete,
        BuiltInRoleIds.UserAccessAdministrator, BuiltInRoleIds.Owner,
    ];

    private static readonly ImmutableArray<PrincipalId> PrincipalIds =
    [
        PrincipalId.Parse("a1000000-0000-4000-8000-000000000001"), PrincipalId.Parse("a1000000-0000-4000-8000-000000000002"),
        PrincipalId.Parse("a1000000-0000-4000-8000-000000000003"),
    ];

    /// <summary>A name: mostly hostile ones from the list, sometimes any string FsCheck makes, sometimes none.</summary>
    public static Gen<string?> Name() => Gen.Frequency(
        (3, Gen.Elements(ReportFixtures.HostileNames.AsEnumerable()).Select(static s => (string?)s)),
        (2, ArbMap.Default.GeneratorFor<string>().Select(static s => (string?)s)),
        (1, Gen.Constant((string?)null)));

    /// <summary>Principals from the pool: users, groups and unknown kinds, with hostile names.</summary>
    public static Gen<Principal> Principal() =>
        ModelGenerators.Principal(Gen.Elements(PrincipalIds.AsEnumerable()), Gen.Elements(PrincipalKind.User, PrincipalKind.Group, PrincipalKind.Unknown), Name());

    /// <summary>Permanent authorizations; only User Access Administrator delegates (Contributor, the delete role).</summary>
    public static Gen<Authorization> Authorization() =>
        ModelGenerators.Authorization(
            Principal(),
            Gen.Elements(Roles.AsEnumerable()),
            ModelGenerators.SubsetOf([BuiltInRoleIds.Contributor, BuiltInRoleIds.RegistrationAssignmentDelete]),
            delegatedOnlyForUserAccessAdministrator: true);

    /// <summary>Eligible authorizations: known and hostile MFA provider texts, no approver or one, the default duration.</summary>
    public static Gen<EligibleAuthorization> Eligible() =>
        ModelGenerators.Eligible(
            Principal(),
            Gen.Elements(Roles.AsEnumerable()),
            ModelGenerators.Policy(
                Gen.Elements(MultiFactorAuthProvider.Azure, MultiFactorAuthProvider.None, new MultiFactorAuthProvider("x\"] --> y")),
                Gen.Constant(JustInTimeAccessPolicy.Default.MaximumActivationDuration),
                Gen.OneOf(Gen.Constant(ImmutableArray<Principal>.Empty), Principal().Select(static p => ImmutableArray.Create(p)))));

    /// <summary>The <paramref name="index"/>th registration definition: hostile names, 0 to 4 permanent and 0 to 2 eligible authorizations.</summary>
    public static Gen<RegistrationDefinition> Definition(int index) =>
        from name in Name()
        from description in Name()
        from manifest in ModelGenerators.Manifest(
            Gen.Elements(ReportFixtures.Provider, ReportFixtures.OtherProvider),
            Gen.Constant(ManifestVersion.Initial),
            ModelGenerators.ListOf(Authorization(), 4),
            ModelGenerators.ListOf(Eligible(), 2))
        select new RegistrationDefinition
        {
            Id = new Guid($"de000000-0000-4000-8000-{index:D12}"),
            Name = name ?? "",
            Description = description,
            Manifest = manifest,
        };

    /// <summary>One to three definitions, each placed at a non-empty subset of the scopes.</summary>
    public static Gen<ImmutableArray<Delegation>> Delegations() =>
        from count in Gen.Choose(1, 3)
        from definitions in Gen.CollectToList(Enumerable.Range(1, count).Select(Definition))
        from placements in Gen.CollectToList(definitions.Select(_ => Gen.SubListOf(Scopes.AsEnumerable()).Where(static l => l.Count > 0)))
        select definitions.Zip(placements).SelectMany(static (x, i) => x.Second.Select((scope, j) => new Delegation
        {
            CustomerTenantId = ReportFixtures.Customer,
            Definition = x.First,
            Scope = scope,
            AssignmentId = new Guid($"a5000000-0000-4000-8000-{i * 10 + j:D12}"),
        })).ToImmutableArray();

    /// <summary>Arbitrary delegation sets.</summary>
    public static Arbitrary<ImmutableArray<Delegation>> DelegationsArbitrary() => Arb.From(Delegations());
}
