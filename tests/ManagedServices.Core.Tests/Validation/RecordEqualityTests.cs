using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using ManagedServices.Offers;

namespace ManagedServices.Tests.Validation;

/// <summary>
/// Records with hand-written <c>Equals</c>/<c>GetHashCode</c> (written to compare arrays by content) must compare every
/// property: a property added later and forgotten in <c>Equals</c> fails here, by name. Each record is built with one
/// value per property, then copied with one property changed (public or private <c>init</c>); the copy must not be equal.
/// </summary>
public class RecordEqualityTests
{
    /// <summary>Properties left out of equality on purpose, with the reason.</summary>
    private static readonly Dictionary<string, string> NotCompared = new(StringComparer.Ordinal)
    {
    };

    internal static IEnumerable<Type> HandWrittenEqualityRecords() =>
        typeof(Offer).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters && t.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null)
            .Where(t => t.GetMethod("Equals", BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly, [t]) is { } eq &&
                        eq.GetCustomAttribute<CompilerGeneratedAttribute>() is null);

    [Fact]
    public void HandWrittenEquality_ComparesEveryProperty()
    {
        var records = HandWrittenEqualityRecords().ToList();
        Assert.True(records.Count >= 10, "Found only: " + string.Join(", ", records.Select(r => r.Name)));

        var forgotten = new List<string>();
        var unbuildable = new List<string>();
        foreach (var type in records)
        {
            object baseline;
            try
            {
                baseline = Build(type, 0, 0);
            }
            catch (Exception e) when (e is NotSupportedException or TargetInvocationException or ArgumentException)
            {
                unbuildable.Add($"{type.Name}: {e.GetBaseException().Message}");
                continue;
            }

            Assert.Equal(baseline, Build(type, 0, 0));
            foreach (var property in Settable(type))
            {
                var changed = Clone(baseline);
                try
                {
                    property.SetValue(changed, Value(property.PropertyType, 1, 1));
                }
                catch (TargetInvocationException)
                {
                    continue; // the init accessor refuses the other value: nothing to compare
                }
                catch (NotSupportedException e)
                {
                    unbuildable.Add($"{type.Name}.{property.Name}: {e.Message}");
                    continue;
                }

                if (Equals(baseline, changed) && !NotCompared.ContainsKey($"{type.Name}.{property.Name}"))
                {
                    forgotten.Add($"{type.Name}.{property.Name}");
                }
            }
        }

        Assert.True(unbuildable.Count == 0, "Teach RecordEqualityTests.Value to build: " + string.Join("; ", unbuildable));
        Assert.True(forgotten.Count == 0, "Equals ignores: " + string.Join(", ", forgotten));
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetSetMethod(nonPublic: true) is not null && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract");

    private static object Clone(object record) =>
        record.GetType().GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance)!.Invoke(record, null)!;

    private static object Build(Type type, int variant, int depth)
    {
        if (depth > 10)
        {
            throw new NotSupportedException($"{type.Name} nests too deep");
        }

        var instance = RuntimeHelpers.GetUninitializedObject(type);
        // Run the field initializers' defaults the way `new` would: start from a real instance when there is a public
        // parameterless constructor (records with required members have one).
        if (type.GetConstructor(Type.EmptyTypes) is { } ctor)
        {
            instance = ctor.Invoke(null);
        }

        foreach (var property in Settable(type))
        {
            property.SetValue(instance, Value(property.PropertyType, variant, depth + 1));
        }

        return instance;
    }

    /// <summary>Two different values of a type (variant 0 and 1).</summary>
    private static object? Value(Type type, int variant, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return variant == 0 ? null : Value(inner, 1, depth);
        }

        var guid = variant == 0 ? "6c1b8a2e-0000-4000-8000-000000000001" : "6c1b8a2e-0000-4000-8000-000000000002";
        return type switch
        {
            _ when type == typeof(string) => variant == 0 ? "a" : "b",
            _ when type == typeof(bool) => variant == 1,
            _ when type == typeof(int) => variant + 1,
            _ when type == typeof(long) => (long)variant + 1,
            _ when type == typeof(double) => variant + 1.5,
            _ when type == typeof(Guid) => Guid.Parse(guid),
            _ when type == typeof(TimeSpan) => TimeSpan.FromHours(variant + 1),
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.UnixEpoch.AddDays(variant + 1),
            _ when type == typeof(TenantId) => TenantId.Parse(guid),
            _ when type == typeof(SubscriptionId) => SubscriptionId.Parse(guid),
            _ when type == typeof(PrincipalId) => PrincipalId.Parse(guid),
            _ when type == typeof(RoleDefinitionId) => RoleDefinitionId.Parse(guid),
            _ when type == typeof(ResourceScope) => ResourceScope.Parse("/subscriptions/" + guid),
            _ when type == typeof(ManifestVersion) => ManifestVersion.Parse(variant == 0 ? "1.0.0" : "2.0.0"),
            _ when type == typeof(MultiFactorAuthProvider) => variant == 0 ? MultiFactorAuthProvider.None : MultiFactorAuthProvider.Azure,
            _ when type == typeof(ManagedServices.Access.AccessDecision) => new ManagedServices.Access.AccessDecision(
                variant == 0 ? ManagedServices.Access.AccessReason.Allowed : ManagedServices.Access.AccessReason.PrincipalNotAuthorized, null),
            _ when type == typeof(Principal) => variant == 0 ? Principal.User(PrincipalId.Parse(guid), "a") : Principal.Group(PrincipalId.Parse(guid), "b"),
            _ when type.IsEnum => Enum.GetValues(type).GetValue(Math.Min(variant, Enum.GetValues(type).Length - 1)),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) => Array(type.GetGenericArguments()[0], variant, depth),
            _ when type.IsClass && type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null => Build(type, variant, depth),
            _ => throw new NotSupportedException($"no values for {type.Name}"),
        };
    }

    private static object Array(Type element, int variant, int depth)
    {
        var create = typeof(ImmutableArray).GetMethods()
            .Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }])
            .MakeGenericMethod(element);
        var items = System.Array.CreateInstance(element, variant == 0 ? 0 : 1);
        if (variant != 0)
        {
            items.SetValue(Value(element, 1, depth), 0);
        }

        return create.Invoke(null, [items])!;
    }
}
