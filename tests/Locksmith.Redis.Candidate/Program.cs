// Usage: Locksmith.Redis.Candidate <redis endpoint> <ttl ms> <register key> <name>
// Runs a host whose [ClusterSingleton] service, while it leads, appends "<term> <name>" to the register's history every
// 20 ms through a term-fenced write. Prints "leading <term>" when its body starts, "stopped <term>" when it ends, and
// "rejected <term>" when the fence refused a write (a stale leader caught by the register), and "cancelled <term>" when
// the body's token fires. SIGTERM stops the host. With CANDIDATE_LOG=<dir>, output and Locksmith's log also go to <dir>/<name>.log.
using System.Globalization;
using Locksmith;
using Locksmith.Redis;
using Locksmith.Redis.Candidate;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

var (endpoint, ttl, register, name) = (args[0], TimeSpan.FromMilliseconds(int.Parse(args[1], CultureInfo.InvariantCulture)), args[2], args[3]);
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
if (Environment.GetEnvironmentVariable("CANDIDATE_LOG") is { } logDir) { var w = new StreamWriter(Path.Combine(logDir, name + ".log")) { AutoFlush = true }; Console.SetOut(TextWriter.Synchronized(new Tee(Console.Out, w))); builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; }); }
builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect($"{endpoint},abortConnect=false,connectTimeout=2000,asyncTimeout=1000"));
builder.Services.AddLocksmith(b => b
    .UseRedis($"{endpoint},abortConnect=false,connectTimeout=2000,asyncTimeout=1000")
    .ConfigureDefaults(o => o.Leadership = new LeaderElectionOptions { Ttl = ttl, Candidate = name }));
builder.Services.AddSingleton(new FencedHistory(register, name));
builder.Services.AddHostedService<Sweeper>();
await builder.Build().RunAsync();

sealed class Tee(TextWriter a, TextWriter b) : TextWriter
{
    public override System.Text.Encoding Encoding => a.Encoding;
    public override void Write(char value) { a.Write(value); b.Write(value); }
    public override void WriteLine(string? value) { a.WriteLine(value); b.WriteLine(DateTime.Now.ToString("HH:mm:ss.fff ", System.Globalization.CultureInfo.InvariantCulture) + value); }
}
