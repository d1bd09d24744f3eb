namespace Locksmith;

/// <summary>Checks queue names, which become parts of Redis keys and Kafka topic names.</summary>
internal static class QueueNames
{
    public static void Validate(string name, string where)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 200 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException(
                $"{where}: the queue name \"{name}\" is not valid. Use 1 to 200 ASCII letters, digits, '-', '_' or '.', since it becomes part of Redis keys and Kafka topic names.");
        }
    }
}
