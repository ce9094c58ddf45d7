using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Tests.Access;

namespace ManagedServices.Tests.Hardening;

/// <summary>
/// Fail closed: a fault injected into a random snapshot (or its catalog or activations) never turns a decision into
/// Allow. Each faulty world is compared with the clean world that lacks the corrupted element: whatever the faulty
/// evaluator allows, the clean one allows too; faults that must not matter (duplicates, principal kinds) give the same
/// reason for every request. Building and checking never throw.
/// </summary>
public class FailClosedPropertyTests
{
    /// <summary>Worlds per fault kind (20 kinds: 1,200 faulty worlds, about 40 requests each).</summary>
    public const int CasesPerFault = 60;

    public static TheoryData<SnapshotFault> Faults() => [.. HardeningArbitraries.AllFaults];

    [Theory]
    [MemberData(nameof(Faults))]
    public void Check_InjectedFault_NeverAllowsBecauseOfTheFault(SnapshotFault fault)
    {
        var gen =
            from world in AccessArbitraries.World()
            from extra in AccessArbitraries.Delegation()
            from pick in Gen.Choose(0, 1000)
            from undefined in Gen.Elements(-1, 4, 42, int.MaxValue)
            from offset in Gen.Choose(-180, 180)
            from requests in Gen.ArrayOf(AccessArbitraries.Request(), 12)
            select HardeningArbitraries.Inject(world, extra, fault, pick, undefined, offset, requests);

        var injected = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(CasesPerFault), Prop.ForAll(Arb.From(gen), c =>
        {
            if (c.Fault == fault)
            {
                injected++;
            }

            AssertFailsClosed(c);
        }));

        // The generator falls back to another fault only when the picked delegation lacks the element to corrupt.
        Assert.True(injected >= CasesPerFault / 4, $"{fault} was injected in only {injected} of {CasesPerFault} cases");
    }

    [Fact]
    public void Create_EligibleAuthorizationWithNullPolicy_DoesNotBecomePermanent()
    {
        var user = AccessArbitraries.Users[0];
        var delegation = Delegation(eligible: new EligibleAuthorization
        {
            Principal = Principal.User(user),
            RoleDefinitionId = AccessArbitraries.ReaderLike,
            JustInTimeAccessPolicy = null!,
        });
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([delegation]), new AccessEvaluatorOptions { RoleCatalog = AccessArbitraries.Catalog });

        var decision = evaluator.Check(new AccessRequest(user, "Microsoft.Compute/virtualMachines/read", Scope));

        Assert.False(decision.IsAllowed, decision.ToString());
        Assert.Equal(AccessReason.EligibleNotActivated, decision.Reason);
    }

    [Fact]
    public void Check_EmptyPrincipalId_MatchesNoCorruptAuthorization()
    {
        var delegation = Delegation(new Authorization { Principal = Principal.User(default), RoleDefinitionId = AccessArbitraries.ReaderLike });
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([delegation]), new AccessEvaluatorOptions { RoleCatalog = AccessArbitraries.Catalog });

        Assert.Equal(AccessReason.PrincipalNotAuthorized, evaluator.Check(new AccessRequest(default(PrincipalId), "Microsoft.Compute/virtualMachines/read", Scope)).Reason);
        Assert.Equal(AccessReason.PrincipalNotAuthorized, evaluator.Check(new AccessRequest(Guid.Empty.ToString(), "Microsoft.Compute/virtualMachines/read", Scope)).Reason);
        Assert.False(evaluator.Check(new AccessRequest((string)null!, "Microsoft.Compute/virtualMachines/read", Scope)).IsAllowed);
        var viaGroup = evaluator.Check(new AccessRequest(AccessArbitraries.Users[0], "Microsoft.Compute/virtualMachines/read", Scope) { GroupIds = [default] });
        Assert.False(viaGroup.IsAllowed, viaGroup.ToString());
    }

    [Fact]
    public void Check_EmptyManagingTenant_DelegationIsIgnored()
    {
        var user = AccessArbitraries.Users[0];
        var delegation = Delegation(new Authorization { Principal = Principal.User(user), RoleDefinitionId = AccessArbitraries.ReaderLike });
        delegation = delegation with { Definition = delegation.Definition with { Manifest = delegation.Definition.Manifest with { ManagingTenantId = default } } };
        var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([delegation]), new AccessEvaluatorOptions { RoleCatalog = AccessArbitraries.Catalog });

        foreach (var tenant in new TenantId?[] { null, default(TenantId) })
        {
            var decision = evaluator.Check(new AccessRequest(user, "Microsoft.Compute/virtualMachines/read", Scope) { PrincipalTenantId = tenant });
            Assert.Equal(AccessReason.NoDelegationCoversScope, decision.Reason);
        }
    }

    [Fact]
    public void Create_NullMembers_DoNotThrowAndGrantNothing()
    {
        var user = AccessArbitraries.Users[0];
        var good = Delegation(new Authorization { Principal = Principal.User(user), RoleDefinitionId = AccessArbitraries.ReaderLike });
        Delegation[] corrupt =
        [
            good with { Definition = null! },
            good with { Definition = good.Definition with { Manifest = null! } },
            good with { Definition = good.Definition with { Manifest = good.Definition.Manifest with { Authorizations = [null!] } } },
            good with { Definition = good.Definition with { Manifest = good.Definition.Manifest with { Authorizations = [new Authorization { Principal = null!, RoleDefinitionId = AccessArbitraries.ReaderLike }] } } },
            good with { Definition = good.Definition with { Manifest = good.Definition.Manifest with { Authorizations = [], EligibleAuthorizations = [null!] } } },
        ];

        foreach (var d in corrupt)
        {
            var evaluator = AccessEvaluator.Create(DelegationSnapshot.Create([d]), new AccessEvaluatorOptions { RoleCatalog = AccessArbitraries.Catalog });
            var decision = evaluator.Check(new AccessRequest(user, "Microsoft.Compute/virtualMachines/read", Scope));
            Assert.False(decision.IsAllowed, decision.ToString());
        }
    }

    internal static void AssertFailsClosed(FaultCase c)
    {
        var faulty = AccessEvaluator.Create(DelegationSnapshot.Create(c.Faulty), c.FaultyOptions);
        var clean = AccessEvaluator.Create(DelegationSnapshot.Create(c.Clean), c.CleanOptions);
        foreach (var r in c.Requests)
        {
            var f = faulty.Check(r);
            var ok = clean.Check(r);
            if (f.IsAllowed && !ok.IsAllowed)
            {
                throw new InvalidOperationException($"{c.Fault}: {r} allowed ({f}) only because of the fault; clean world says {ok}");
            }

            if (c.MustMatchExactly && f.Reason != ok.Reason)
            {
                throw new InvalidOperationException($"{c.Fault}: {r} gives {f} with the fault, {ok} without");
            }

            if (f.IsAllowed != (f.Reason == AccessReason.Allowed) || (f.IsAllowed && f.Grant is null) || !Enum.IsDefined(f.Reason))
            {
                throw new InvalidOperationException($"{c.Fault}: {r} gives an inconsistent decision {f}");
            }
        }

        // The explanation and reverse queries of the faulty evaluator never throw, and Explain agrees with Check.
        foreach (var r in c.Requests.Take(24))
        {
            var explained = faulty.Explain(r).Decision;
            if (explained.IsAllowed != faulty.Check(r).IsAllowed)
            {
                throw new InvalidOperationException($"{c.Fault}: {r}: Explain says {explained}, Check says {faulty.Check(r)}");
            }

            if (r.Action is not null && r.Scope is not null)
            {
                _ = faulty.WhoCan(r.Action, r.Scope);
            }
        }

        foreach (var d in c.Faulty)
        {
            _ = faulty.GetCustomerAccessReport(d.CustomerTenantId);
        }
    }

    private const string Scope = "/subscriptions/ed40e6c1-4292-4dd6-88f1-89e0da98d68b/resourceGroups/rg1";

    private static Delegation Delegation(Authorization? authorization = null, EligibleAuthorization? eligible = null) => new()
    {
        CustomerTenantId = AccessArbitraries.CustomerA,
        AssignmentId = Guid.Parse("aa000000-0000-4000-8000-000000000001"),
        Scope = ResourceScope.Parse(Scope),
        Definition = new RegistrationDefinition
        {
            Id = Guid.Parse("de000000-0000-4000-8000-000000000001"),
            Name = "Offer",
            Manifest = new DelegationManifest
            {
                ManagingTenantId = AccessArbitraries.ManagingA,
                Authorizations = authorization is null ? [] : [authorization],
                EligibleAuthorizations = eligible is null ? [] : [eligible],
            },
        },
    };
}
