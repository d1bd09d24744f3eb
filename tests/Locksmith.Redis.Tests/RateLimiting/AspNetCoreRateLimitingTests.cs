using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Locksmith.Redis.Tests.RateLimiting;

/// <summary>
/// ASP.NET Core's own rate-limiting middleware, unchanged, with a Locksmith limiter: two Kestrel servers (two nodes of
/// one service) on one Redis share each tenant's budget, and a refusal carries the Retry-After the server computed.
/// </summary>
public sealed class AspNetCoreRateLimitingTests(RedisServerFixture fixture) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Two_nodes_behind_the_middleware_share_one_budget_per_tenant()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var first = await StartNodeAsync(run);
        await using var second = await StartNodeAsync(run);
        using var http = new HttpClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await http.GetAsync($"{(i % 2 == 0 ? first : second).Urls.First()}/geo/acme");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(retryAfter, 25, 30);
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
        using var otherTenant = await http.GetAsync($"{second.Urls.First()}/geo/globex");
        Assert.Equal(HttpStatusCode.OK, otherTenant.StatusCode);
    }

    private async Task<WebApplication> StartNodeAsync(string run)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddLocksmith(b => b.UseRedis(fixture.Server.EndPoint));

        // The integration, as docs/rate-limits.md shows it: a policy whose partitions are Locksmith limiters.
        var geo = new DistributedSlidingWindowOptions { PermitLimit = 5, Window = TimeSpan.FromSeconds(30) };
        builder.Services.AddRateLimiter(o => o.AddPolicy("geo", http => RateLimitPartition.Get(
            $"geo:{run}:{http.Request.RouteValues["tenant"]}",
            key => http.RequestServices.GetRequiredService<IRateLimiterProvider>().CreateSlidingWindow(key, geo))));
        builder.Services.Configure<RateLimiterOptions>(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
        });

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapGet("/geo/{tenant}", (string tenant) => $"located {tenant}").RequireRateLimiting("geo");
        await app.StartAsync();
        return app;
    }
}
