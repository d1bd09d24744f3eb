namespace Locksmith;

/// <summary>How leaderships are held; set with <c>b.ConfigureDefaults(o => o.Leadership = ...)</c>.</summary>
public sealed record LeaderElectionOptions
{
    /// <summary>The options used when none are configured.</summary>
    public static LeaderElectionOptions Default { get; } = new();

    /// <summary>
    /// The leadership lease's time to live: after a leader crashes, another takes over within this time (a resigning
    /// leader hands over at once). Renewed at a third of it. Defaults to 15 seconds.
    /// </summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How this process is named in leader records. Defaults to the machine name and process id, such as <c>"web-3/4120"</c>.
    /// </summary>
    public string Candidate { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>
    /// How often <see cref="ILeaderElection.WatchAsync"/> re-reads the record in case a change notice was lost. Defaults to 5 seconds.
    /// </summary>
    public TimeSpan WatchRecheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The problems with these settings, each naming the setting and its fix; empty when valid.</summary>
    /// <param name="path">How the options are named in messages.</param>
    /// <returns>The problems.</returns>
    public IEnumerable<string> GetProblems(string path)
    {
        if (Ttl < TimeSpan.FromMilliseconds(100))
        {
            yield return $"{path}.Ttl is {Ttl}; a leadership needs at least 100 ms to be renewed before it expires. Use seconds (the default is 15 s).";
        }

        if (string.IsNullOrWhiteSpace(Candidate))
        {
            yield return $"{path}.Candidate is empty; leave it unset for machine/process id or name this process.";
        }

        if (WatchRecheckInterval <= TimeSpan.Zero)
        {
            yield return $"{path}.WatchRecheckInterval is {WatchRecheckInterval}; it must be positive (the default is 5 s).";
        }
    }
}
