using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ManagedServices.Tests.Offers;

public class IsoDurationTests
{
    [Theory]
    [InlineData(8 * 60, "PT8H")]
    [InlineData(30, "PT30M")]
    [InlineData(6 * 60 + 30, "PT6H30M")]
    [InlineData(24 * 60, "PT24H")]
    [InlineData(49 * 60 + 1, "PT49H1M")]
    [InlineData(0, "PT0S")]
    public void Format_UsesHoursNeverDays(int minutes, string expected) =>
        Assert.Equal(expected, IsoDuration.Format(TimeSpan.FromMinutes(minutes)));

    [Theory]
    [InlineData("PT8H", 480)]
    [InlineData("PT30M", 30)]
    [InlineData("P1D", 1440)]
    [InlineData("P1DT2H", 1560)]
    [InlineData("PT1H30M", 90)]
    [InlineData("PT90S", 1.5)]
    [InlineData("PT0.5S", 0.5 / 60)]
    public void TryParse_Valid(string text, double minutes)
    {
        Assert.True(IsoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMinutes(minutes), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("8H")]
    [InlineData("PT8")]
    [InlineData("PT30M8H")]
    [InlineData("P1H")]
    [InlineData("PT1.5H")]
    [InlineData("pt8h")]
    [InlineData("PT-8H")]
    [InlineData("PT99999999999999999999999999H")]
    public void TryParse_Invalid(string text) => Assert.False(IsoDuration.TryParse(text, out _));

    [Fact]
    public void FormatThenParse_RoundTrips_ForWholeSeconds()
    {
        for (var seconds = 0; seconds < 200_000; seconds += 997)
        {
            var value = TimeSpan.FromSeconds(seconds);
            Assert.True(IsoDuration.TryParse(IsoDuration.Format(value), out var back));
            Assert.Equal(value, back);
        }
    }

    [Fact]
    public void Format_ExtremeValues_AreExact()
    {
        Assert.Equal("PT256204778H48M5.4775807S", IsoDuration.Format(TimeSpan.MaxValue));
        Assert.Equal("-PT256204778H48M5.4775808S", IsoDuration.Format(TimeSpan.MinValue));
        Assert.Equal("PT0.0000001S", IsoDuration.Format(TimeSpan.FromTicks(1)));
        Assert.Equal("-PT30M", IsoDuration.Format(TimeSpan.FromMinutes(-30)));
    }

    /// <summary>Any duration from zero to the parser's limit (a century) formats to text that parses back to exactly the same value.</summary>
    [Property(MaxTest = 1000)]
    public Property FormatThenParse_RoundTrips_ForAnyTicks() => Prop.ForAll(
        Gen.OneOf(
            Gen.Choose(0, int.MaxValue).Select(static t => (long)t),
            from days in Gen.Choose(0, (100 * 365) - 1)
            from ticks in Gen.Choose(0, int.MaxValue)
            select (days * TimeSpan.TicksPerDay) + ticks).ToArbitrary(),
        static ticks =>
        {
            var value = TimeSpan.FromTicks(ticks);
            return IsoDuration.TryParse(IsoDuration.Format(value), out var back) && back == value;
        });
}
