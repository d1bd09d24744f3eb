using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Locksmith.Redis.Bulk;
using StackExchange.Redis;

namespace Locksmith.Cli.Commands;

/// <summary>
/// Opens the StackExchange.Redis connection <c>inspect</c> reads through, from the same options bulk-load takes, so
/// both commands accept the same address, credentials, database and TLS settings.
/// </summary>
internal static class InspectionConnection
{
    /// <exception cref="RedisConnectionException">Connecting, TLS or AUTH failed.</exception>
    public static async Task<IConnectionMultiplexer> ConnectAsync(RedisConnectionOptions options, TextWriter log)
    {
        var configuration = new ConfigurationOptions
        {
            EndPoints = { { options.Host, options.Port } },
            User = options.User,
            Password = options.Password,
            DefaultDatabase = options.Database,
            ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds,
            AbortOnConnectFail = true,
            ClientName = "locksmith-inspect",
            Ssl = options.UseTls,
            SslHost = options.TlsServerName ?? options.Host,
        };
        if (options.TlsCaFile is not null)
        {
            configuration.TrustIssuer(options.TlsCaFile);
        }

        if (options.TlsAllowUntrusted)
        {
            // The user asked to skip the check (--tls-insecure, test servers only).
            configuration.CertificateValidation += (_, _, _, errors) => errors == SslPolicyErrors.None || options.TlsAllowUntrusted;
        }

        if (options.TlsCertificateFile is not null)
        {
            var certificate = X509Certificate2.CreateFromPemFile(options.TlsCertificateFile, options.TlsKeyFile);
            configuration.CertificateSelection += (_, _, _, _, _) => certificate;
        }

        return await ConnectionMultiplexer.ConnectAsync(configuration, log).ConfigureAwait(false);
    }
}
