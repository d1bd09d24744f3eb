using System.Text;

namespace Locksmith.Queues;

/// <summary>
/// The name a queued method travels under: type, method and parameter types, so overloads differ and producers and
/// consumers built separately agree. Cancellation tokens are left out, since they are not part of the item. Type names
/// carry no assembly versions (<c>System.Collections.Generic.List&lt;Shop.Order&gt;</c>), so a consumer built against
/// other versions of the same assemblies still recognises the method.
/// </summary>
internal static class QueuedMethodId
{
    public static string For(Type declaringType, string methodName, IReadOnlyList<Type> parameterTypes)
    {
        var id = new StringBuilder();
        Append(id, declaringType);
        id.Append('.').Append(methodName).Append('(');
        var first = true;
        foreach (var parameter in parameterTypes.Where(t => t != typeof(CancellationToken)))
        {
            id.Append(first ? string.Empty : ",");
            Append(id, parameter);
            first = false;
        }

        return id.Append(')').ToString();
    }

    private static void Append(StringBuilder id, Type type)
    {
        if (type.IsArray)
        {
            Append(id, type.GetElementType()!);
            id.Append('[').Append(',', type.GetArrayRank() - 1).Append(']');
            return;
        }

        if (!type.IsGenericType)
        {
            id.Append((type.FullName ?? type.Name).Replace('+', '.'));
            return;
        }

        var definition = type.GetGenericTypeDefinition().FullName ?? type.Name;
        var tick = definition.IndexOf('`', StringComparison.Ordinal);
        id.Append((tick < 0 ? definition : definition[..tick]).Replace('+', '.')).Append('<');
        var arguments = type.GetGenericArguments();
        for (var i = 0; i < arguments.Length; i++)
        {
            id.Append(i == 0 ? string.Empty : ",");
            Append(id, arguments[i]);
        }

        id.Append('>');
    }
}
