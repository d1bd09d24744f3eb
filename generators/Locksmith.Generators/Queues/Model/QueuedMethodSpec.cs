using Locksmith.Generators.Model;

namespace Locksmith.Generators.Queues.Model
{
    /// <summary>
    /// Everything the emitter needs to register one queued method, as C# text and primitives, so an unchanged method is
    /// cached across runs.
    /// </summary>
    /// <param name="DeclaringType">The containing type, fully qualified (<c>global::Shop.OrderService</c>).</param>
    /// <param name="MethodName">The method's metadata name, as the runtime sees it.</param>
    /// <param name="CallName">The method's name as written in a call (<c>@event</c> for a keyword).</param>
    /// <param name="IsStatic">Whether the method is static: called on the type, with no service.</param>
    /// <param name="Parameters">Every parameter, in order.</param>
    /// <param name="Returns">How the method's result is awaited and boxed.</param>
    /// <param name="ResultType">The result's type for <c>typeof</c>, or null when the method has none.</param>
    /// <param name="Attribute">The C# expression rebuilding the method's <c>QueuedByAttribute</c>.</param>
    /// <param name="Id">The name the runtime gives the method's items, in C# type names: equal ids are equal runtime ids.</param>
    /// <param name="Display">The method as diagnostics and the generated comment name it.</param>
    /// <param name="Location">Where the method is named in source.</param>
    internal sealed record QueuedMethodSpec(
        string DeclaringType,
        string MethodName,
        string CallName,
        bool IsStatic,
        EquatableArray<QueuedParameterSpec> Parameters,
        ReturnKind Returns,
        string? ResultType,
        string Attribute,
        string Id,
        string Display,
        SourceLocationSpec Location);
}
