using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Queues;

/// <summary>
/// The assemblies of the services registered in the container. A queued method's registration runs in its assembly's
/// module initializer, which runs only once code of that assembly has run; a consumer process may not have touched a
/// library's code before it starts consuming, so the registrations of every registered service's assembly that uses
/// Locksmith are run up front. No types are scanned.
/// </summary>
internal sealed class QueuedAssemblies(IServiceCollection services)
{
    public void Load()
    {
        var locksmith = typeof(QueuedMethodRegistry).Assembly;
        var assemblies = services
            .SelectMany(d => new[] { d.ServiceType, d.IsKeyedService ? d.KeyedImplementationType : d.ImplementationType })
            .Where(t => t is not null)
            .Select(t => t!.Assembly)
            .Distinct()
            .Where(a => a != locksmith && !a.IsDynamic && a.GetReferencedAssemblies().Any(r => r.Name == locksmith.GetName().Name));
        foreach (var assembly in assemblies)
        {
            QueuedMethodRegistry.Load(assembly);
        }
    }
}
