using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Locksmith.Keys;
using Locksmith.Queues;

namespace Locksmith.Weaving;

/// <summary>
/// Everything about one <see cref="QueuedByAttribute"/> method that does not change between calls: its queue, its id on
/// the wire, the compiled partition key, where its cancellation token is, and how to wrap its return type.
/// </summary>
internal sealed class QueuePlan
{
    private static readonly ConcurrentDictionary<MethodBase, QueuePlan> Plans = new();

    private readonly Type[] _parameterTypes;
    private Resolution? _resolved;

    private QueuePlan(MethodBase method, QueuedByAttribute attribute)
    {
        Method = method;
        Attribute = attribute;
        Where = $"[QueuedBy] on {method.DeclaringType?.FullName}.{method.Name}";
        QueueNames.Validate(attribute.Queue, Where);
        var parameters = method.GetParameters();
        _parameterTypes = [.. parameters.Select(p => p.ParameterType)];
        MethodId = QueuedMethodId.For(method.DeclaringType!, method.Name, _parameterTypes);
        CancellationTokenIndex = Array.FindIndex(_parameterTypes, t => t == typeof(CancellationToken));
        PartitionKey = attribute.PartitionKey is null ? null : CompiledKeyTemplate.Bind(KeyTemplate.Parse(attribute.PartitionKey, Where), method, Where);
        Call = QueuedCallInvoker.For(this, method is MethodInfo info ? info.ReturnType : typeof(void));
        if (method.GetCustomAttribute<AsyncStateMachineAttribute>() is not null && Call is QueuedCallInvoker.Void)
        {
            throw new NotSupportedException($"{Where}: the method is async void, so its caller could not know whether the call was enqueued. Return Task instead.");
        }
    }

    public MethodBase Method { get; }

    public QueuedByAttribute Attribute { get; }

    public string Where { get; }

    public string MethodId { get; }

    public int CancellationTokenIndex { get; }

    public CompiledKeyTemplate? PartitionKey { get; }

    public QueuedCallInvoker Call { get; }

    public static QueuePlan For(MethodBase method) =>
        Plans.TryGetValue(method, out var plan) ? plan : Plans.GetOrAdd(method, static m => new QueuePlan(m, m.GetCustomAttribute<QueuedByAttribute>()!));

    public CancellationToken CallerToken(object?[] args) =>
        CancellationTokenIndex >= 0 ? (CancellationToken)args[CancellationTokenIndex]! : CancellationToken.None;

    /// <summary>
    /// The queue as <paramref name="runtime"/> sees it (its queue services and the settings with the attribute's own
    /// values on top), worked out once per runtime.
    /// </summary>
    public Resolution Resolve(LocksmithRuntime runtime)
    {
        var resolved = Volatile.Read(ref _resolved);
        if (resolved is null || !ReferenceEquals(resolved.Runtime, runtime))
        {
            var queues = QueueRuntime.Of(runtime);
            resolved = new Resolution(runtime, queues, queues.Router.Settings(Attribute.Queue, Attribute));
            Volatile.Write(ref _resolved, resolved);
        }

        return resolved;
    }

    /// <summary>Writes the call as an item: arguments as a JSON array (null in a cancellation token's place) and the partition key.</summary>
    public QueueMessage CreateMessage(JsonSerializerOptions serializer, object?[] args)
    {
        string? key;
        try
        {
            key = PartitionKey?.Format(args);
        }
        catch (KeyTemplateException e)
        {
            throw new QueueArgumentException($"{e.Message} Nothing was enqueued.", e);
        }

        // One buffer and writer per thread, reused: a fresh pair per call cost more than the whole XADD. A converter that
        // itself makes a queued call finds the pair in use and gets its own.
        var scratch = t_scratch is { InUse: false } reusable ? reusable : new ArgumentWriter();
        t_scratch = scratch;
        scratch.InUse = true;
        try
        {
            var writer = scratch.Start();
            writer.WriteStartArray();
            for (var i = 0; i < args.Length; i++)
            {
                if (_parameterTypes[i] == typeof(CancellationToken))
                {
                    writer.WriteNullValue();
                    continue;
                }

                try
                {
                    JsonSerializer.Serialize(writer, args[i], _parameterTypes[i], serializer);
                }
                catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
                {
                    var parameter = Method.GetParameters()[i];
                    throw new QueueArgumentException(
                        $"{Where}: argument '{parameter.Name}' ({parameter.ParameterType.FullName}) cannot be written to the queue with System.Text.Json: {e.Message} " +
                        "Nothing was enqueued. Pass plain data (ids, strings, numbers, records of them), or configure LocksmithQueueOptions.Serializer (b.ConfigureQueueDefaults) with a converter.", e);
                }
            }

            writer.WriteEndArray();
            writer.Flush();
            return new QueueMessage(QueueMessage.NewId(), Attribute.Queue, MethodId, scratch.Written.ToArray(), key, Attribute.AwaitResult);
        }
        finally
        {
            scratch.InUse = false;
            if (scratch.Capacity > 1 << 20)
            {
                // One huge argument should not pin a megabyte per thread for the life of the process.
                t_scratch = null;
            }
        }
    }

    [ThreadStatic]
    private static ArgumentWriter? t_scratch;

    /// <summary>A reusable buffer and JSON writer for one thread's argument arrays.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Lives as long as its thread; the writer holds no unmanaged resources and is reset, not disposed, between uses.")]
    private sealed class ArgumentWriter
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(1024);
        private Utf8JsonWriter? _writer;

        public bool InUse { get; set; }

        public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

        public int Capacity => _buffer.Capacity;

        public Utf8JsonWriter Start()
        {
            _buffer.ResetWrittenCount();
            if (_writer is null)
            {
                _writer = new Utf8JsonWriter(_buffer);
            }
            else
            {
                _writer.Reset(_buffer);
            }

            return _writer;
        }
    }

    /// <summary>The queue in one runtime: its queue services and the method's settings.</summary>
    internal sealed record Resolution(LocksmithRuntime Runtime, QueueRuntime Queues, QueueOptions Options);
}
