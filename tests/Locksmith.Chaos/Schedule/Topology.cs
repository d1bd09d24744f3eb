namespace Locksmith.Chaos.Schedule;

/// <summary>Which backend a phase runs on.</summary>
public enum Topology
{
    /// <summary>One redis-server with an append-only file (fsync always), killed and restarted from it.</summary>
    OneServer,

    /// <summary>Five redis-server masters with append-only files under Redlock, and a separate server for the test data.</summary>
    Redlock,
}
