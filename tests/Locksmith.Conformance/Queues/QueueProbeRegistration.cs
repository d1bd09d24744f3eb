using Locksmith.Queues;

namespace Locksmith.Conformance.Queues;

/// <summary>TEMPORARY: registers the probe's methods as the generator will.</summary>
internal static class QueueProbeRegistration
{
    public static void Register()
    {
        Add(nameof(QueueProbe.WorkAsync), [typeof(string), typeof(int), typeof(CancellationToken)], null,
            async (i, a, ct) => { await ((QueueProbe)i!).WorkAsync(a.Get<string>(0), a.Get<int>(1), ct).ConfigureAwait(false); return null; });
        Add(nameof(QueueProbe.AddAsync), [typeof(int), typeof(int)], typeof(Receipt),
            async (i, a, ct) => await ((QueueProbe)i!).AddAsync(a.Get<int>(0), a.Get<int>(1)).ConfigureAwait(false));
        Add(nameof(QueueProbe.FailAsync), [typeof(string)], typeof(Receipt),
            async (i, a, ct) => await ((QueueProbe)i!).FailAsync(a.Get<string>(0)).ConfigureAwait(false));
        Add(nameof(QueueProbe.PoisonAsync), [typeof(string)], null,
            async (i, a, ct) => { await ((QueueProbe)i!).PoisonAsync(a.Get<string>(0)).ConfigureAwait(false); return null; });
        Add(nameof(QueueProbe.ChainAsync), [typeof(string), typeof(bool)], null,
            async (i, a, ct) => { await ((QueueProbe)i!).ChainAsync(a.Get<string>(0), a.Get<bool>(1)).ConfigureAwait(false); return null; });
        Add(nameof(QueueProbe.NextAsync), [typeof(string)], null,
            async (i, a, ct) => { await ((QueueProbe)i!).NextAsync(a.Get<string>(0)).ConfigureAwait(false); return null; });
    }

    private static void Add(string name, Type[] parameters, Type? result, QueuedInvoker invoker)
    {
        var method = typeof(QueueProbe).GetMethod(name)!;
        var attribute = (QueuedByAttribute)Attribute.GetCustomAttribute(method, typeof(QueuedByAttribute))!;
        QueuedMethodRegistry.Register(new QueuedMethod(typeof(QueueProbe), name, parameters, result, false, attribute, invoker));
    }
}
