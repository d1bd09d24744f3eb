using System.Globalization;
using System.Reflection;
using Locksmith.Keys;

namespace Locksmith.Tests.Keys;

public sealed class KeyTemplateTests
{
    private const string Where = "[DistributedLock] on Tests.M";

    [Theory]
    [InlineData("stock:{sku}", "stock:ABC")]
    [InlineData("{sku}", "ABC")]
    [InlineData("literal", "literal")]
    [InlineData("a{{b}}c:{sku}", "a{b}c:ABC")]
    [InlineData("{order.Customer.Name}/{sku}", "Ann/ABC")]
    [InlineData("{order.Id:D5}", "00042")]
    [InlineData("{when:yyyy-MM-dd}", "2026-11-24")]
    [InlineData("{amount}", "1234.5")]
    [InlineData("{kind}", "Express")]
    [InlineData("{maybe}", "7")]
    public void Formats_parameters_and_member_paths_with_the_invariant_culture(string template, string expected)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
        try
        {
            Assert.Equal(expected, Compile(template).Format(Args()));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData("stock:{sku", "never closed")]
    [InlineData("stock:sku}", "unmatched '}'")]
    [InlineData("stock:{}", "is not a parameter name")]
    [InlineData("stock:{1abc}", "is not a parameter name")]
    [InlineData("stock:{order..Id}", "is not a parameter name")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    public void Malformed_templates_fail_with_the_position_and_a_fix(string template, string expected)
    {
        var ex = Assert.Throws<KeyTemplateException>(() => Compile(template));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(Where, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_parameter_lists_the_parameters_the_method_has()
    {
        var ex = Assert.Throws<KeyTemplateException>(() => Compile("{skew}"));

        Assert.Contains("no parameter named 'skew'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sku, order, when, amount, kind, maybe", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_member_on_the_path_is_reported_with_its_path()
    {
        var template = Compile("{order.Customer.Name}");
        var args = Args();
        args[1] = new Order(1, null);

        var ex = Assert.Throws<KeyTemplateException>(() => template.Format(args));

        Assert.Contains("order.Customer was null", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_nullable_value_is_reported()
    {
        var template = Compile("{maybe}");
        var args = Args();
        args[5] = null;

        Assert.Throws<KeyTemplateException>(() => template.Format(args));
    }

    private static object?[] Args() =>
        ["ABC", new Order(42, new Customer("Ann")), new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc), 1234.5m, ShippingKind.Express, (int?)7];

    private static CompiledKeyTemplate Compile(string template) =>
        CompiledKeyTemplate.Bind(KeyTemplate.Parse(template, Where), typeof(KeyTemplateTests).GetMethod(nameof(Target), BindingFlags.NonPublic | BindingFlags.Static)!, Where);

    private static void Target(string sku, Order order, DateTime when, decimal amount, ShippingKind kind, int? maybe)
    {
    }

    public sealed record Customer(string Name);

    public sealed record Order(int Id, Customer? Customer);

    public enum ShippingKind
    {
        Standard,
        Express,
    }
}
