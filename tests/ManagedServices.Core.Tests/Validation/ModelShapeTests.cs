using System.Reflection;
using System.Runtime.CompilerServices;
using ManagedServices.Offers;

namespace ManagedServices.Tests.Validation;

/// <summary>Shape rules of the public model: sealed classes, immutable records.</summary>
public class ModelShapeTests
{
    private static readonly string[] Namespaces = ["ManagedServices", "ManagedServices.Offers", "ManagedServices.Validation"];

    private static IEnumerable<Type> PublicTypes() =>
        typeof(Offer).Assembly.GetExportedTypes().Where(t => Namespaces.Contains(t.Namespace));

    private static bool IsRecord(Type t) => t.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    [Fact]
    public void PublicClasses_AreSealed()
    {
        var classes = PublicTypes().Where(t => t.IsClass).ToList();
        Assert.NotEmpty(classes);
        Assert.Contains(typeof(OfferBuilder), classes);

        var unsealed = classes.Where(t => !t.IsSealed).Select(t => t.FullName).ToList();

        Assert.Empty(unsealed);
    }

    [Fact]
    public void Records_HaveNoPublicSetters()
    {
        var records = PublicTypes().Where(t => t.IsClass && IsRecord(t) && !t.Name.EndsWith("Builder", StringComparison.Ordinal)).ToList();
        Assert.Contains(typeof(Offer), records);
        Assert.Contains(typeof(Authorization), records);

        var setters = records
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } set && !IsInitOnly(set))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(setters);
    }

    [Fact]
    public void Builders_AreMutable()
    {
        Assert.True(typeof(OfferBuilder).GetProperty(nameof(OfferBuilder.Id))!.SetMethod is { IsPublic: true } set && !IsInitOnly(set));
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
