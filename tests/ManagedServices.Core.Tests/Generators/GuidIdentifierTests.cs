using System.Reflection;
using FsCheck.Xunit;
using ManagedServices.Offers;

namespace ManagedServices.Tests.Generators;

/// <summary>
/// The four GUID-backed identifiers are completed by <c>GuidIdentifierGenerator</c> (src/ManagedServices.Core.Generators)
/// and <see cref="ManifestVersion"/>'s operators by <c>ComparisonOperatorsGenerator</c>. These tests hold what the
/// generated code must do, so a change to the generator that drops, renames or alters a member fails here.
/// </summary>
public class GuidIdentifierTests
{
    private static readonly Type[] IdTypes = [typeof(PrincipalId), typeof(TenantId), typeof(SubscriptionId), typeof(RoleDefinitionId)];

    public static TheoryData<Type> Ids() => [.. IdTypes];

    /// <summary>Every member of an identifier, the type's own name replaced by <c>T</c>: public and explicit ones.</summary>
    private static SortedSet<string> Shape(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var members = type.GetMembers(all)
            .Select(m => m switch
            {
                MethodBase method => $"{method.Attributes} {method} ({string.Join(", ", method.GetParameters().Select(p => $"{p.ParameterType} {p.Name} [{string.Join(",", p.CustomAttributes.Select(a => a.AttributeType.Name))}]"))})",
                _ => $"{m.MemberType} {m}",
            })
            .Concat(type.GetInterfaces().Select(i => "implements " + i))
            .Append($"type {type.Attributes} [{string.Join(",", type.CustomAttributes.Select(a => a.AttributeType.Name).Order(StringComparer.Ordinal))}]")
            .Select(s => s.Replace(type.FullName!, "T", StringComparison.Ordinal).Replace(type.Name, "T", StringComparison.Ordinal));
        return new SortedSet<string>(members, StringComparer.Ordinal);
    }

    [Fact]
    public void TheFourIdentifiers_HaveTheSameMembers()
    {
        var expected = Shape(typeof(PrincipalId));

        Assert.True(expected.Count >= 30, $"PrincipalId has {expected.Count} members: the generator did not complete it");
        foreach (var type in IdTypes.Skip(1))
        {
            var shape = Shape(type);
            Assert.True(expected.SetEquals(shape), $"{type.Name} differs from PrincipalId: " + string.Join("; ", shape.Except(expected).Concat(expected.Except(shape).Select(s => "missing " + s))));
        }
    }

    [Fact]
    public void Identifiers_HaveTheWholeValueSurface()
    {
        var names = Shape(typeof(TenantId));

        foreach (var member in new[]
        {
            "op_Equality", "op_Inequality", "op_LessThan", "op_LessThanOrEqual", "op_GreaterThan", "op_GreaterThanOrEqual",
            "Parse(System.String)", "Parse(System.ReadOnlySpan`1[System.Char])", "TryParse(System.String, T ByRef)", "TryParse(System.ReadOnlySpan`1[System.Char], T ByRef)",
            "System.ISpanFormattable.TryFormat", "System.IFormattable.ToString", "System.IParsable<T>.Parse", "System.ISpanParsable<T>.TryParse",
            "CompareTo(T)", "Equals(T)", "Equals(System.Object)", "GetHashCode()", "ToString()", "get_Value()", "get_IsEmpty()", "Void .ctor(System.Guid)",
            "implements System.IEquatable`1[T]", "implements System.IComparable`1[T]", "implements System.ISpanParsable`1[T]", "implements System.ISpanFormattable",
            "IsReadOnlyAttribute",
        })
        {
            Assert.Contains(names, n => n.Contains(member, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("principal ID")]
    [InlineData("tenant ID")]
    [InlineData("subscription ID")]
    [InlineData("role definition ID")]
    public void Parse_NamesTheIdentifierInItsMessage(string noun)
    {
        Action parse = noun switch
        {
            "principal ID" => () => PrincipalId.Parse("contoso"),
            "tenant ID" => () => TenantId.Parse("contoso"),
            "subscription ID" => () => SubscriptionId.Parse("contoso".AsSpan()),
            _ => () => RoleDefinitionId.Parse("contoso"),
        };

        var error = Assert.Throws<FormatException>(parse);

        Assert.Equal($"'contoso' is not a valid {noun} (a GUID).", error.Message);
        Assert.Throws<ArgumentNullException>(() => PrincipalId.Parse((string)null!));
    }

    [Fact]
    public void OnlyRoleDefinitionId_ReadsTheArmResourceId()
    {
        const string arm = "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c";

        Assert.True(RoleDefinitionId.TryParse(arm, out var role));
        Assert.Equal("b24988ac-6180-42a0-ab88-20f7382dd24c", role.ToString());
        Assert.False(PrincipalId.TryParse(arm, out _));
        Assert.False(TenantId.TryParse(arm, out _));
        Assert.False(SubscriptionId.TryParse(arm.AsSpan(), out _));
    }

    [Property(MaxTest = 200)]
    public bool Operators_Equality_AndHash_FollowTheGuid(Guid a, Guid other, bool same)
    {
        var b = same ? a : other; // random GUIDs are almost never equal: half the cases compare a value with itself
        var ordered = a.CompareTo(b);
        return Agrees(new PrincipalId(a), new PrincipalId(b)) && Agrees(new TenantId(a), new TenantId(b)) &&
            Agrees(new SubscriptionId(a), new SubscriptionId(b)) && Agrees(new RoleDefinitionId(a), new RoleDefinitionId(b));

        bool Agrees<T>(T x, T y)
            where T : struct, IComparable<T>, IEquatable<T>
        {
            var op = (string name) => (bool)typeof(T).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [x, y])!;
            return op("op_Equality") == (a == b) && op("op_Inequality") == (a != b) &&
                op("op_LessThan") == (ordered < 0) && op("op_LessThanOrEqual") == (ordered <= 0) &&
                op("op_GreaterThan") == (ordered > 0) && op("op_GreaterThanOrEqual") == (ordered >= 0) &&
                Math.Sign(x.CompareTo(y)) == Math.Sign(ordered) && x.Equals(y) == (a == b) && x.Equals((object)y) == (a == b) &&
                (a != b || x.GetHashCode() == y.GetHashCode()) && x.GetHashCode() == a.GetHashCode();
        }
    }

    [Property(MaxTest = 200)]
    public bool Format_AndParse_RoundTrip(Guid g)
    {
        var id = new SubscriptionId(g);
        Span<char> buffer = stackalloc char[64];
        var formatted = ((ISpanFormattable)id).TryFormat(buffer, out var written, default, null);
        var parsed = SubscriptionId.TryParse(id.ToString().ToUpperInvariant(), out var back);

        return formatted && buffer[..written].SequenceEqual(g.ToString("D")) && id.ToString() == g.ToString("D") &&
            ((IFormattable)id).ToString("N", null) == g.ToString("N") && parsed && back == id &&
            Parse<SubscriptionId>(id.ToString()) == id && id.IsEmpty == (g == Guid.Empty) && id.Value == g;

        static T Parse<T>(string s)
            where T : ISpanParsable<T> => T.Parse(s.AsSpan(), null);
    }

    [Fact]
    public void TryParse_Failure_LeavesTheEmptyIdentifier()
    {
        Assert.False(TenantId.TryParse("8174a7b1-dbd4-4092-b82e-f8b1b6e91f4g", out var id));
        Assert.True(id.IsEmpty);
        Assert.False(TenantId.TryParse((string?)null, out _));
    }

    [Property(MaxTest = 200)]
    public bool ManifestVersion_Operators_FollowCompareTo(byte a1, byte a2, byte a3, byte b1, byte b2, byte b3)
    {
        ManifestVersion x = new(a1 % 3, a2 % 3, a3 % 3), y = new(b1 % 3, b2 % 3, b3 % 3); // 27 values: equal pairs are common
        var c = x.CompareTo(y);
        return (x == y) == (c == 0) && (x != y) == (c != 0) && (x < y) == (c < 0) && (x <= y) == (c <= 0) &&
            (x > y) == (c > 0) && (x >= y) == (c >= 0) && (x == y) == x.Equals(y);
    }
}
