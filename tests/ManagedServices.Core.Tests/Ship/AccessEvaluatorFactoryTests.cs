using System.Reflection;
using ManagedServices.Access;
using ManagedServices.DependencyInjection;
using ManagedServices.Offers;
using Microsoft.Extensions.DependencyInjection;

namespace ManagedServices.Tests.Ship;

/// <summary>
/// <see cref="AccessEvaluatorFactory"/> passes every option to the evaluators it builds: deny assignments and the action
/// cache capacity were once dropped silently (a dropped deny assignment is a wrong Allow).
/// </summary>
public class AccessEvaluatorFactoryTests
{
    private const string Sub = "/subscriptions/33333333-3333-4333-8333-333333333333";
    private const string Vm = Sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";
    private const string Restart = "Microsoft.Compute/virtualMachines/restart/action";
    private static readonly PrincipalId Ops = PrincipalId.Parse("7e0cb6fc-2af8-4d9d-a62d-c24d3c53360f");

    private static DelegationSnapshot Snapshot() => DelegationSnapshot.Create(
    [
        new Delegation
        {
            CustomerTenantId = TenantId.Parse("11111111-1111-4111-8111-111111111111"),
            AssignmentId = Guid.Parse("22222222-2222-4222-8222-222222222222"),
            Scope = ResourceScope.Parse(Sub),
            Definition = new RegistrationDefinition
            {
                Id = Guid.Parse("44444444-4444-4444-8444-444444444444"),
                Name = "Support",
                Manifest = new DelegationManifestBuilder()
                    .WithManagingTenant("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40")
                    .AddAuthorization(Principal.Group(Ops, "Ops"), BuiltInRoleIds.Contributor)
                    .Build(),
            },
        },
    ]);

    private static DenyAssignment DenyEveryone() => new()
    {
        Id = Guid.Parse("da000000-0000-4000-8000-0000000000aa"),
        Scope = ResourceScope.Parse(Sub),
        Actions = ["*"],
        Principals = [DenyAssignment.AllPrincipals],
    };

    private static AccessReason Decide(AccessEvaluator evaluator) => evaluator.Check(new AccessRequest(Ops, Restart, Vm)).Reason;

    [Fact]
    public void Create_DenyAssignmentsGiven_DenyTheAction()
    {
        var factory = new AccessEvaluatorFactory(RoleCatalog.BuiltIn);

        Assert.Equal(AccessReason.Allowed, Decide(factory.Create(Snapshot())));
        Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(factory.Create(Snapshot(), [], [DenyEveryone()])));
    }

    [Fact]
    public void Create_DenyAssignmentsAndCacheCapacityInFactoryOptions_ReachEveryEvaluator()
    {
        var factory = new AccessEvaluatorFactory(new AccessEvaluatorOptions { DenyAssignments = [DenyEveryone()], ActionCacheCapacity = 0 });

        foreach (var evaluator in new[] { factory.Create(Snapshot()), factory.Create(Snapshot(), []), factory.Create(Snapshot(), [], []) })
        {
            Assert.Equal(AccessReason.DeniedByDenyAssignment, Decide(evaluator));
            Assert.Equal(0, evaluator.Options.ActionCacheCapacity);
            Assert.Equal(0, evaluator.CachedActions);
        }
    }

    [Fact]
    public void Create_EveryOptionMember_IsCopiedToTheEvaluator()
    {
        // Every public property of AccessEvaluatorOptions set to a value other than its default: a member added later
        // and forgotten by the factory fails here, by name.
        var activation = new JustInTimeActivation
        {
            PrincipalId = Ops,
            RoleDefinitionId = BuiltInRoleIds.Contributor,
            Start = DateTimeOffset.UnixEpoch,
            End = DateTimeOffset.UnixEpoch.AddHours(1),
        };
        var options = new AccessEvaluatorOptions
        {
            RoleCatalog = RoleCatalog.Create([new RoleDefinition { Id = BuiltInRoleIds.Reader, Name = "Reader" }]),
            TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(),
            Groups = InMemoryGroupMembership.Create([]),
            Activations = [activation],
            DenyAssignments = [DenyEveryone()],
            ActionCacheCapacity = 7,
        };
        var defaults = new AccessEvaluatorOptions();
        var properties = typeof(AccessEvaluatorOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var notSet = properties.Where(p => Same(p.GetValue(options), p.GetValue(defaults))).Select(p => p.Name).ToList();
        Assert.True(notSet.Count == 0, "Set these options in the test: " + string.Join(", ", notSet));

        var copied = new AccessEvaluatorFactory(options).Create(Snapshot(), [], []).Options;

        var dropped = properties.Where(p => !Same(p.GetValue(options), p.GetValue(copied))).Select(p => p.Name).ToList();
        Assert.True(dropped.Count == 0, "AccessEvaluatorFactory drops: " + string.Join(", ", dropped));
    }

    [Fact]
    public void AddManagedServicesCore_ActionCacheCapacity_ReachesTheFactory()
    {
        using var provider = new ServiceCollection().AddManagedServicesCore(o => o.ActionCacheCapacity = 5).BuildServiceProvider();

        var factory = provider.GetRequiredService<AccessEvaluatorFactory>();

        Assert.Equal(5, factory.Options.ActionCacheCapacity);
        Assert.Equal(5, factory.Create(Snapshot()).Options.ActionCacheCapacity);
        Assert.Equal(new AccessEvaluatorOptions().ActionCacheCapacity, new ManagedServicesOptions().ActionCacheCapacity);
    }

    [Fact]
    public void Create_NullArguments_Throw()
    {
        var factory = new AccessEvaluatorFactory(RoleCatalog.BuiltIn);

        Assert.Throws<ArgumentNullException>(() => new AccessEvaluatorFactory((AccessEvaluatorOptions)null!));
        Assert.Throws<ArgumentNullException>(() => new AccessEvaluatorFactory((RoleCatalog)null!));
        Assert.Throws<ArgumentNullException>(() => factory.Create(Snapshot(), [], null!));
        Assert.Throws<ArgumentException>(() => factory.Create(Snapshot(), [], [null!]));
    }

    private static bool Same(object? a, object? b) => a switch
    {
        System.Collections.IEnumerable x when b is System.Collections.IEnumerable y && a is not string =>
            x.Cast<object>().SequenceEqual(y.Cast<object>()),
        _ => Equals(a, b),
    };
}
