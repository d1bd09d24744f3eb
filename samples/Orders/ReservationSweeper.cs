using Locksmith;

namespace Orders;

/// <summary>
/// Background work that must run on one instance at a time: sweeping expired reservations. Every instance calls
/// <see cref="SweepAsync"/>; [ClusterSingleton] runs the body only on the elected leader and hands over when it stops.
/// </summary>
public sealed class ReservationSweeper
{
    private readonly Lock _gate = new();
    private int _inside;

    /// <summary>Each leadership's term, in the order the bodies started.</summary>
    public List<(int Instance, long Term)> Terms { get; } = [];

    public int MaxInside { get; private set; }

    public int Sweeps { get; private set; }

    [ClusterSingleton("orders-reservation-sweeper")]
    public async Task SweepAsync(int instance, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Terms.Add((instance, LeaderElection.Current!.Term));
            MaxInside = Math.Max(MaxInside, ++_inside);
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    Sweeps++;
                }

                await Task.Delay(20, cancellationToken);
            }
        }
        finally
        {
            lock (_gate)
            {
                _inside--;
            }
        }
    }

    /// <summary>
    /// Runs three instances of the sweeper, stops the leader (as a deployment would) and then the rest; true when at most
    /// one swept at any moment and every new leader's term was higher.
    /// </summary>
    public static async Task<bool> RunAsync()
    {
        var sweeper = new ReservationSweeper();
        var stops = Enumerable.Range(0, 3).Select(_ => new CancellationTokenSource()).ToArray();
        var instances = Enumerable.Range(0, 3).Select(i => Task.Run(() => sweeper.SweepAsync(i, stops[i].Token))).ToArray();
        await WaitForAsync(() => sweeper.Terms.Count == 1);
        await Task.Delay(200);
        await stops[sweeper.Terms[0].Instance].CancelAsync();
        await WaitForAsync(() => sweeper.Terms.Count == 2);
        await Task.Delay(200);
        foreach (var stop in stops)
        {
            await stop.CancelAsync();
        }

        foreach (var instance in instances)
        {
            try
            {
                await instance;
            }
            catch (OperationCanceledException)
            {
                // A stopped instance ends with its token.
            }
        }

        var rising = sweeper.Terms.Zip(sweeper.Terms.Skip(1)).All(p => p.Second.Term > p.First.Term);
        Console.WriteLine("With [ClusterSingleton]: 3 instances of the reservation sweeper");
        Console.WriteLine($"  leaders in turn: {string.Join(" -> ", sweeper.Terms.Select(t => $"instance {t.Instance} (term {t.Term})"))}");
        Console.WriteLine($"  most instances sweeping at the same moment: {sweeper.MaxInside} (safe: 1), {sweeper.Sweeps} sweeps");
        Console.WriteLine();
        return sweeper.MaxInside == 1 && rising && sweeper.Terms.Count >= 2;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            if (waited > 10_000)
            {
                throw new TimeoutException("The sweeper did not hand over within 10 s.");
            }

            await Task.Delay(10);
        }
    }
}
