using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ManagedServices.Tests.Scopes;

/// <summary><see cref="ResourceScope.Read"/>: the result-returning parse agrees with <c>Parse</c> and <c>TryParse</c>.</summary>
public class ResourceScopeReadTests
{
    [Theory]
    [InlineData("/subscriptions/6C1B8A2E-0000-4000-8000-000000000001/resourcegroups/rg1")]
    [InlineData("/")]
    public void Read_ValidScope_IsTheParsedScope(string text)
    {
        var read = ResourceScope.Read(text, "scope");

        Assert.False(read.HasErrors);
        Assert.Empty(read.Diagnostics);
        Assert.Equal(ResourceScope.Parse(text), read.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/subscriptions/x/resourceGroups/../rg")]
    [InlineData("/subscriptions/6c1b8a2e-0000-4000-8000-000000000001/resourceGroups/rg 1")]
    public void Read_InvalidScope_IsOneInvalidScopeErrorWithTheReason(string? text)
    {
        var read = ResourceScope.Read(text, "scopes[2]");

        var error = Assert.Single(read.Errors);
        Assert.Equal(DiagnosticCodes.InvalidScope, error.Code);
        Assert.Equal("scopes[2]", error.Path);
        Assert.False(ResourceScope.TryParse(text, out _, out var reason));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(default, read.Value);
        Assert.Throws<DiagnosticsException>(() => read.GetValueOrThrow());
    }

    [Property(MaxTest = 500)]
    public Property Read_AgreesWithTryParse() =>
        Prop.ForAll(
            Gen.Elements("/", "/subscriptions/", "6c1b8a2e-0000-4000-8000-000000000001", "resourceGroups", "rg", "/", "..", " ", "*", "providers", "%2F")
                .ArrayOf().Select(parts => string.Concat(parts)).ToArbitrary(),
            text =>
            {
                var read = ResourceScope.Read(text);
                var parsed = ResourceScope.TryParse(text, out var scope, out _);
                return (!read.HasErrors == parsed && (!parsed || read.Value == scope) && read.Diagnostics.Length == (parsed ? 0 : 1)).Label(text);
            });
}
