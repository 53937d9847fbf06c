using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Tests;

/// <summary>What the read routes answer: pages, exports, activity windows, visitors, scoping, pseudonyms and reveal.</summary>
public sealed class RouteTests(RouteTests.Api fixture) : IClassFixture<RouteTests.Api>
{
    public sealed class Api : IAsyncLifetime
    {
        public TestApi Value { get; private set; } = null!;
        public Task InitializeAsync()
        {
            Value = TestApi.Start();
            Value.AddAccount("dsl-a", AccountRole.Dsl, TestApi.SchoolA);
            return Task.CompletedTask;
        }
        public Task DisposeAsync() => Value.DisposeAsync().AsTask();
    }

    private static async Task<JsonElement> Json(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Users(JsonElement page) =>
        [.. page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("user").GetProperty("name").GetString()!)];

    private static string[] Times(JsonElement page) =>
        [.. page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("@timestamp").GetString()!)];

    [Fact]
    public async Task A_search_pages_by_cursor_through_every_match_in_time_order()
    {
        using var client = fixture.Value.Client("dsl");
        var all = await Json(client, "/api/events?person=alice");
        var times = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Json(client, "/api/events?person=alice&page_size=1" + (cursor is null ? "" : "&cursor=" + cursor));
            times.AddRange(Times(page));
            cursor = page.GetProperty("next").GetString();
            pages++;
        } while (cursor is not null);
        Assert.Equal(4, pages);
        Assert.Equal(Times(all), times);
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
    }

    [Fact]
    public async Task Filters_combine()
    {
        using var client = fixture.Value.Client("dsl");
        Assert.Equal(["alice"], Users(await Json(client, "/api/events?domain=games.example.net")));
        Assert.Equal(["alice", "amir", "alice"], Users(await Json(client, "/api/events?domain=example.com&school=school-a&findings=false")));
        Assert.Single(Users(await Json(client, "/api/findings")));
        Assert.Empty(Users(await Json(client, "/api/events?person=alice&from=2026-11-23T13:00:01Z")));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/events?from=yesterday")).StatusCode);
    }

    [Fact]
    public async Task A_school_scoped_account_sees_its_school_only()
    {
        using var client = fixture.Value.Client("dsl-a");
        Assert.DoesNotContain("bob", Users(await Json(client, "/api/events?domain=example.com")));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/events?school=school-b")).StatusCode);
        using var trust = fixture.Value.Client("dsl");
        Assert.Contains("bob", Users(await Json(trust, "/api/events?domain=example.com")));
    }

    [Fact]
    public async Task Visits_of_a_school_scoped_account_are_its_schools_only()
    {
        // The one stored visit is alice's, whose first event is school A's.
        int Visits(JsonElement answer) => answer.GetProperty("visits").GetArrayLength();
        using var trust = fixture.Value.Client("dsl");
        Assert.Equal(1, Visits(await Json(trust, "/api/visits")));
        Assert.Equal(1, Visits(await Json(trust, "/api/visits?school=school-a")));
        Assert.Equal(0, Visits(await Json(trust, "/api/visits?school=school-b")));
        using var schoolB = fixture.Value.Client("dsl-b");
        Assert.Equal(0, Visits(await Json(schoolB, "/api/visits")));
        Assert.Equal(HttpStatusCode.Forbidden, (await schoolB.GetAsync("/api/visits?school=school-a")).StatusCode);
    }

    [Fact]
    public async Task Activity_is_the_hour_either_side_of_an_instant()
    {
        using var client = fixture.Value.Client("dsl");
        var page = await Json(client, "/api/people/alice/activity?at=2026-11-23T10:05:00Z");
        Assert.Equal(["2026-11-23T10:00:00.000Z", "2026-11-23T10:10:00.000Z", "2026-11-23T10:20:00.000Z"], Times(page));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/people/alice/activity")).StatusCode);
    }

    [Fact]
    public async Task Visitors_of_a_domain_with_their_requests()
    {
        using var client = fixture.Value.Client("dsl");
        var visitors = (await Json(client, "/api/visitors?domain=example.com")).GetProperty("visitors").EnumerateArray()
            .Select(v => (v.GetProperty("person").GetString(), v.GetProperty("requests").GetInt64())).ToList();
        Assert.Equal([("alice", 2L), ("amir", 1L), ("bob", 1L)], visitors);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/visitors")).StatusCode);
    }

    [Theory]
    [InlineData("ndjson")]
    [InlineData("csv")]
    public async Task An_export_streams_every_match_and_its_record_counts_them(string format)
    {
        var api = fixture.Value;
        using var client = api.Client("dsl");
        using var response = await client.GetAsync($"/api/events/export?person=alice&format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(format == "csv" ? 5 : 4, lines.Length);
        if (format == "ndjson") Assert.All(lines, l => Assert.Equal("alice", JsonDocument.Parse(l).RootElement.GetProperty("user").GetProperty("name").GetString()));
        var record = api.AuditRecords[^1].Record;
        Assert.Equal(("events.export", 4L), (record.Action, record.Rows));
    }

    [Fact]
    public async Task The_SLT_sees_pseudonyms_and_a_reveal_needs_a_reason_and_is_recorded()
    {
        var api = fixture.Value;
        using var slt = api.Client("slt");
        var rows = (await Json(slt, "/api/aggregates?by=person&school=school-a")).GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("key").GetString()!).ToList();
        var pseudonyms = new Pseudonyms(api.Options);
        Assert.Equal([pseudonyms.Of("school-a", "alice"), pseudonyms.Of("school-a", "amir")], rows);
        Assert.NotEqual(pseudonyms.Of("school-a", "alice"), pseudonyms.Of("school-b", "alice"));
        Assert.Equal(HttpStatusCode.BadRequest, (await slt.GetAsync("/api/aggregates?by=person")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await slt.GetAsync("/api/aggregates?person=alice&school=school-a")).StatusCode);

        var before = api.AuditRecords.Count;
        using var noReason = await slt.PostAsJsonAsync("/api/pseudonyms/reveal", new { pseudonym = rows[0], reason = "curious", school = "school-a" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(before, api.AuditRecords.Count);

        using var reveal = await slt.PostAsJsonAsync("/api/pseudonyms/reveal", new { pseudonym = rows[0], reason = "safeguarding referral 2026/117", school = "school-a" });
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
        Assert.Equal("alice", JsonDocument.Parse(await reveal.Content.ReadAsStringAsync()).RootElement.GetProperty("person").GetString());
        var record = api.AuditRecords[^1].Record;
        Assert.Equal(("slt", "pseudonyms.reveal", "safeguarding referral 2026/117", "school-a", 1L),
            (record.Actor, record.Action, record.Purpose, record.School, record.Rows));
    }

    [Fact]
    public async Task The_DSL_sees_names_in_aggregates()
    {
        using var client = fixture.Value.Client("dsl");
        var keys = (await Json(client, "/api/aggregates?by=person&school=school-a")).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()).ToList();
        Assert.Equal(["alice", "amir"], keys);
    }
}
