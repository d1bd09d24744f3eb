namespace Locksmith.Queues;

/// <summary>
/// The name a queued method travels under: type, method and parameter types, so overloads differ and producers and
/// consumers built separately agree. Cancellation tokens are left out, since they are not part of the item.
/// </summary>
internal static class QueuedMethodId
{
    public static string For(Type declaringType, string methodName, IReadOnlyList<Type> parameterTypes)
    {
        var parameters = parameterTypes.Where(t => t != typeof(CancellationToken)).Select(t => t.FullName ?? t.Name);
        return $"{declaringType.FullName}.{methodName}({string.Join(",", parameters)})";
    }
}
