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

    /// <summary>
    /// The <see cref="Access.AccessEvaluatorOptions.ActionCacheCapacity"/> of every evaluator the registered
    /// <see cref="AccessEvaluatorFactory"/> builds: 0 to <see cref="Access.AccessEvaluatorOptions.MaxActionCacheCapacity"/>.
    /// A value out of range throws when the factory is resolved.
    /// </summary>
    /// <value>The default value is 16384.</value>
    public int ActionCacheCapacity { get; set; } = new Access.AccessEvaluatorOptions().ActionCacheCapacity;
}
