namespace Locksmith.Tests.Keys;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:30", 30_000)]
    [InlineData("0", 0)]
    [InlineData(" 10S ", 10_000)]
    public void Parses_the_documented_forms(string text, double milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Fact]
    public void Infinite_means_wait_forever()
    {
        Assert.True(DurationParser.TryParse("infinite", out var value));
        Assert.Equal(Timeout.InfiniteTimeSpan, value);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("10 parsecs")]
    [InlineData("NaNs")]
    public void Rejects_anything_else_naming_the_property(string text)
    {
        var ex = Assert.Throws<FormatException>(() => DurationParser.Parse(text, "WaitTimeout", "[DistributedLock] on X.Y"));
        Assert.Contains("WaitTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("X.Y", ex.Message, StringComparison.Ordinal);
    }
}
