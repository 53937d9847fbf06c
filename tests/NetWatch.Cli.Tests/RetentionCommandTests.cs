using NetWatch.Core.Parsing;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Cli.Tests;

/// <summary><c>netwatch retention run</c> as a technician runs it, against the system clock.</summary>
public sealed class RetentionCommandTests
{
    [Fact]
    public async Task Retention_run_deletes_what_is_past_the_policys_period_and_the_audit_log_shows_it()
    {
        using var dir = new TempDirectory();
        var store = dir.File("store");
        var now = SystemClock.Instance.GetCurrentInstant();
        using (var opened = DuckDbStore.Open(store))
        using (var session = opened.Writer.Begin())
        {
            await session.WriteEventsAsync(
            [
                TestEvents.Minimal(1, now - Duration.FromDays(400), "alice"),
                TestEvents.Minimal(2, now - Duration.FromDays(300), "alice"),
            ], default);
            await session.WriteDeadLettersAsync(
            [
                new DeadLetter("proxy", 5, "junk", "bad-timestamp", null, now - Duration.FromDays(120)),
                new DeadLetter("proxy", 6, "junk", "bad-timestamp", null, now - Duration.FromDays(10)),
            ], default);
            await session.CommitAsync(default);
        }

        var run = Netwatch.Run("retention", "run", "--store", store, "--policy", RepoFiles.Path("policies", "004-droitwich.yaml"));

        Assert.True(run.ExitCode == 0, run.Stderr);
        var rows = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split('\t')).ToDictionary(c => c[0]);
        Assert.Equal(["12 months", "1"], rows["events"][1..2].Append(rows["events"][3]));
        Assert.Equal(["3 months", "1"], rows["dead_letters"][1..2].Append(rows["dead_letters"][3]));
        Assert.StartsWith("policy 004-droitwich, clause 6", rows["events"][4]);
        using (var opened = DuckDbStore.Open(store))
        {
            var left = new List<long>();
            await foreach (var e in opened.Search.StreamAsync(EventQuery.All, default)) left.Add(e.Origin.LineNumber);
            Assert.Equal([2L], left);
        }
        var audit = Netwatch.Run("audit", "--store", store).Stdout.Split('\n').Where(l => l.Contains("\tretention.delete\t")).ToList();
        Assert.Equal(["alerts", "dead_letters", "events", "findings", "visits"], audit.Select(l => l.Split("\"kind\":\"")[1].Split('"')[0]).Order());
        Assert.StartsWith("no period set", rows["referred_alerts"][1]);
        Assert.Contains(audit, l => l.Contains($"\tos:{Environment.UserName}\t") && l.Contains("\"kind\":\"events\"") && l.Contains("\tok\t1\t"));
    }

    [Fact]
    public void Without_a_store_or_with_both_a_store_and_a_config_it_is_a_usage_error()
    {
        Assert.Equal(2, Netwatch.Run("retention", "run").ExitCode);
        var both = Netwatch.Run("retention", "run", "--store", "x", "--config", "y");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--store DIR or --config FILE", both.Stderr);
    }

    [Fact]
    public void Import_says_when_it_read_events_the_next_retention_run_deletes_and_is_silent_otherwise()
    {
        using var dir = new TempDirectory();
        var recent = RepoFiles.Path("samples", "logs", "squid-native.log");
        var fresh = Netwatch.Run("import", "--store", dir.File("fresh"), recent);
        Assert.True(fresh.ExitCode == 0, fresh.Stderr);
        Assert.DoesNotContain("note:", fresh.Stdout);

        // The same lines two years earlier (Squid's first field is the Unix time in seconds).
        var old = dir.File("old.log");
        File.WriteAllLines(old, File.ReadLines(recent).Select(line =>
        {
            var space = line.IndexOf(' ');
            var seconds = decimal.Parse(line[..space], System.Globalization.CultureInfo.InvariantCulture) - 2 * 365 * 86400m;
            return seconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + line[space..];
        }));
        var imported = Netwatch.Run("import", "--store", dir.File("old"), "--policy", RepoFiles.Path("policies", "004-droitwich.yaml"), old);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        Assert.Matches(@"note: events from 20\d\d-\d\d-\d\dT[^ ]+ on are older than the 12 months events are kept \(policy 004-droitwich, clause 6", imported.Stdout);
    }
}
