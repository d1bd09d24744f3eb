using System.Globalization;

namespace Locksmith.Chaos.History;

/// <summary>
/// What a lock body writes to the fenced register: "token|lease|step". The value itself tells which holder, with which
/// token, wrote what the server holds, so a read shows the server's order.
/// </summary>
public readonly record struct RegisterValue(long Token, string Lease, string Step)
{
    public override string ToString() => $"{Token.ToString(CultureInfo.InvariantCulture)}|{Lease}|{Step}";

    public static RegisterValue? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split('|');
        return parts.Length == 3 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var token)
            ? new RegisterValue(token, parts[1], parts[2])
            : null;
    }
}
