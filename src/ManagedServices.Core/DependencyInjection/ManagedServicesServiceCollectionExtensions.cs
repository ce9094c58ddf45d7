using ManagedServices.Access;
using ManagedServices.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ManagedServices.DependencyInjection;

/// <summary>Registers the services of ManagedServices.Core with a <see cref="IServiceCollection"/>.</summary>
public static class ManagedServicesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the services of ManagedServices.Core as singletons, with <c>TryAdd*</c> only: a service registered
    /// before this call wins, and calling it more than once registers each service once (later options are ignored).
    /// Registered: <see cref="RoleCatalog"/> (the embedded <see cref="RoleCatalog.BuiltIn"/> unless
    /// <see cref="ManagedServicesOptions.RoleCatalog"/> or a prior registration says otherwise),
    /// <see cref="OfferValidator"/> (over the registered catalog), <see cref="AccessEvaluatorFactory"/> (over the
    /// registered catalog, and the registered <see cref="TimeProvider"/> and <see cref="IGroupMembershipProvider"/> when
    /// there are any, and <see cref="ManagedServicesOptions.ActionCacheCapacity"/>) and <see cref="ManagedServicesOptions"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options; optional.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddManagedServicesCore(this IServiceCollection services, Action<ManagedServicesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ManagedServicesOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(static sp => sp.GetRequiredService<ManagedServicesOptions>().RoleCatalog ?? RoleCatalog.BuiltIn);
        services.TryAddSingleton(static sp => new OfferValidator(sp.GetRequiredService<RoleCatalog>()));
        services.TryAddSingleton(static sp => new AccessEvaluatorFactory(new AccessEvaluatorOptions
        {
            RoleCatalog = sp.GetRequiredService<RoleCatalog>(),
            TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System,
            Groups = sp.GetService<IGroupMembershipProvider>(),
            ActionCacheCapacity = sp.GetRequiredService<ManagedServicesOptions>().ActionCacheCapacity,
        }));
        return services;
    }
}
