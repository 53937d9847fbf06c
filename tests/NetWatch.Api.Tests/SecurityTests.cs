using System.Net;
using System.Text;
using System.Text.Json;

namespace NetWatch.Api.Tests;

/// <summary>Headers, limits and error answers: what every answer carries and what none gives away.</summary>
public sealed class SecurityTests(SecurityTests.Api fixture) : IClassFixture<SecurityTests.Api>
{
    public sealed class Api : IAsyncLifetime
    {
        public TestApi Value { get; private set; } = null!;
        public Task InitializeAsync() { Value = TestApi.Start(); return Task.CompletedTask; }
        public Task DisposeAsync() => Value.DisposeAsync().AsTask();
    }

    [Theory]
    [InlineData(null, "/healthz")]
    [InlineData("dsl", "/api/events")]
    [InlineData(null, "/api/events")]
    public async Task Every_answer_carries_the_security_headers(string? account, string path)
    {
        using var client = fixture.Value.Client(account);
        using var response = await client.GetAsync(path);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.True(response.Headers.CacheControl.NoCache);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task A_failure_inside_is_a_bare_problem_without_internals()
    {
        var api = fixture.Value;
        api.Search.FailFor = "crash.test";
        try
        {
            using var client = api.Client("dsl");
            using var response = await client.GetAsync("/api/events?person=crash.test");
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("/var/lib", body);
            Assert.DoesNotContain("InvalidOperationException", body);
            Assert.DoesNotContain("MemoryStore", body);
        }
        finally { api.Search.FailFor = null; }
    }

    [Fact]
    public async Task A_refused_request_is_a_problem_that_says_what_is_wrong()
    {
        using var client = fixture.Value.Client("dsl");
        using var response = await client.GetAsync("/api/events?user=alice");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unknown parameter 'user'", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_auditor_must_state_a_purpose()
    {
        var api = fixture.Value;
        using var client = api.Client("auditor");
        var before = api.AuditRecords.Count;
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/events?person=alice")).StatusCode);
        Assert.Equal(before, api.AuditRecords.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/events?person=alice&purpose=FOI+request+42")).StatusCode);
        var record = api.AuditRecords[^1].Record;
        Assert.Equal(("auditor", "events.search", "FOI request 42", """{"person":"alice"}""", 4L),
            (record.Actor, record.Action, record.Purpose, record.Query, record.Rows));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused()
    {
        using var client = fixture.Value.Client();
        var big = "{\"name\":\"dsl\",\"password\":\"" + new string('x', 100_000) + "\"}";
        using var response = await client.PostAsync("/api/session", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task The_service_logs_name_nobody_and_no_site()
    {
        var api = fixture.Value;
        using var dsl = api.Client("dsl");
        (await dsl.GetAsync("/api/events?person=alice&domain=games.example.net")).EnsureSuccessStatusCode();
        (await dsl.GetAsync("/api/people/alice/activity?at=2026-11-23T10:05:00Z")).EnsureSuccessStatusCode();
        (await dsl.GetAsync("/api/visitors?domain=games.example.net")).EnsureSuccessStatusCode();
        using var slt = api.Client("slt");
        Assert.Equal(HttpStatusCode.Forbidden, (await slt.GetAsync("/api/events?person=alice")).StatusCode);
        using var anonymous = api.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/events?person=alice")).StatusCode);
        using var cookie = api.CookieClient();
        await cookie.PostAsync("/api/session", new StringContent("""{"name":"alice","password":"alice's wrong password"}""", Encoding.UTF8, "application/json"));
        api.Search.FailFor = "alice";
        try { await dsl.GetAsync("/api/events?person=alice"); }
        finally { api.Search.FailFor = null; }
        var logs = api.Logs.ToArray();
        Assert.NotEmpty(logs); // the failure above is logged: the capture works
        Assert.DoesNotContain(logs, line => line.Contains("alice", StringComparison.OrdinalIgnoreCase) || line.Contains("example.net"));
    }
}
