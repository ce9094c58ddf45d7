using ManagedServices.DependencyInjection;
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
    public void AddManagedServicesCore_NullServices_Throws() =>
        Assert.Throws<ArgumentNullException>(() => ManagedServicesServiceCollectionExtensions.AddManagedServicesCore(null!));
}
