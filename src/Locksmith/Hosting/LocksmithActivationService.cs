using Microsoft.Extensions.Hosting;

namespace Locksmith.DependencyInjection;

/// <summary>Activates the runtime when the host starts and deactivates it when the host stops.</summary>
internal sealed class LocksmithActivationService(LocksmithRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        runtime.Activate();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        runtime.Dispose();
        return Task.CompletedTask;
    }
}
