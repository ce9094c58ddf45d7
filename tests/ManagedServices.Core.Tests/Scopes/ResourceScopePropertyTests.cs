using FsCheck.Xunit;

namespace ManagedServices.Tests.Scopes;

[Properties(Arbitrary = [typeof(ScopeArbitraries)], MaxTest = 300)]
public class ResourceScopePropertyTests
{
    [Property]
    public bool FormatThenParse_RoundTrips(ResourceScope scope) =>
        ResourceScope.Parse(scope.ToString()) == scope && ResourceScope.Parse(scope.ToString()).ToString() == scope.ToString();

    [Property]
    public bool Contains_IsReflexive(ResourceScope scope) => scope.Contains(scope);

    [Property]
    public bool Contains_IsAntisymmetric(ResourceScope a, ResourceScope b) =>
        !(a.Contains(b) && b.Contains(a)) || a == b;

    [Property]
    public bool Contains_IsTransitive(ResourceScope a, ResourceScope b, ResourceScope c) =>
        !(a.Contains(b) && b.Contains(c)) || a.Contains(c);

    [Property]
    public bool Contains_IgnoresLetterCase(ResourceScope a, ResourceScope b)
    {
        var upperA = ResourceScope.Parse(a.ToString().ToUpperInvariant());
        var lowerB = ResourceScope.Parse(b.ToString().ToLowerInvariant());
        return a.Contains(b) == upperA.Contains(lowerB) && upperA == a && upperA.GetHashCode() == a.GetHashCode();
    }

    [Property]
    public bool Parent_ContainsChild(ResourceScope scope) =>
        scope.Parent is not { } parent || (parent.Contains(scope) && parent != scope && !scope.Contains(parent));

    [Property]
    public bool Contains_AgreesWithSegmentPrefix(ResourceScope a, ResourceScope b)
    {
        var sa = a.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
        var sb = b.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
        var prefix = sa.Length <= sb.Length && sa.Zip(sb).All(p => string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
        return a.Contains(b) == prefix;
    }
}
