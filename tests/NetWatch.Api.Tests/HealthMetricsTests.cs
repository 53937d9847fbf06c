using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NetWatch.Api.Access;
using NetWatch.Api.Metrics;
using NetWatch.Storage.Contracts.Accounts;
using Prometheus;

namespace NetWatch.Api.Tests;

/// <summary>/healthz for anyone, /metrics for loopback clients and ICT administrators, on the API's host.</summary>
public sealed class HealthMetricsTests
{
    [Fact]
    public async Task Healthz_says_ok_while_every_check_passes_and_why_not_when_one_fails()
    {
        var running = true;
        await using var api = TestApi.Start(extra: services => services.AddHealthChecks()
            .AddCheck("pipeline", () => running ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("store is read-only")));
        using var client = api.Client();
        using (var ok = await client.GetAsync("/healthz"))
            Assert.Equal((HttpStatusCode.OK, "ok\n"), (ok.StatusCode, await ok.Content.ReadAsStringAsync()));
        running = false;
        using var failing = await client.GetAsync("/healthz");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "not running: store is read-only\n"), (failing.StatusCode, await failing.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Metrics_serves_what_is_registered_on_the_hosts_registry()
    {
        await using var api = TestApi.Start();
        var registry = api.Services.GetRequiredService<ApiMetrics>().Registry;
        Prometheus.Metrics.WithCustomRegistry(registry).CreateCounter("netwatch_lines_read_total", "lines", "source", "kind").WithLabels("proxy", "file").Inc(7);
        using var client = api.Client(); // anonymous, from 127.0.0.1
        var text = await client.GetStringAsync("/metrics");
        Assert.Contains("netwatch_lines_read_total{source=\"proxy\",kind=\"file\"} 7", text);
    }

    [Theory]
    [InlineData("127.0.0.1", null, false, true)]
    [InlineData("::1", null, false, true)]
    [InlineData("192.0.2.10", null, false, false)]
    [InlineData("192.0.2.10", AccountRole.IctAdmin, false, true)]
    [InlineData("192.0.2.10", AccountRole.Dsl, false, false)]
    [InlineData("192.0.2.10", null, true, true)]
    public async Task Metrics_from_elsewhere_needs_an_ICT_administrator_unless_opened(string remote, AccountRole? role, bool open, bool allowed)
    {
        await using var api = TestApi.Start(TestApi.DefaultOptions with { MetricsFromAnyAddress = open });
        var authorization = api.Services.GetRequiredService<IAuthorizationService>();
        var context = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(remote) } };
        var user = role is { } r ? ApiUser.Principal(new Account { Name = "x", Role = r, PasswordHash = "", CreatedAt = TestApi.T0 }, "test") : new ClaimsPrincipal(new ClaimsIdentity());
        Assert.Equal(allowed, (await authorization.AuthorizeAsync(user, context, Policies.Metrics)).Succeeded);
    }
}
