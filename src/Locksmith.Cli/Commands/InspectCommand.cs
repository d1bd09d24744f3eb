using System.CommandLine;
using Locksmith.Cli.Output;
using Locksmith.Redis;
using Locksmith.Redis.Inspection;

namespace Locksmith.Cli.Commands;

/// <summary><c>locksmith inspect --redis host:port [--json]</c>.</summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var connection = new ConnectionArguments();
        var prefix = new Option<string>("--prefix")
        {
            Description = "Locksmith's key prefix (KeyPrefix in the Redis backend's options).",
            DefaultValueFactory = _ => new RedisBackendOptions().KeyPrefix,
        };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables." };
        var command = new Command("inspect", "Show the locks held (owner, TTL, fencing token), waiters, semaphores (fair lines too), queues (groups, members, dead letters) and rate limits in a Redis server.") { prefix, json };
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) => await CliErrors.GuardAsync(console, async () =>
        {
            var redis = await InspectionConnection.ConnectAsync(connection.Read(result), TextWriter.Null).ConfigureAwait(false);
            await using (redis.ConfigureAwait(false))
            {
                var report = await LocksmithInspector.InspectAsync(redis.GetDatabase(), result.GetValue(prefix)!, cancellationToken).ConfigureAwait(false);
                if (result.GetValue(json))
                {
                    InspectionJson.Write(console.Out, report);
                }
                else
                {
                    InspectionTables.Write(console.Out, report);
                }
            }

            return ExitCodes.Success;
        }).ConfigureAwait(false));
        return command;
    }
}
