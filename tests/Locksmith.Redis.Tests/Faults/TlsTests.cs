using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Locksmith.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Locksmith.Redis.Tests.Faults;

/// <summary>Locks over TLS to a redis-server started with --tls-port and a certificate authority made by the test.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Locks_work_over_TLS_with_a_certificate_the_client_verifies()
    {
        await using var server = await TlsRedisServer.StartAsync();
        using var authority = X509CertificateLoader.LoadCertificateFromFile(server.CaCertificateFile);
        var configuration = new ConfigurationOptions { EndPoints = { { "127.0.0.1", server.Port } }, Ssl = true, SslHost = "localhost", ConnectTimeout = 5000 };
        configuration.CertificateValidation += (_, certificate, _, errors) => TrustedBy(authority, certificate, errors);

        await using var services = new ServiceCollection().AddLocksmith(b => b.UseRedis(configuration)).BuildServiceProvider();
        var locks = services.GetRequiredService<ILockProvider>();

        await using var lease = await locks.AcquireAsync("tls", new LockOptions { Fencing = true });
        Assert.True(lease.FencingToken > 0);
        Assert.Null(await locks.TryAcquireAsync("tls"));
    }

    private static bool TrustedBy(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }
}
