using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Offers;

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
    public static Gen<string?> NameGen => Gen.Frequency(
        (3, Gen.Elements(ReportFixtures.HostileNames.AsEnumerable()).Select(static s => (string?)s)),
        (2, ArbMap.Default.GeneratorFor<string>().Select(static s => (string?)s)),
        (1, Gen.Constant((string?)null)));

    public static Gen<Principal> PrincipalGen =>
        from id in Gen.Elements(PrincipalIds.AsEnumerable())
        from kind in Gen.Elements(PrincipalKind.User, PrincipalKind.Group, PrincipalKind.Unknown)
        from name in NameGen
        select new Principal { Id = id, Kind = kind, DisplayName = name };

    public static Gen<Authorization> AuthorizationGen =>
        from principal in PrincipalGen
        from role in Gen.Elements(Roles.AsEnumerable())
        from delegated in Gen.SubListOf(new[] { BuiltInRoleIds.Contributor, BuiltInRoleIds.RegistrationAssignmentDelete })
        select new Authorization
        {
            Principal = principal,
            RoleDefinitionId = role,
            DelegatedRoleDefinitionIds = role == BuiltInRoleIds.UserAccessAdministrator ? [.. delegated] : [],
        };

    public static Gen<EligibleAuthorization> EligibleGen =>
        from principal in PrincipalGen
        from role in Gen.Elements(Roles.AsEnumerable())
        from mfa in Gen.Elements(MultiFactorAuthProvider.Azure, MultiFactorAuthProvider.None, new MultiFactorAuthProvider("x\"] --> y"))
        from approver in Gen.OneOf(Gen.Constant((Principal?)null), PrincipalGen.Select(static p => (Principal?)p))
        select new EligibleAuthorization
        {
            Principal = principal,
            RoleDefinitionId = role,
            JustInTimeAccessPolicy = new JustInTimeAccessPolicy
            {
                MultiFactorAuthProvider = mfa,
                Approvers = approver is null ? [] : [approver],
            },
        };

    public static Gen<RegistrationDefinition> DefinitionGen(int index) =>
        from name in NameGen
        from description in NameGen
        from tenant in Gen.Elements(ReportFixtures.Provider, ReportFixtures.OtherProvider)
        from permanentCount in Gen.Choose(0, 4)
        from permanent in Gen.ListOf(AuthorizationGen, permanentCount)
        from eligibleCount in Gen.Choose(0, 2)
        from eligible in Gen.ListOf(EligibleGen, eligibleCount)
        select new RegistrationDefinition
        {
            Id = new Guid($"de000000-0000-4000-8000-{index:D12}"),
            Name = name ?? "",
            Description = description,
            Manifest = new DelegationManifest { ManagingTenantId = tenant, Authorizations = [.. permanent], EligibleAuthorizations = [.. eligible] },
        };

    public static Gen<ImmutableArray<Delegation>> DelegationsGen =>
        from count in Gen.Choose(1, 3)
        from definitions in Gen.CollectToList(Enumerable.Range(1, count).Select(DefinitionGen))
        from placements in Gen.CollectToList(definitions.Select(_ => Gen.SubListOf(Scopes.AsEnumerable()).Where(static l => l.Count > 0)))
        select definitions.Zip(placements).SelectMany(static (x, i) => x.Second.Select((scope, j) => new Delegation
        {
            CustomerTenantId = ReportFixtures.Customer,
            Definition = x.First,
            Scope = scope,
            AssignmentId = new Guid($"a5000000-0000-4000-8000-{i * 10 + j:D12}"),
        })).ToImmutableArray();

    public static Arbitrary<ImmutableArray<Delegation>> Delegations() => Arb.From(DelegationsGen);
}
