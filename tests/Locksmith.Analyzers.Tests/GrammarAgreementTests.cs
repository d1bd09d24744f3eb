using System.Reflection;
using Locksmith.Analyzers.Infrastructure;

namespace Locksmith.Analyzers.Tests;

/// <summary>
/// The analyzers restate two runtime grammars for netstandard2.0 (durations and key templates); these tests hold the
/// copies to the runtime's own parsers, so a change to one that is not made to the other fails here.
/// </summary>
public class GrammarAgreementTests
{
    private static readonly Assembly Runtime = typeof(DistributedLockAttribute).Assembly;

    [Theory]
    [InlineData("250ms")]
    [InlineData("30s")]
    [InlineData("2m")]
    [InlineData("1h")]
    [InlineData("1.5s")]
    [InlineData("00:00:30")]
    [InlineData("0")]
    [InlineData("infinite")]
    [InlineData(" Infinite ")]
    [InlineData("-5s")]
    [InlineData("forever")]
    [InlineData("30")]
    [InlineData("1d")]
    [InlineData("")]
    public void Duration_parser_agrees_with_the_runtime(string text)
    {
        var parse = Runtime.GetType("Locksmith.DurationParser", throwOnError: true)!.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static)!;
        object?[] args = [text, null];
        var runtimeOk = (bool)parse.Invoke(null, args)!;
        var analyzer = DurationText.Parse(text);
        Assert.Equal(runtimeOk, analyzer is not null);
        if (runtimeOk)
        {
            var runtime = (TimeSpan)args[1]!;
            var expected = runtime == Timeout.InfiniteTimeSpan ? double.PositiveInfinity : runtime.TotalMilliseconds;
            Assert.Equal(expected, analyzer!.Value, 3);
        }
    }

    [Theory]
    [InlineData("stock:{sku}")]
    [InlineData("{order.CustomerId}:{day:yyyy-MM-dd}")]
    [InlineData("{{literal}}")]
    [InlineData("{ sku }")]
    [InlineData("{@class}")]
    [InlineData("stock:{sku")]
    [InlineData("stock}")]
    [InlineData("{a-b}")]
    [InlineData("{a. b}")]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("  ")]
    public void Key_template_parser_agrees_with_the_runtime(string template)
    {
        var parse = Runtime.GetType("Locksmith.Keys.KeyTemplate", throwOnError: true)!.GetMethod("Parse", BindingFlags.Public | BindingFlags.Static)!;
        bool runtimeOk;
        try
        {
            parse.Invoke(null, [template, "test"]);
            runtimeOk = true;
        }
        catch (TargetInvocationException e) when (e.InnerException is KeyTemplateException)
        {
            runtimeOk = false;
        }

        Assert.Equal(runtimeOk, KeyTemplateSyntax.Parse(template).Error is null);
    }
}
