using System.Security.Cryptography;
using Locksmith.Redis.Bulk;
using StackExchange.Redis;

namespace Locksmith.Cli.Commands;

/// <summary>Turns the failures a user can cause into one line on standard error and an exit code, never a stack trace.</summary>
internal static class CliErrors
{
    public static async Task<int> GuardAsync(CliConsole console, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (RedisBulkConnectionException exception)
        {
            await console.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.ConnectionFailed;
        }
        catch (RedisConnectionException exception)
        {
            await console.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.ConnectionFailed;
        }
        catch (RedisServerException exception)
        {
            // Only inspect talks through StackExchange.Redis, so the commands a refusal can come from are its own.
            await console.Error.WriteLineAsync(
                $"error: Redis refused a command: {exception.Message}. The inspecting user needs read access to Locksmith's keys and +scan +get +pttl +zrange +xlen +xinfo +pubsub +time (ACL).").ConfigureAwait(false);
            return ExitCodes.ConnectionFailed;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidDataException or CryptographicException)
        {
            await console.Error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
    }
}
