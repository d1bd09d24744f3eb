using Locksmith.Redis.Scripts;
using StackExchange.Redis;

namespace Locksmith.Redis.Internal;

/// <summary>
/// One acquisition as Redis receives it: an acquire script of <c>Scripts/</c> with its keys and arguments or, for an
/// unfenced lock, a lone <c>SET NX PX</c>. <see cref="LeaseCommands"/> builds it once; it goes either routed by its key
/// like any command (<see cref="SendAsync"/>) or to one named node (<see cref="SendToAsync"/>), which is what a
/// <c>WAIT</c> sent after it needs.
/// </summary>
internal readonly struct AcquireCommand
{
    private readonly Script? _script;
    private readonly RedisKey[] _keys;
    private readonly RedisValue[] _values;
    private readonly RedisKey _key;
    private readonly string? _owner;
    private readonly TimeSpan _ttl;

    private AcquireCommand(Script script, RedisKey[] keys, RedisValue[] values)
    {
        _script = script;
        _keys = keys;
        _values = values;
    }

    private AcquireCommand(RedisKey key, string owner, TimeSpan ttl)
    {
        _keys = [];
        _values = [];
        _key = key;
        _owner = owner;
        _ttl = ttl;
    }

    /// <summary>Runs <paramref name="script"/>; keys and values in the order of its <c>--- keys:</c>/<c>args:</c> header.</summary>
    public static AcquireCommand Run(Script script, RedisKey[] keys, RedisValue[] values) => new(script, keys, values);

    /// <summary>Sets <paramref name="key"/> to <paramref name="owner"/> for <paramref name="ttl"/> if nobody holds it.</summary>
    public static AcquireCommand SetIfAbsent(RedisKey key, string owner, TimeSpan ttl) => new(key, owner, ttl);

    /// <summary>The reply of <see cref="SendToAsync"/> read as <see cref="SendAsync"/> returns it.</summary>
    public long Reply(RedisResult result) =>
        _script is not null ? (long)result : LeaseCommands.PlainSetReply(!result.IsNull);

    /// <summary>Routed by the key like any command; a script by EVALSHA, with the generated runner's NOSCRIPT fallback.</summary>
    public async Task<long> SendAsync(IDatabaseAsync db)
    {
        if (_script is null)
        {
            return LeaseCommands.PlainSetReply(await LeaseCommands.SetIfAbsentAsync(db, _key, _owner!, _ttl).ConfigureAwait(false));
        }

        return (long)await LuaScriptRunner.EvaluateAsync(db, _script.Hash, _script.Text, _keys, _values, CommandFlags.None, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the command to <paramref name="primary"/> itself rather than where the client's slot map points, and never
    /// lets the client follow a redirect: it runs on that node or fails (MOVED, ASK). A script goes as EVALSHA, or with
    /// <paramref name="withText"/> as EVAL (after the node answered NOSCRIPT).
    /// </summary>
    public Task<RedisResult> SendToAsync(IServer primary, int database, bool withText)
    {
        const CommandFlags Flags = CommandFlags.DemandMaster | CommandFlags.NoRedirect;
        if (_script is null)
        {
            return primary.ExecuteAsync(database, "SET", [_key, _owner!, "PX", (long)Math.Ceiling(_ttl.TotalMilliseconds), "NX"], Flags);
        }

        // EVALSHA sha1|EVAL text, numkeys, key..., arg...; the node checks the keys' slot and answers MOVED or ASK if not its own.
        var arguments = new object[2 + _keys.Length + _values.Length];
        arguments[0] = withText ? _script.Text : _script.Sha1;
        arguments[1] = _keys.Length;
        for (var i = 0; i < _keys.Length; i++)
        {
            arguments[2 + i] = _keys[i];
        }

        for (var i = 0; i < _values.Length; i++)
        {
            arguments[2 + _keys.Length + i] = _values[i];
        }

        return primary.ExecuteAsync(database, withText ? "EVAL" : "EVALSHA", arguments, Flags);
    }

    /// <summary>A generated script's text and SHA1, the hash parsed once.</summary>
    public sealed class Script(string text, string sha1)
    {
        public static readonly Script LockAcquire = new(LockAcquireScript.Text, LockAcquireScript.Sha1);

        public static readonly Script SemaphoreAcquire = new(SemaphoreAcquireScript.Text, SemaphoreAcquireScript.Sha1);

        public static readonly Script FairSemaphoreAcquire = new(FairSemaphoreAcquireScript.Text, FairSemaphoreAcquireScript.Sha1);

        public static readonly Script ReadAcquire = new(RwReadAcquireScript.Text, RwReadAcquireScript.Sha1);

        public static readonly Script WriteAcquire = new(RwWriteAcquireScript.Text, RwWriteAcquireScript.Sha1);

        public static readonly Script UpgradeableReadAcquire = new(RwUpgradeableAcquireScript.Text, RwUpgradeableAcquireScript.Sha1);

        public static readonly Script Upgrade = new(RwUpgradeScript.Text, RwUpgradeScript.Sha1);

        public string Text { get; } = text;

        public string Sha1 { get; } = sha1;

        public byte[] Hash { get; } = LuaScriptRunner.FromHex(sha1);
    }
}
