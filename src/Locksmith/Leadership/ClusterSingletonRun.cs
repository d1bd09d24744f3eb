using Locksmith.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Leadership;

/// <summary>
/// One woven cluster-singleton call: campaign, run the body under the leadership with a token that also fires on loss,
/// resign when it ends; after a loss, campaign again until the caller's token stops it.
/// </summary>
internal static class ClusterSingletonRun
{
    /// <summary>How long to wait before campaigning again after the backend failed; jittered so nodes do not retry in step.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(ClusterSingletonPlan plan, Func<object[], object> target, object[] args)
    {
        var runtime = LocksmithRuntime.Current(plan.Method, "ClusterSingleton");
        var election = runtime.Services.GetRequiredService<ILeaderElection>();
        var time = runtime.Services.GetRequiredService<TimeProvider>();
        var stopping = (CancellationToken)args[plan.TokenIndex];
        var method = $"{plan.Method.DeclaringType?.Name}.{plan.Method.Name}";
        while (true)
        {
            stopping.ThrowIfCancellationRequested();
            ILeadership leadership;
            try
            {
                leadership = await election.CampaignAsync(plan.Election, stopping).ConfigureAwait(false);
            }
            catch (LocksmithBackendException ex)
            {
                // A backend blip must not stop the host: the work simply runs nowhere until a campaign succeeds.
                var delay = RetryDelay * (0.5 + Random.Shared.NextDouble());
                Log.SingletonCampaignFailed(runtime.Logger, method, plan.Election, delay.TotalMilliseconds, ex);
                await Task.Delay(delay, time, stopping).ConfigureAwait(false);
                continue;
            }

            Exception? failure;
            await using (leadership.ConfigureAwait(false))
            {
                (var ended, failure) = await RunBodyAsync(leadership, target, args, plan.TokenIndex, stopping).ConfigureAwait(false);
                if (ended)
                {
                    return;
                }
            }

            Log.SingletonLostLeadership(runtime.Logger, method, plan.Election, failure);
        }
    }

    /// <summary>
    /// Runs the body once. Ended when it finished or was stopped; not ended when the leadership was lost, whatever the
    /// body then did: a body cut off from its resources typically fails with their errors, and that failure is the
    /// loss's, not a reason to stop the host. A failure while still leading is the body's own and propagates.
    /// </summary>
    private static async Task<(bool Ended, Exception? Failure)> RunBodyAsync(ILeadership leadership, Func<object[], object> target, object[] args, int tokenIndex, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, leadership.LostToken);
        var call = (object[])args.Clone();
        call[tokenIndex] = linked.Token;
        var outer = LeaderElection.Current;
        LeaderElection.Enter(leadership);
        try
        {
            await ((Task)target(call)).ConfigureAwait(false);
            return (!leadership.IsLost || stopping.IsCancellationRequested, null);
        }
        catch (Exception ex) when (leadership.IsLost && !stopping.IsCancellationRequested)
        {
            return (false, ex is OperationCanceledException ? null : ex);
        }
        finally
        {
            LeaderElection.Enter(outer);
        }
    }
}
