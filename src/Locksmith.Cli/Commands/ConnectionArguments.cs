using System.CommandLine;
using Locksmith.Redis.Bulk;

namespace Locksmith.Cli.Commands;

/// <summary>The options every command that talks to Redis shares: address, credentials, database, TLS.</summary>
internal sealed class ConnectionArguments
{
    private readonly Option<string> _redis = new("--redis", "-r")
    {
        Description = "The server, host:port.",
        DefaultValueFactory = _ => "127.0.0.1:6379",
    };

    private readonly Option<string?> _user = new("--user") { Description = "ACL user name (AUTH user password)." };

    private readonly Option<string?> _password = new("--password", "-a") { Description = "Password (AUTH). Defaults to the REDISCLI_AUTH environment variable." };

    private readonly Option<int> _database = new("--db", "-n") { Description = "Database number to SELECT.", DefaultValueFactory = _ => 0 };

    private readonly Option<bool> _tls = new("--tls") { Description = "Connect with TLS." };

    private readonly Option<string?> _tlsCa = new("--tls-ca") { Description = "PEM file of the authority that signed the server's certificate (implies --tls)." };

    private readonly Option<string?> _tlsCert = new("--tls-cert") { Description = "PEM client certificate, for servers that require one (implies --tls)." };

    private readonly Option<string?> _tlsKey = new("--tls-key") { Description = "PEM private key of --tls-cert." };

    private readonly Option<string?> _tlsServerName = new("--tls-server-name") { Description = "Name expected in the server certificate. Defaults to the host." };

    private readonly Option<bool> _tlsInsecure = new("--tls-insecure") { Description = "Accept any server certificate (test servers only; implies --tls)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _redis, _user, _password, _database, _tls, _tlsCa, _tlsCert, _tlsKey, _tlsServerName, _tlsInsecure })
        {
            command.Options.Add(option);
        }
    }

    /// <exception cref="FormatException">--redis is not host:port.</exception>
    public RedisConnectionOptions Read(ParseResult result)
    {
        var options = RedisConnectionOptions.Parse(result.GetValue(_redis)!);
        options.User = result.GetValue(_user);
        options.Password = result.GetValue(_password) ?? Environment.GetEnvironmentVariable("REDISCLI_AUTH");
        options.Database = result.GetValue(_database);
        options.TlsCaFile = result.GetValue(_tlsCa);
        options.TlsCertificateFile = result.GetValue(_tlsCert);
        options.TlsKeyFile = result.GetValue(_tlsKey);
        options.TlsServerName = result.GetValue(_tlsServerName);
        options.TlsAllowUntrusted = result.GetValue(_tlsInsecure);
        options.UseTls = result.GetValue(_tls) || options.TlsCaFile is not null || options.TlsCertificateFile is not null || options.TlsAllowUntrusted;
        if (options.User is not null && options.Password is null)
        {
            throw new FormatException("--user needs --password (or REDISCLI_AUTH) too.");
        }

        return options;
    }
}
