namespace ManagedServices.DependencyInjection;

/// <summary>
/// Options for <see cref="ManagedServicesServiceCollectionExtensions.AddManagedServicesCore"/>. Every member is
/// optional; a service registered before the call wins over these options.
/// </summary>
public sealed class ManagedServicesOptions
{
    /// <summary>
    /// The role catalog to register, or <see langword="null"/> (the default) for <see cref="RoleCatalog.BuiltIn"/>,
    /// the Azure built-in roles embedded in the package. Ignored when a <see cref="RoleCatalog"/> is already registered.
    /// </summary>
    public RoleCatalog? RoleCatalog { get; set; }
}
