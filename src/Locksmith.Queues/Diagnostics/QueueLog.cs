using Microsoft.Extensions.Logging;

namespace Locksmith.Queues;

/// <summary>The queue package's own log events, beside the transports' shared <see cref="QueueTransportLog"/>; ids are stable.</summary>
internal static partial class QueueLog
{
    [LoggerMessage(11, LogLevel.Warning, "AddQueueConsumers found no [QueuedBy] method to run in this process, so it consumes nothing. Check that the project declaring them references the Locksmith.Queues package (the Locksmith generator registers them), or call QueuedMethodRegistry.Load(assembly).")]
    public static partial void NoQueuedMethods(ILogger logger);
}
