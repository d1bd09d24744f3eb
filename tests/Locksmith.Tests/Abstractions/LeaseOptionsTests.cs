namespace Locksmith.Tests.Abstractions;

public sealed class LeaseOptionsTests
{
    public static TheoryData<LockOptions, bool> Boundaries() => new()
    {
        { new LockOptions(), true },
        { new LockOptions { Ttl = TimeSpan.FromMilliseconds(1) }, true },
        { new LockOptions { Ttl = TimeSpan.FromTicks(9_999) }, false },
        { new LockOptions { Ttl = TimeSpan.Zero }, false },
        { new LockOptions { Ttl = Timeout.InfiniteTimeSpan }, false },
        { new LockOptions { WaitTimeout = TimeSpan.Zero }, true },
        { new LockOptions { WaitTimeout = Timeout.InfiniteTimeSpan }, true },
        { new LockOptions { WaitTimeout = TimeSpan.FromMilliseconds(-2) }, false },
        { new LockOptions { RenewInterval = TimeSpan.FromSeconds(29) }, true },
        { new LockOptions { RenewInterval = TimeSpan.FromSeconds(30) }, false },
        { new LockOptions { RenewInterval = TimeSpan.Zero }, false },
        { new LockOptions { MaxHoldTime = TimeSpan.FromTicks(1) }, true },
        { new LockOptions { MaxHoldTime = TimeSpan.Zero }, false },
        { new LockOptions { Ttl = TimeSpan.Zero, WaitTimeout = TimeSpan.FromSeconds(-5), MaxHoldTime = TimeSpan.Zero }, false },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void IsValid_agrees_with_the_problems_Validate_reports(LockOptions options, bool valid)
    {
        Assert.Equal(valid, options.IsValid);
        Assert.Equal(valid, !options.GetProblems("options").Any());
    }

    [Fact]
    public void Validate_names_every_broken_rule_once()
    {
        var options = new LockOptions { Ttl = TimeSpan.Zero, WaitTimeout = TimeSpan.FromSeconds(-5), MaxHoldTime = TimeSpan.Zero, RenewInterval = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentException>(() => options.Validate("LockOptions"));

        Assert.Equal(4, error.Message.Split(Environment.NewLine).Length);
        Assert.Contains("LockOptions.Ttl is 00:00:00;", error.Message, StringComparison.Ordinal);
        Assert.Contains("LockOptions.MaxHoldTime is 00:00:00;", error.Message, StringComparison.Ordinal);
    }
}
