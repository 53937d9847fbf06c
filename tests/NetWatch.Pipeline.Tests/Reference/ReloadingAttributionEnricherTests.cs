using NetWatch.Core.Events;
using NetWatch.Pipeline.Reference;
using NetWatch.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Pipeline.Tests.Reference;

/// <summary>
/// The live service's attribution re-reads its feeds when they change (no sooner than its check interval) and
/// switches between batches; a reload that fails keeps the data in use and says why, with file and line.
/// </summary>
public sealed class ReloadingAttributionEnricherTests : IDisposable
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 11, 0);
    private readonly TempDirectory _dir = new();
    private readonly FakeClock _clock = new(Now);
    private readonly List<string> _reports = [];

    private static string Logon(string user, string time) =>
        $$"""{"EventTime":"2026-11-23T{{time}}.000000Z","Hostname":"class-pc.school.example","EventID":4624,"TargetUserName":"{{user}}","TargetDomainName":"SCHOOL","LogonType":"2","IpAddress":"127.0.0.1","SourceModuleType":"im_msvistalog"}""";

    private static NetEvent Request(string time)
    {
        var at = InstantPattern(time);
        return new NetEvent
        {
            Id = new EventId(1), Origin = new EventOrigin("t", 1), Timestamp = at, Start = at, Action = EventActions.Allowed,
            Dataset = "squid.access", ObserverProduct = "squid", SourceIp = "10.0.0.50", Url = UrlParts.Empty,
        };
    }

    private static Instant InstantPattern(string time) => NodaTime.Text.InstantPattern.ExtendedIso.Parse($"2026-11-23T{time}Z").Value;

    private string? Attributed(ReloadingAttributionEnricher enricher, string time)
    {
        NetEvent[] batch = [Request(time)];
        enricher.EnrichBatch(batch);
        return batch[0].UserName;
    }

    private void WaitFor(ReloadingAttributionEnricher enricher, Func<bool> done)
    {
        // The reload runs off the stream's thread; each batch looks whether it has finished.
        for (var i = 0; i < 500 && !done(); i++)
        {
            enricher.EnrichBatch(Span<NetEvent>.Empty);
            Thread.Sleep(10);
        }
        Assert.True(done(), "the reload did not finish: " + string.Join("; ", _reports));
    }

    [Fact]
    public void A_grown_feed_is_read_again_and_a_bad_one_keeps_the_data_in_use()
    {
        var people = _dir.File("people.csv");
        var devices = _dir.File("devices.csv");
        var logons = _dir.File("logons.json");
        File.WriteAllText(people, "username,role\np.jones,pupil\nj.smith,staff\n");
        File.WriteAllText(devices, "ip,mac,name,owner,kind\n10.0.0.50,,class-pc,,shared\n");
        File.WriteAllText(logons, Logon("p.jones", "09:00:00") + "\n");
        var settings = new AttributionSettings { Directory = people, Devices = devices, Leases = [logons] };
        var enricher = new ReloadingAttributionEnricher(settings, _clock, Duration.FromMinutes(1), _reports.Add);
        Assert.Equal("p.jones", Attributed(enricher, "10:30:00"));

        File.AppendAllText(logons, Logon("j.smith", "10:00:00") + "\n");
        Assert.Equal("p.jones", Attributed(enricher, "10:30:00")); // not looked at before the interval has passed
        _clock.Advance(Duration.FromSeconds(61));
        WaitFor(enricher, () => enricher.Reloads == 1);
        Assert.Equal("j.smith", Attributed(enricher, "10:30:00"));
        Assert.Equal("p.jones", Attributed(enricher, "09:30:00"));

        File.WriteAllText(people, "username,role\np.jones,pupil\nj.smith,teacher\n");
        _clock.Advance(Duration.FromSeconds(61));
        WaitFor(enricher, () => _reports.Any(r => r.Contains("not reloaded")));
        Assert.Contains(_reports, r => r.Contains($"{people}:3: role 'teacher' is not one of"));
        Assert.Equal(1, enricher.Reloads);
        Assert.Equal("j.smith", Attributed(enricher, "10:30:00"));

        // Unchanged files are not read again, however much time passes.
        _clock.Advance(Duration.FromHours(1));
        Attributed(enricher, "10:30:00");
        Thread.Sleep(50);
        Attributed(enricher, "10:30:00");
        Assert.Single(_reports, r => r.Contains("not reloaded"));
    }

    [Fact]
    public void Bad_files_at_start_fail_with_file_and_line()
    {
        var people = _dir.File("people.csv");
        File.WriteAllText(people, "username,role\nj.smith,teacher\n");
        var error = Assert.Throws<AttributionFilesException>(() =>
            new ReloadingAttributionEnricher(new AttributionSettings { Directory = people }, _clock, Duration.FromMinutes(1), _reports.Add));
        Assert.Contains($"{people}:2: role 'teacher'", error.Message);
    }

    public void Dispose() => _dir.Dispose();
}
