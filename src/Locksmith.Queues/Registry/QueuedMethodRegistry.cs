using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Locksmith.Queues;

/// <summary>
/// Every queued method of the loaded assemblies, filled by module initializers the Locksmith generator writes into
/// each project that declares <see cref="QueuedByAttribute"/> methods. Consumers read it instead of scanning types.
/// </summary>
public static class QueuedMethodRegistry
{
    private static readonly ConcurrentDictionary<string, QueuedMethod> ById = new(StringComparer.Ordinal);

    /// <summary>The registered methods.</summary>
    public static IReadOnlyCollection<QueuedMethod> Methods
    {
        get
        {
            LoadEntryAssemblies();
            return [.. ById.Values];
        }
    }

    /// <summary>Adds a method; called by generated module initializers.</summary>
    /// <param name="method">The method.</param>
    public static void Register(QueuedMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        ById[method.Id] = method;
    }

    /// <summary>Runs the module initializers of <paramref name="assembly"/>, registering its queued methods even before any of its code ran.</summary>
    /// <param name="assembly">An assembly declaring queued methods.</param>
    public static void Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
    }

    internal static QueuedMethod? Find(string id)
    {
        if (ById.TryGetValue(id, out var method))
        {
            return method;
        }

        LoadEntryAssemblies();
        return ById.GetValueOrDefault(id);
    }

    /// <summary>
    /// A module initializer runs when its assembly's code is first used, which in a consumer process may be never: the
    /// entry assembly and the assemblies it references that use Locksmith are initialized up front.
    /// </summary>
    private static void LoadEntryAssemblies()
    {
        // A lock, not a flag: a second caller must not read the registry while the first is still filling it.
        lock (LoadGate)
        {
            if (s_loaded)
            {
                return;
            }

            s_loaded = true;
            LoadReferencedBy(Assembly.GetEntryAssembly());
        }
    }

    private static void LoadReferencedBy(Assembly? entry)
    {
        if (entry is null)
        {
            return;
        }

        Load(entry);
        var locksmith = typeof(QueuedMethodRegistry).Assembly.GetName().Name;
        foreach (var reference in entry.GetReferencedAssemblies())
        {
            try
            {
                var assembly = Assembly.Load(reference);
                if (assembly.GetReferencedAssemblies().Any(r => r.Name == locksmith))
                {
                    Load(assembly);
                }
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // An optional dependency that is not deployed cannot hold queued methods this process could run.
            }
        }
    }

    private static readonly Lock LoadGate = new();
    private static bool s_loaded;
}
