using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Locksmith.Kafka.Tests;

/// <summary>
/// librdkafka's mock-cluster fault injection, which Confluent.Kafka does not wrap: the next requests of one kind the
/// brokers receive, from any client, are answered with the given errors instead of being served.
/// </summary>
internal static class KafkaMockFaults
{
    /// <summary>Kafka protocol request kinds (ApiKey) used by the tests.</summary>
    public enum Request : short
    {
        Produce = 0,
        EndTxn = 26,
    }

    /// <summary>Answers the next <paramref name="count"/> requests of <paramref name="request"/> with <paramref name="error"/>.</summary>
    public static void Push(KafkaMockCluster cluster, Request request, ErrorCode error, int count)
    {
        var mock = Native.Value.HandleMockCluster(RawHandle(cluster.Handle));
        if (mock == IntPtr.Zero)
        {
            throw new InvalidOperationException("The cluster's owner has no librdkafka mock cluster (test.mock.num.brokers not set?).");
        }

        var errors = Enumerable.Repeat((int)error, count).ToArray();
        Native.Value.PushRequestErrors(mock, (short)request, (nuint)count, errors);
    }

    /// <summary>The rd_kafka_t pointer behind a client; Confluent.Kafka keeps it in an internal SafeHandle.</summary>
    private static IntPtr RawHandle(Handle handle)
    {
        var property = typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("Confluent.Kafka.Handle has no LibrdkafkaHandle property any more; update KafkaMockFaults for this Confluent.Kafka version.");
        var safe = (SafeHandle)property.GetValue(handle)!;
        return safe.DangerousGetHandle();
    }

    private static readonly Lazy<MockApi> Native = new(MockApi.Load);

    private delegate IntPtr HandleMockClusterFn(IntPtr rk);

    private delegate void PushRequestErrorsFn(IntPtr mcluster, short apiKey, nuint count, int[] errors);

    /// <summary>
    /// The mock API of the librdkafka build Confluent.Kafka loaded. It picks one of several builds by what the system
    /// has (here centos8-librdkafka.so, as the plain one needs libsasl2), so the library is found in the process's
    /// mappings rather than by name: loading another copy would give another library state.
    /// </summary>
    private sealed record MockApi(HandleMockClusterFn HandleMockCluster, PushRequestErrorsFn PushRequestErrors)
    {
        public static MockApi Load()
        {
            var path = File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).Contains("librdkafka", StringComparison.Ordinal))
                .Select(fields => fields[5])
                .FirstOrDefault()
                ?? throw new InvalidOperationException("librdkafka is not loaded in this process; start a KafkaMockCluster first.");
            var library = NativeLibrary.Load(path);
            return new MockApi(
                Marshal.GetDelegateForFunctionPointer<HandleMockClusterFn>(NativeLibrary.GetExport(library, "rd_kafka_handle_mock_cluster")),
                Marshal.GetDelegateForFunctionPointer<PushRequestErrorsFn>(NativeLibrary.GetExport(library, "rd_kafka_mock_push_request_errors_array")));
        }
    }
}
