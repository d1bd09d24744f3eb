using Locksmith.Analyzers.Rules;

namespace Locksmith.Analyzers.Tests;

public class KeyTemplateTests
{
    private const string Prefix = """
        using System;
        using System.Threading.Tasks;
        using Locksmith;

        namespace Locksmith
        {
            [AttributeUsage(AttributeTargets.Method)]
            public sealed class QueuedByAttribute : Attribute
            {
                public QueuedByAttribute(string queue) { Queue = queue; }
                public string Queue { get; }
                public string? PartitionKey { get; set; }
                public bool AwaitResult { get; set; }
            }
        }

        public interface INamed { string Name { get; } }
        public interface ICustomer : INamed { }
        public class Entity { public int Id { get; set; } }
        public sealed class Order : Entity { public string CustomerId = ""; public DateTime? Placed { get; set; } public ICustomer Customer { get; set; } = null!; }

        public class Service
        {

        """;

    private static Task VerifyUnknown(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.UnknownTemplateName, Prefix + body + "\n}", new UnknownTemplateNameAnalyzer());

    private static Task VerifyMalformed(string body) =>
        AnalyzerHarness.VerifyAsync(RuleIdentifiers.MalformedTemplate, Prefix + body + "\n}", new MalformedTemplateAnalyzer());

    [Fact]
    public Task Unknown_parameter_is_flagged_on_its_name() =>
        VerifyUnknown("""[DistributedLock("stock:{[|skuu|]}")] public Task Reserve(string sku) => Task.CompletedTask;""");

    [Fact]
    public Task Unknown_member_is_flagged_on_the_member_name() =>
        VerifyUnknown("""[DistributedLock("{order.[|Customr|]}:{order.Id}")] public Task Ship(Order order) => Task.CompletedTask;""");

    [Fact]
    public Task Every_template_of_a_lock_on_several_keys_is_checked() =>
        VerifyUnknown("""[DistributedLock("account:{from}", "account:{[|too|]}")] public Task Transfer(string from, string to) => Task.CompletedTask;""");

    [Fact]
    public Task Semaphore_key_and_queue_partition_key_are_checked_too() =>
        VerifyUnknown("""
            [Semaphore(3, Key = "tenant:{[|tenant|]}")] public Task A(string tenantId) => Task.CompletedTask;
            [QueuedBy("orders", PartitionKey = "{order.Customer.[|Nam|]}")] public Task B(Order order) => Task.CompletedTask;
            """);

    [Fact]
    public Task Rate_limit_key_is_checked_too() =>
        VerifyUnknown("""[RateLimit("geo-api:{[|tenant|]}", Permits = 100, Per = "1m")] public Task A(string tenantId) => Task.CompletedTask;""");

    [Fact]
    public Task Parameters_inherited_members_interfaces_nullables_formats_and_escapes_bind() =>
        VerifyUnknown("""
            [DistributedLock("{{literal}}:{order.Id}:{order.CustomerId}:{order.Placed.Year}:{day:yyyy-MM-dd}:{@class}")]
            public Task A(Order order, DateTime day, string @class) => Task.CompletedTask;
            [QueuedBy("orders", PartitionKey = "{order.Customer.Name}")] public Task B(Order order) => Task.CompletedTask;
            [Semaphore(2)] public Task C() => Task.CompletedTask;
            [DistributedLock(@"verbatim:{ id }")] public Task D(int id) => Task.CompletedTask;
            """);

    [Fact]
    public Task Unclosed_unmatched_invalid_and_empty_templates_are_flagged_where_they_break() =>
        VerifyMalformed("""
            [DistributedLock("stock:[|{sku|]")] public Task A(string sku) => Task.CompletedTask;
            [DistributedLock("stock[|}|]")] public Task B() => Task.CompletedTask;
            [DistributedLock("stock:[|{a-b}|]")] public Task C() => Task.CompletedTask;
            [DistributedLock([|""|])] public Task D() => Task.CompletedTask;
            [Semaphore(1, Key = [|" "|])] public Task E() => Task.CompletedTask;
            """);

    [Fact]
    public Task Well_formed_templates_are_not_flagged_as_malformed() =>
        VerifyMalformed("""
            [DistributedLock("{{json}}:{sku}")] public Task A(string sku) => Task.CompletedTask;
            [DistributedLock("plain")] public Task B() => Task.CompletedTask;
            """);
}
