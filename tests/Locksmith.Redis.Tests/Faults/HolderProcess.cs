namespace Locksmith.Redis.Tests.Faults;

/// <summary>A real separate process holding a Locksmith lock (tests/Locksmith.Redis.Holder), to kill or pause.</summary>
internal sealed class HolderProcess : IAsyncDisposable
{
    private readonly TestProgram _program;

    private HolderProcess(TestProgram program)
    {
        _program = program;
    }

    public int Id => _program.Id;

    public long FencingToken { get; private set; }

    public static async Task<HolderProcess> StartAsync(string endpoint, string key, int ttlMs, string resource, int? semaphorePermits = null, bool read = false)
    {
        string[] arguments = [endpoint, key, ttlMs.ToString(System.Globalization.CultureInfo.InvariantCulture), resource];
        if (semaphorePermits is { } permits)
        {
            arguments = [.. arguments, permits.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }
        else if (read)
        {
            arguments = [.. arguments, "read"];
        }

        var process = new HolderProcess(TestProgram.Start("Locksmith.Redis.Holder", arguments));
        var held = await process.ExpectAsync("held ", TimeSpan.FromSeconds(30));
        process.FencingToken = long.Parse(held[5..], System.Globalization.CultureInfo.InvariantCulture);
        return process;
    }

    public Task<string> ExpectAsync(string prefix, TimeSpan timeout) => _program.ExpectAsync(prefix, timeout);

    public async Task<string> WriteAsync(string value)
    {
        await _program.WriteLineAsync("write " + value);
        return await ExpectAsync("write ", TimeSpan.FromSeconds(10));
    }

    public void Kill() => _program.Kill();

    public void Pause() => _program.Pause();

    public void Resume() => _program.Resume();

    public ValueTask DisposeAsync() => _program.DisposeAsync();
}
