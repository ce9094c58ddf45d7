using ManagedServices.Access;
using ManagedServices.DependencyInjection;
using ManagedServices.Offers;
using ManagedServices.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace ManagedServices.Tests.Ship;

/// <summary>AddManagedServicesCore with the real Microsoft.Extensions.DependencyInjection container.</summary>
public class DependencyInjectionTests
{
    private static RoleCatalog CustomCatalog() =>
        RoleCatalog.Create([new RoleDefinition { Id = BuiltInRoleIds.Reader, Name = "Reader" }]);

    [Fact]
    public void AddManagedServicesCore_Default_ResolvesEverything()
    {
        using var provider = new ServiceCollection().AddManagedServicesCore().BuildServiceProvider(validateScopes: true);

        Assert.Same(RoleCatalog.BuiltIn, provider.GetRequiredService<RoleCatalog>());
        Assert.NotNull(provider.GetRequiredService<ManagedServicesOptions>());
        Assert.Same(RoleCatalog.BuiltIn, provider.GetRequiredService<OfferValidator>().Catalog);
    }

    [Fact]
    public void AddManagedServicesCore_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection().AddManagedServicesCore().AddManagedServicesCore(o => o.RoleCatalog = CustomCatalog());

        var duplicates = services.GroupBy(static d => d.ServiceType).Where(static g => g.Count() > 1).Select(static g => g.Key.Name).ToList();
        Assert.Empty(duplicates);
        Assert.All(services.Where(d => d.ServiceType.Namespace!.StartsWith("ManagedServices", StringComparison.Ordinal)),
            static d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
        using var provider = services.BuildServiceProvider();
        Assert.Same(RoleCatalog.BuiltIn, provider.GetRequiredService<RoleCatalog>());
    }

    [Fact]
    public void AddManagedServicesCore_CatalogInOptions_Wins()
    {
        var custom = CustomCatalog();
        using var provider = new ServiceCollection().AddManagedServicesCore(o => o.RoleCatalog = custom).BuildServiceProvider();

        Assert.Same(custom, provider.GetRequiredService<RoleCatalog>());
        Assert.Same(custom, provider.GetRequiredService<OfferValidator>().Catalog);
    }

    [Fact]
    public void AddManagedServicesCore_CatalogRegisteredBefore_Wins()
    {
        var custom = CustomCatalog();
        var services = new ServiceCollection().AddSingleton(custom).AddManagedServicesCore(o => o.RoleCatalog = RoleCatalog.BuiltIn);
        using var provider = services.BuildServiceProvider();

        Assert.Same(custom, provider.GetRequiredService<RoleCatalog>());
        Assert.Single(services, static d => d.ServiceType == typeof(RoleCatalog));
    }

    [Fact]
    public void AccessEvaluatorFactory_FromContainer_UsesRegisteredCatalogClockAndGroups()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var group = PrincipalId.Parse("7e0cb6fc-2af8-4d9d-a62d-c24d3c53360f");
        var member = PrincipalId.Parse("c1a2b3d4-0000-4e5f-8a9b-0c1d2e3f4a5b");
        var groups = InMemoryGroupMembership.Create([new KeyValuePair<PrincipalId, IEnumerable<PrincipalId>>(member, [group])]);
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IGroupMembershipProvider>(groups)
            .AddManagedServicesCore()
            .BuildServiceProvider();

        var factory = provider.GetRequiredService<AccessEvaluatorFactory>();
        Assert.Same(RoleCatalog.BuiltIn, factory.RoleCatalog);
        Assert.Same(clock, factory.TimeProvider);
        Assert.Same(groups, factory.Groups);

        var manifest = new DelegationManifestBuilder()
            .WithManagingTenant("8174a7b1-dbd4-4092-b82e-f8b1b6e91f40")
            .AddAuthorization(Principal.Group(group, "Support"), BuiltInRoleIds.Reader)
            .Build();
        var delegation = new Delegation
        {
            CustomerTenantId = TenantId.Parse("11111111-1111-4111-8111-111111111111"),
            AssignmentId = Guid.Parse("22222222-2222-4222-8222-222222222222"),
            Scope = ResourceScope.Parse("/subscriptions/33333333-3333-4333-8333-333333333333"),
            Definition = new RegistrationDefinition { Id = Guid.Parse("44444444-4444-4444-8444-444444444444"), Name = "Support", Manifest = manifest },
        };
        var evaluator = factory.Create(DelegationSnapshot.Create([delegation]));
        var vm = "/subscriptions/33333333-3333-4333-8333-333333333333/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";

        Assert.True(evaluator.Check(new AccessRequest(member, "Microsoft.Compute/virtualMachines/read", vm)).IsAllowed);
        Assert.False(evaluator.Check(new AccessRequest(member, "Microsoft.Compute/virtualMachines/write", vm)).IsAllowed);
    }

    [Fact]
    public void AddManagedServicesCore_NullServices_Throws() =>
        Assert.Throws<ArgumentNullException>(() => ManagedServicesServiceCollectionExtensions.AddManagedServicesCore(null!));
}
