using System.Runtime.CompilerServices;
using Locksmith.Weaving;

namespace Locksmith.Tests.Weaving;

/// <summary>The one rule every invoker uses to tell a woven method's return types apart.</summary>
public sealed class ReturnShapeTests
{
    // The kind travels by name: a public test method cannot take the internal enum.
    public static TheoryData<Type, string, Type?> Shapes() => new()
    {
        { typeof(void), nameof(ReturnKind.Void), null },
        { typeof(Task), nameof(ReturnKind.Task), null },
        { typeof(Task<int>), nameof(ReturnKind.TaskOfT), typeof(int) },
        { typeof(ValueTask), nameof(ReturnKind.ValueTask), null },
        { typeof(ValueTask<string>), nameof(ReturnKind.ValueTaskOfT), typeof(string) },
        { typeof(int), nameof(ReturnKind.Value), typeof(int) },
        { typeof(List<Task<int>>), nameof(ReturnKind.Value), typeof(List<Task<int>>) },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Each_return_type_has_its_kind_and_result(Type returnType, string kind, Type? resultType) =>
        Assert.Equal(new ReturnShape(Enum.Parse<ReturnKind>(kind), resultType), ReturnShape.Of(returnType));

    /// <summary>Nothing awaits these, so they are plain values: the lock wrapper returns them, the queued call needs AwaitResult.</summary>
    [Theory]
    [InlineData(typeof(IAsyncEnumerable<int>))]
    [InlineData(typeof(ConfiguredTaskAwaitable))]
    [InlineData(typeof(YieldAwaitable))]
    [InlineData(typeof(TaskCompletionSource<int>))]
    public void An_unsupported_awaitable_is_a_plain_value(Type returnType) =>
        Assert.Equal(new ReturnShape(ReturnKind.Value, returnType), ReturnShape.Of(returnType));
}
