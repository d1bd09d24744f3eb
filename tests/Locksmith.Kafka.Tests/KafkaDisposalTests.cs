using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Kafka.Tests;

/// <summary>A container with the Kafka transport (and a mock cluster it started itself) disposes synchronously and asynchronously.</summary>
public sealed class KafkaDisposalTests
{
    [Fact]
    public Task A_container_with_the_Kafka_transport_disposes_both_ways() =>
        ContainerDisposal.AssertBothWaysAsync(
            services => services.AddLocksmith(b => b.UseInMemory().UseKafkaMock().AddQueueConsumers()),
            _ => Task.CompletedTask);
}
