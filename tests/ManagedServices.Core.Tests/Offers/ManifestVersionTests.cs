using ManagedServices.Offers;

namespace ManagedServices.Tests.Offers;

public class ManifestVersionTests
{
    [Theory]
    [InlineData("1.0.0", 1, 0, 0)]
    [InlineData("1.2.5", 1, 2, 5)]
    [InlineData("10.20.300", 10, 20, 300)]
    public void TryParse_Valid(string text, int major, int minor, int patch)
    {
        Assert.True(ManifestVersion.TryParse(text, out var v));
        Assert.Equal(new ManifestVersion(major, minor, patch), v);
        Assert.Equal(text, v.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.0")]
    [InlineData("1.0.0.0")]
    [InlineData("1..0")]
    [InlineData("v1.0.0")]
    [InlineData("1.0.0-beta")]
    [InlineData("+1.0.0")]
    [InlineData(" 1.0.0")]
    [InlineData("1.0.99999999999")]
    [InlineData("١.٠.٠")]
    public void TryParse_Invalid(string text) => Assert.False(ManifestVersion.TryParse(text, out _));

    [Fact]
    public void Ordering_IsNumeric()
    {
        Assert.True(ManifestVersion.Parse("1.10.0") > ManifestVersion.Parse("1.9.9"));
        Assert.True(ManifestVersion.Parse("2.0.0") > ManifestVersion.Parse("1.99.99"));
    }
}
