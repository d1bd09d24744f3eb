using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Locksmith.Backends;

/// <summary>The one logger category every Locksmith package logs under, so one filter rule covers them all.</summary>
public static class LocksmithLogging
{
    /// <summary>The category name: <c>Locksmith</c>.</summary>
    public const string Category = "Locksmith";

    /// <summary>The <see cref="Category"/> logger from the container, or a logger that discards when none is registered.</summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The logger.</returns>
    public static ILogger CreateLogger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(Category) ?? NullLogger.Instance;
}
