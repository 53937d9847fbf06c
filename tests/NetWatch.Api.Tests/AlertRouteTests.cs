using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NetWatch.Api.Tests;

/// <summary>The DSL's triage through the API: the alert with evidence and activity, acknowledge → assign → note → close, suppressions.</summary>
public sealed class AlertRouteTests : IAsyncLifetime
{
    private TestApi _api = null!;

    public Task InitializeAsync() { _api = TestApi.Start(); return Task.CompletedTask; }
    public Task DisposeAsync() => _api.DisposeAsync().AsTask();

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task An_alert_is_worked_through_to_an_outcome_and_each_action_is_audited()
    {
        using var dsl = _api.Client("dsl");
        var id = _api.AliceAlert.Id;
        var audit = _api.AuditRecords.Count;

        var listed = await Json(await dsl.GetAsync($"/api/alerts?status=new&min_severity=4&school={TestApi.SchoolA}"));
        Assert.Equal([id], listed.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()));

        var one = await Json(await dsl.GetAsync($"/api/alerts/{id}"));
        var alert = one.GetProperty("alert");
        Assert.Equal("how to hurt myself", alert.GetProperty("evidence")[0].GetProperty("search_terms").GetString());
        Assert.Equal("safeguarding-match", alert.GetProperty("evidence")[0].GetProperty("rule").GetString());
        // alice's activity from an hour before the first match to an hour after the last: her events at T0, +10 min, +20 min (a finding); not +3 h.
        var activity = one.GetProperty("activity").EnumerateArray().Select(e => e.GetProperty("@timestamp").GetString()).ToList();
        Assert.Contains("2026-11-23T10:00:00.000Z", activity);
        Assert.DoesNotContain("2026-11-23T13:00:00.000Z", activity);
        Assert.Equal(0, alert.GetProperty("deliveries").GetArrayLength()); // nothing routed yet: no dispatcher in this host

        Assert.Equal("acknowledged", (await Json(await dsl.PostAsync($"/api/alerts/{id}/acknowledge", null))).GetProperty("status").GetString());
        var assigned = await Json(await dsl.PostAsJsonAsync($"/api/alerts/{id}/assign", new { assignee = "deputy-dsl" }));
        Assert.Equal(("in-progress", "deputy-dsl"), (assigned.GetProperty("status").GetString(), assigned.GetProperty("assignee").GetString()));
        await Json(await dsl.PostAsJsonAsync($"/api/alerts/{id}/notes", new { text = "spoke to the form tutor" }));
        var closed = await Json(await dsl.PostAsJsonAsync($"/api/alerts/{id}/close", new { outcome = "referred", note = "referred to children's services" }));
        Assert.Equal(("closed", "referred"), (closed.GetProperty("status").GetString(), closed.GetProperty("outcome").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await dsl.PostAsync($"/api/alerts/{id}/acknowledge", null)).StatusCode);

        var stored = (await _api.Alerts.GetAsync(id, default))!;
        Assert.Equal(["spoke to the form tutor", "referred to children's services"], stored.Notes.Select(n => n.Text));
        Assert.All(stored.Notes, n => Assert.Equal("dsl", n.Author));
        Assert.Equal(["alerts.list", "alerts.get", "alerts.acknowledge", "alerts.assign", "alerts.note", "alerts.close"],
            _api.AuditRecords.Skip(audit).Select(r => r.Record.Action));
        Assert.Contains("\"outcome\":\"referred\"", _api.AuditRecords.Last().Record.Query);
    }

    [Fact]
    public async Task A_false_positive_records_a_suppression_that_is_listed_and_revocable()
    {
        using var deputy = _api.Client("deputy-dsl");
        var id = _api.AliceAlertToClose.Id;
        var bad = await deputy.PostAsJsonAsync($"/api/alerts/{id}/close", new { outcome = "referred", suppress = new { search_term = "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var half = await deputy.PostAsJsonAsync($"/api/alerts/{id}/close", new { outcome = "false-positive", suppress = new { phrase = "bullying" } });
        Assert.Equal(HttpStatusCode.BadRequest, half.StatusCode);

        await Json(await deputy.PostAsJsonAsync($"/api/alerts/{id}/close", new
        {
            outcome = "false-positive", note = "PSHE lesson on bullying", suppress = new { phrase = "myself", site = "WWW.Google.co.uk" },
        }));
        var listed = (await Json(await deputy.GetAsync("/api/alerts/suppressions"))).GetProperty("suppressions");
        var s = Assert.Single(listed.EnumerateArray());
        Assert.Equal(("myself", "www.google.co.uk", id, "deputy-dsl", true),
            (s.GetProperty("phrase").GetString(), s.GetProperty("site").GetString(), s.GetProperty("alert_id").GetString(),
             s.GetProperty("created_by").GetString(), s.GetProperty("active").GetBoolean()));

        var sid = s.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await deputy.DeleteAsync($"/api/alerts/suppressions/{sid}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await deputy.DeleteAsync($"/api/alerts/suppressions/{sid}")).StatusCode);
        Assert.Empty((await Json(await deputy.GetAsync("/api/alerts/suppressions"))).GetProperty("suppressions").EnumerateArray());
        var all = (await Json(await deputy.GetAsync("/api/alerts/suppressions?include_revoked=true"))).GetProperty("suppressions");
        Assert.Equal("deputy-dsl", Assert.Single(all.EnumerateArray()).GetProperty("revoked_by").GetString());
    }

    [Fact]
    public async Task The_live_feed_is_server_sent_events_of_the_callers_school_only()
    {
        using var b = _api.Client("dsl-b");
        var response = await b.GetAsync("/api/alerts/feed");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("id: k2\nevent: alert\ndata: {", body);
        Assert.DoesNotContain("k1", body);
        Assert.Contains("\"alert_id\":\"b1\"", body);
    }
}
