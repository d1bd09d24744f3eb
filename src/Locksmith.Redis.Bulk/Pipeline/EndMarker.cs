using System.Security.Cryptography;
using System.Text;
using Locksmith.Redis.Bulk.Protocol;

namespace Locksmith.Redis.Bulk.Pipeline;

/// <summary>
/// The command sent after the last one: an ECHO of a random token. Its reply is the last one, so seeing the token back
/// proves every reply has arrived, even when a command in the input answered more than once (redis-cli --pipe does the same).
/// </summary>
internal sealed class EndMarker
{
    private readonly ArgumentList _command = new();

    public EndMarker()
    {
        Token = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        _command.Add("ECHO"u8);
        _command.Add(Encoding.ASCII.GetBytes(Token));
    }

    public string Token { get; }

    public void AppendTo(OutboundChunk chunk, long commandIndex)
    {
        var size = RespEncoder.EncodedLength(_command);
        RespEncoder.Write(_command, chunk.Append(size, new CommandPosition(commandIndex, 0, -1), isMarker: true));
    }
}
