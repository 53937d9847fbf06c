using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NetWatch.Api.Access;
using NetWatch.Api.Privacy;
using NetWatch.Api.Routes;
using NetWatch.Storage.Contracts.Audit;
using NodaTime;

namespace NetWatch.Api.Tests;

/// <summary>
/// <c>GET /api/people/{person}/subject-access</c>: every record of one person (events, findings, visits, further kinds,
/// the audit records of who looked) and nobody else's, as a zip of NDJSON with a readable summary.
/// </summary>
public sealed class SubjectAccessTests
{
    private static async Task<Dictionary<string, string>> ZipOf(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
    }

    private static List<JsonElement> Lines(string ndjson) =>
        [.. ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    /// <summary>Alerts as another helper's store would offer them: one of alice's, one of amir's.</summary>
    private sealed class FakeAlerts : ISubjectRecords
    {
        public string Kind => "other-alerts";
        public async IAsyncEnumerable<SubjectRecord> ForPersonAsync(string person, string? school, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var (who, json) in new[] { ("alice", """{"alert":"a-1","person":"alice"}"""), ("amir", """{"alert":"a-2","person":"amir"}""") })
                if (who == person) yield return new SubjectRecord(TestApi.T0, json);
            await Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Every_record_of_one_person_and_nobody_elses_with_who_looked()
    {
        await using var api = TestApi.Start(extra: services => services.AddSingleton<ISubjectRecords>(new FakeAlerts()));
        using var dsl = api.Client("dsl");
        // Reads that concern alice (by name, by one of her events, by her SLT pseudonym) and one that does not.
        Assert.Equal(HttpStatusCode.OK, (await dsl.GetAsync("/api/events?person=alice")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dsl.GetAsync($"/api/events/{api.AliceFirst.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dsl.GetAsync("/api/events?person=amir")).StatusCode);
        using var slt = api.Client("slt");
        var reveal = await slt.PostAsJsonAsync("/api/pseudonyms/reveal",
            new { pseudonym = new Pseudonyms(api.Options).Of(TestApi.SchoolA, "alice"), reason = "parent complaint 2026-11-23", school = TestApi.SchoolA });
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);

        var files = await ZipOf(await dsl.GetAsync("/api/people/alice/subject-access"));

        Assert.Equal(["alerts.ndjson", "audit.ndjson", "events.ndjson", "findings.ndjson", "other-alerts.ndjson", SubjectAccessExport.SummaryFile, "visits.ndjson"], files.Keys.Order());
        var alerts = Lines(files["alerts.ndjson"]);   // the store's own alerts (TestApi raises alice's)
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.Equal("alice", a.GetProperty("subject").GetProperty("person").GetString()));
        var events = Lines(files["events.ndjson"]);
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal("alice", e.GetProperty("user").GetProperty("name").GetString()));
        Assert.Equal(api.AliceFirst.Id.ToString(), events[0].GetProperty("event").GetProperty("id").GetString());
        Assert.Equal("alice", Assert.Single(Lines(files["findings.ndjson"])).GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("alice", Assert.Single(Lines(files["visits.ndjson"])).GetProperty("person").GetString());
        Assert.Equal("a-1", Assert.Single(Lines(files["other-alerts.ndjson"])).GetProperty("alert").GetString());
        var audit = Lines(files["audit.ndjson"]);
        Assert.Equal(["events.search", "events.get", "pseudonyms.reveal"], audit.Select(a => a.GetProperty("action").GetString()));
        Assert.Equal(["dsl", "dsl", "slt"], audit.Select(a => a.GetProperty("actor").GetString()));
        foreach (var other in new[] { "amir", "bob" }) Assert.DoesNotContain(other, string.Concat(files.Values));

        var summary = files[SubjectAccessExport.SummaryFile];
        Assert.Contains("# Data held about alice", summary);
        Assert.Contains("| events | 3 | 2026-11-23T10:00:00.000Z | 2026-11-23T13:00:00.000Z | events.ndjson |", summary);
        Assert.Contains("| example.com | 2 |", summary);
        Assert.Contains("| slt | pseudonyms.reveal | parent complaint 2026-11-23 | 1 |", summary);

        var recorded = api.AuditRecords[^1].Record;
        Assert.Equal(("dsl", SubjectAccessRoutes.Action, 3 + 1 + 1 + alerts.Count + 1 + 3L), (recorded.Actor, recorded.Action, recorded.Rows!.Value));
    }

    [Fact]
    public async Task A_school_scoped_dsl_gets_its_schools_records_only_and_is_told_visits_are_left_out()
    {
        await using var api = TestApi.Start();
        using var dslB = api.Client("dsl-b");

        var bob = await ZipOf(await dslB.GetAsync("/api/people/bob/subject-access"));
        Assert.Single(Lines(bob["events.ndjson"]));
        Assert.False(bob.ContainsKey("visits.ndjson"));
        Assert.Contains("visits are not kept per school yet", bob[SubjectAccessExport.SummaryFile]);

        var alice = await ZipOf(await dslB.GetAsync("/api/people/alice/subject-access"));
        Assert.Empty(Lines(alice["events.ndjson"]));  // alice is school A's
        Assert.Empty(Lines(alice["findings.ndjson"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await dslB.GetAsync($"/api/people/alice/subject-access?school={TestApi.SchoolA}")).StatusCode);
    }
}
