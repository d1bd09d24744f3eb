namespace Locksmith.Cli.Tests;

/// <summary>Queued methods whose items the inspect tests look at: a backlog nobody consumes, and a poison item that is dead-lettered at once.</summary>
public sealed class InspectedWork
{
    public const string Backlog = "inspect-backlog";

    public const string Poison = "inspect-poison";

    [QueuedBy(Backlog, PartitionKey = "{key}")]
    public Task WaitAsync(string key) => Task.CompletedTask;

    [QueuedBy(Poison, MaxAttempts = 1)]
    public Task FailAsync(string id) => throw new InvalidOperationException($"{id} always fails");
}
