using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using ManagedServices.Offers;

namespace ManagedServices.Tests.Validation;

/// <summary>
/// Shape rules of every public type, in every namespace: sealed classes, immutable records (no public setters, no
/// mutable collections), readonly structs. Mutable by design: builders and options classes.
/// </summary>
public class ModelShapeTests
{
    private static Type[] PublicTypes() => typeof(Offer).Assembly.GetExportedTypes();

    /// <summary>Public types meant to be mutable: builders, and options set before use (checked where they are set).</summary>
    private static bool IsMutableByDesign(Type t) =>
        t.Name.EndsWith("Builder", StringComparison.Ordinal) || t.Name.EndsWith("Options", StringComparison.Ordinal);

    [Fact]
    public void EveryNamespace_IsCovered()
    {
        // Every namespace in which the source declares a public type is among the exported types these rules check, so a
        // new folder cannot slip past them (the rules below run over every exported type).
        var namespaces = PublicTypes().Select(t => t.Namespace).Distinct().ToList();
        var source = Path.Combine(TestSupport.RepoPaths.Root, "src", "ManagedServices.Core");
        var declared = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .Where(text => System.Text.RegularExpressions.Regex.IsMatch(text, @"^public\s", System.Text.RegularExpressions.RegexOptions.Multiline))
            .Select(text => System.Text.RegularExpressions.Regex.Match(text, @"^namespace\s+([\w.]+)\s*;", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value)
            .Distinct()
            .ToList();

        Assert.True(declared.Count >= 10, "Found only: " + string.Join(", ", declared));
        Assert.All(declared, ns => Assert.Contains(ns, namespaces));
        Assert.Contains("ManagedServices", namespaces);
        Assert.Contains("ManagedServices.Offers", namespaces);
        Assert.Contains("ManagedServices.Access", namespaces);
        Assert.Contains("ManagedServices.Analysis", namespaces);
    }

    [Fact]
    public void PublicStructs_AreReadOnly()
    {
        var structs = PublicTypes().Where(t => t.IsValueType && !t.IsEnum).ToList();
        Assert.Contains(typeof(ResourceScope), structs);

        var mutable = structs.Where(t => t.GetCustomAttribute<IsReadOnlyAttribute>() is null).Select(t => t.FullName).ToList();

        Assert.Empty(mutable);
    }

    [Fact]
    public void PublicRecordsAndStructs_HoldNoMutableCollections()
    {
        var immutable = PublicTypes().Where(t => (t.IsValueType && !t.IsEnum) || (t.IsClass && IsRecord(t) && !IsMutableByDesign(t)));

        var mutable = immutable
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => IsMutableCollection(p.PropertyType))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}: {p.PropertyType.Name}")
            .ToList();

        Assert.Empty(mutable);
    }

    private static bool IsMutableCollection(Type t) =>
        t.IsArray ||
        (t.IsGenericType && t.GetGenericTypeDefinition() is var g &&
         (g == typeof(List<>) || g == typeof(Dictionary<,>) || g == typeof(HashSet<>) || g == typeof(IList<>) ||
          g == typeof(ICollection<>) || g == typeof(IDictionary<,>) || g == typeof(ISet<>)));

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
        var records = PublicTypes().Where(t => t.IsClass && IsRecord(t) && !IsMutableByDesign(t)).ToList();
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
    public void PositionalRecords_ReadADefaultArrayAsEmpty()
    {
        // A positional record (one public constructor besides the copy constructor, with a parameter per member)
        // redeclares each ImmutableArray<T> member so that a default array reads as empty, as init members do.
        var positional = PublicTypes()
            .Where(t => t.IsClass && IsRecord(t))
            .Select(t => (Type: t, Constructor: t.GetConstructors().SingleOrDefault(c => c.GetParameters() is { Length: > 0 } ps && ps[0].ParameterType != t)))
            .Where(x => x.Constructor is not null && x.Constructor.GetParameters().Any(p => IsImmutableArray(p.ParameterType)))
            .ToList();
        Assert.Contains(positional, x => x.Type == typeof(ManagedServices.Lifecycle.ManifestDiff));
        Assert.Contains(positional, x => x.Type == typeof(ManagedServices.Analysis.PrincipalAdvice));

        var defaults = positional
            .Select(x => (x.Type, Value: x.Constructor!.Invoke([.. x.Constructor.GetParameters().Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)])))
            .SelectMany(x => x.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => IsImmutableArray(p.PropertyType))
                .Where(p => (bool)p.PropertyType.GetProperty("IsDefault")!.GetValue(p.GetValue(x.Value))!)
                .Select(p => $"{x.Type.Name}.{p.Name}"))
            .ToList();

        Assert.Empty(defaults);
    }

    private static bool IsImmutableArray(Type t) => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ImmutableArray<>);

    [Fact]
    public void Builders_AreMutable()
    {
        Assert.True(typeof(OfferBuilder).GetProperty(nameof(OfferBuilder.Id))!.SetMethod is { IsPublic: true } set && !IsInitOnly(set));
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
