using Locksmith.Kafka.Internal;
using Locksmith.Queues;

namespace Locksmith.Kafka.Tests;

public sealed class ItemIdKeyTests
{
    [Fact]
    public void Ids_Locksmith_makes_are_held_as_their_value_and_equal_only_to_themselves()
    {
        var id = QueueMessage.NewId();
        var key = ItemIdKey.Of(id);

        Assert.Null(key.Text);
        Assert.Equal(key, ItemIdKey.Of(new string(id.AsSpan())));
        Assert.NotEqual(key, ItemIdKey.Of(QueueMessage.NewId()));
    }

    [Theory]
    [InlineData("order-42")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    public void Other_ids_keep_their_text(string id) => Assert.Equal(id, ItemIdKey.Of(id).Text);

    [Fact]
    public void An_uppercase_id_never_meets_the_guid_of_the_same_digits() =>
        Assert.NotEqual(ItemIdKey.Of("0123456789abcdef0123456789abcdef"), ItemIdKey.Of("0123456789ABCDEF0123456789ABCDEF"));

    [Fact]
    public void A_completed_id_is_found_again_whatever_its_form()
    {
        var completed = new CompletedIds(TimeProvider.System, TimeSpan.FromMinutes(1));
        var guid = QueueMessage.NewId();
        completed.Add(guid);
        completed.Add("order-42");

        Assert.True(completed.Contains(new string(guid.AsSpan())));
        Assert.True(completed.Contains("order-42"));
        Assert.False(completed.Contains(guid.ToUpperInvariant()));
        Assert.False(completed.Contains(QueueMessage.NewId()));
    }
}
