using System.Reflection;
using Locksmith.Queues;

namespace Locksmith.Generators.Tests;

/// <summary>
/// Compiles services with [QueuedBy] methods, loads them next to the real Locksmith, lets their module initializer fill
/// the registry, and calls the registered invokers as a consumer would.
/// </summary>
public sealed class QueuedRegistryExecutionTests
{
    // One namespace for this class: the registry is process-wide, ids are type names.
    private const string Ns = "QueuedRegistryExecution";

    private static readonly Lazy<Assembly> Services = new(() => QueuedRegistryHarness.Load(
        QueuedRegistryHarness.Run(QueuedRegistryHarness.Compilation("QueuedRegistryExecutionServices", QueuedRegistryHarness.Usings + """
            namespace QueuedRegistryExecution;

            public sealed record Order(string Id, int Quantity);

            public sealed class Shipping
            {
                private readonly List<object?> _calls;

                public Shipping(List<object?> calls) => _calls = calls;

                [QueuedBy("orders", PartitionKey = "{order.Id}", MaxAttempts = 4)]
                public async Task ShipAsync(Order order, CancellationToken ct, int priority)
                {
                    await Task.Yield();
                    _calls.Add(order.ToString());
                    _calls.Add(ct);
                    _calls.Add(priority);
                }

                [QueuedBy("totals", AwaitResult = true, MaxConcurrency = 3)]
                public async Task<int> SumAsync(int[] values, CancellationToken ct)
                {
                    await Task.Delay(1, ct);
                    return values.Sum();
                }

                [QueuedBy("cache")]
                public ValueTask TouchAsync(string key)
                {
                    _calls.Add(key);
                    return default;
                }

                [QueuedBy("cache", AwaitResult = true)]
                public async ValueTask<string?> EchoAsync(string? text)
                {
                    await Task.Yield();
                    return text is null ? null : text + "!";
                }

                [QueuedBy("audit")]
                public void Record(string? line, long at)
                {
                    _calls.Add(line);
                    _calls.Add(at);
                }

                [QueuedBy("audit", AwaitResult = true)]
                public Order Make(string id) => new(id, 1);

                [QueuedBy("fail")]
                public Task FailAsync(string message) => throw new InvalidOperationException(message);

                [QueuedBy("fail")]
                public async Task FailLaterAsync(string message)
                {
                    await Task.Yield();
                    throw new InvalidOperationException(message);
                }

                [QueuedBy("fail")]
                public void FailNow(string message) => throw new InvalidOperationException(message);

                [QueuedBy("overloads")]
                public void Log(int value) => _calls.Add(value);

                [QueuedBy("overloads")]
                public void Log(string value) => _calls.Add(value);
            }

            public static class Calculator
            {
                [QueuedBy("math", AwaitResult = true)]
                public static int Add(int a, int b) => a + b;
            }

            public static class Escapes
            {
                [QueuedBy("q\"uote\\back\nline", PartitionKey = "{a}\u00e9\t")]
                public static void Run() { }
            }
            """)).Output));

    private static readonly int[] OneTwoThree = [1, 2, 3];

    private readonly List<object?> _calls = [];

    public QueuedRegistryExecutionTests()
    {
        // Compiling and loading the services runs their module initializer, once for the whole class.
        _ = Services.Value;
    }

    [Fact]
    public void The_module_initializer_registers_every_method_with_its_types_and_attribute()
    {
        var assembly = Services.Value;
        var order = assembly.GetType(Ns + ".Order", throwOnError: true)!;
        var shipping = assembly.GetType(Ns + ".Shipping", throwOnError: true)!;

        var ship = QueuedRegistryHarness.Registered($"{Ns}.Shipping.ShipAsync({Ns}.Order,System.Int32)");
        Assert.Same(shipping, ship.DeclaringType);
        Assert.Equal("ShipAsync", ship.MethodName);
        Assert.Equal([order, typeof(CancellationToken), typeof(int)], ship.ParameterTypes);
        Assert.Null(ship.ResultType);
        Assert.False(ship.IsStatic);
        Assert.Equal(("orders", "{order.Id}", false, 4, 0), (ship.Attribute.Queue, ship.Attribute.PartitionKey, ship.Attribute.AwaitResult, ship.Attribute.MaxAttempts, ship.Attribute.MaxConcurrency));

        var sum = QueuedRegistryHarness.Registered($"{Ns}.Shipping.SumAsync(System.Int32[])");
        Assert.Equal(typeof(int), sum.ResultType);
        Assert.Equal(("totals", null, true, 0, 3), (sum.Attribute.Queue, sum.Attribute.PartitionKey, sum.Attribute.AwaitResult, sum.Attribute.MaxAttempts, sum.Attribute.MaxConcurrency));

        Assert.Equal(typeof(string), QueuedRegistryHarness.Registered($"{Ns}.Shipping.EchoAsync(System.String)").ResultType);
        Assert.Same(order, QueuedRegistryHarness.Registered($"{Ns}.Shipping.Make(System.String)").ResultType);
        Assert.True(QueuedRegistryHarness.Registered($"{Ns}.Calculator.Add(System.Int32,System.Int32)").IsStatic);
        Assert.Equal(13, QueuedMethodRegistry.Methods.Count(m => m.DeclaringType.Assembly == assembly));
    }

    [Fact]
    public void String_arguments_of_the_attribute_keep_their_quotes_backslashes_and_control_characters()
    {
        var method = QueuedRegistryHarness.Registered($"{Ns}.Escapes.Run()");

        Assert.Equal("q\"uote\\back\nline", method.Attribute.Queue);
        Assert.Equal("{a}\u00e9\t", method.Attribute.PartitionKey);
    }

    [Fact]
    public async Task A_Task_method_gets_each_argument_by_its_position_and_the_consumers_token_in_between()
    {
        using var cts = new CancellationTokenSource();
        var order = System.Text.Json.JsonDocument.Parse("""{"Id":"A-1","Quantity":2}""").RootElement;

        var result = await Invoke($"Shipping.ShipAsync({Ns}.Order,System.Int32)", cts.Token, order, CancellationToken.None, 7);

        Assert.Null(result);
        Assert.Equal(["Order { Id = A-1, Quantity = 2 }", cts.Token, 7], _calls);
    }

    [Fact]
    public async Task A_Task_of_int_method_returns_its_int()
    {
        Assert.Equal(6, await Invoke("Shipping.SumAsync(System.Int32[])", CancellationToken.None, OneTwoThree, CancellationToken.None));
    }

    [Fact]
    public async Task The_consumers_token_reaches_the_body_and_cancels_it()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Invoke("Shipping.SumAsync(System.Int32[])", cts.Token, OneTwoThree, CancellationToken.None));
    }

    [Fact]
    public async Task ValueTask_and_ValueTask_of_T_methods_complete_with_null_and_their_result()
    {
        Assert.Null(await Invoke("Shipping.TouchAsync(System.String)", CancellationToken.None, "k1"));
        Assert.Equal("hi!", await Invoke("Shipping.EchoAsync(System.String)", CancellationToken.None, "hi"));
        Assert.Null(await Invoke("Shipping.EchoAsync(System.String)", CancellationToken.None, [null]));
        Assert.Equal(["k1"], _calls);
    }

    [Fact]
    public async Task A_void_method_runs_synchronously_and_returns_null()
    {
        var pending = Invoke("Shipping.Record(System.String,System.Int64)", CancellationToken.None, null, 42L);

        Assert.True(pending.IsCompletedSuccessfully);
        Assert.Null(await pending);
        Assert.Equal([null, 42L], _calls);
    }

    [Fact]
    public async Task A_synchronous_result_is_returned_boxed()
    {
        var made = await Invoke("Shipping.Make(System.String)", CancellationToken.None, "B-2");

        Assert.Equal("Order { Id = B-2, Quantity = 1 }", made?.ToString());
    }

    [Fact]
    public async Task A_static_method_is_called_without_a_service()
    {
        var add = QueuedRegistryHarness.Registered($"{Ns}.Calculator.Add(System.Int32,System.Int32)");

        Assert.Equal(5, await add.Invoker(null, QueuedRegistryHarness.Arguments(2, 3), CancellationToken.None));
    }

    [Fact]
    public async Task Overloads_are_registered_apart_and_each_calls_its_own_body()
    {
        await Invoke("Shipping.Log(System.Int32)", CancellationToken.None, 1);
        await Invoke("Shipping.Log(System.String)", CancellationToken.None, "one");

        Assert.Equal([1, "one"], _calls);
    }

    [Theory]
    [InlineData("Shipping.FailAsync(System.String)")]
    [InlineData("Shipping.FailLaterAsync(System.String)")]
    [InlineData("Shipping.FailNow(System.String)")]
    public async Task An_exception_thrown_by_the_body_reaches_the_consumer(string method)
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Invoke(method, CancellationToken.None, "boom"));

        Assert.Equal("boom", e.Message);
    }

    [Fact]
    public async Task An_argument_of_the_wrong_type_fails_with_the_registrys_message()
    {
        await Assert.ThrowsAsync<QueueArgumentException>(async () =>
            await Invoke("Shipping.SumAsync(System.Int32[])", CancellationToken.None, "not an array", CancellationToken.None));
    }

    private ValueTask<object?> Invoke(string method, CancellationToken cancellationToken, params object?[] arguments)
    {
        var registered = QueuedRegistryHarness.Registered(Ns + "." + method);
        var service = Activator.CreateInstance(registered.DeclaringType, _calls);
        return registered.Invoker(service, QueuedRegistryHarness.Arguments(arguments), cancellationToken);
    }
}
