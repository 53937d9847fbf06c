using System.Diagnostics;
using NetWatch.Core.Visits;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

/// <summary>
/// What import's observers store: visits computed as batches pass equal the whole-day recomputation import used to
/// run after its pipeline (VisitRefresh: every stored event grouped at once), and a second import of the same file
/// stores no finding or visit twice.
/// </summary>
public sealed class ImportObserverTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private string Store => _dir.File("store");

    private static string Attribution(string name) => RepoFiles.Path("samples", "attribution", name);

    private static string[] EnrichArgs() =>
    [
        "--directory", Attribution("directory.csv"), "--devices", Attribution("devices.csv"),
        "--leases", Attribution("dhcpd.leases"), "--leases", Attribution("radacct-detail-20261122"), "--leases", Attribution("logons-nxlog.json"),
        "--lists", RepoFiles.Path("data", "ut1"), "--policy", RepoFiles.Path("policies", "000-local-authority.yaml"),
    ];

    private string Generate(int lines) => SharedData.GenerateSquidLog(_dir.File("generated.log"), lines, seed: 1);

    private static (string Person, string Domain, NodaTime.Instant Start, NodaTime.Instant End, int Count, string? Verdict, string Categories, Core.Events.EventId First) Key(Visit v) =>
        (v.Person, v.Domain, v.Start, v.End, v.EventCount, v.Verdict, string.Join(",", v.Categories), v.FirstEventId);

    [Fact]
    public void Visits_computed_as_batches_pass_equal_the_recomputation_from_every_stored_event()
    {
        var log = Generate(30_000);
        var import = Netwatch.Run(["import", "--store", Store, .. EnrichArgs(), log]);
        Assert.True(import.ExitCode == 0, import.Stderr);

        using var store = DuckDbStore.Open(Store);
        var stored = StoredVisits(store).Select(v => Key(v).ToString()).ToList();
        // What VisitRefresh stored: all the stored events of those days grouped at once, in order of start.
        var recomputed = VisitAggregator.Group(StoredEvents(store)).Select(v => Key(v).ToString()).ToList();
        Assert.True(recomputed.Count > 1000, $"only {recomputed.Count} visits");
        Assert.Equal(stored.Count, stored.Distinct().Count());
        var missing = recomputed.Except(stored).Take(5).ToList();
        var extra = stored.Except(recomputed).Take(5).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"recomputed but not stored:\n{string.Join("\n", missing)}\nstored but not recomputed:\n{string.Join("\n", extra)}");
    }

    [Fact]
    public void Importing_a_file_again_stores_each_finding_and_visit_once()
    {
        var log = Generate(20_000);
        var first = Netwatch.Run(["import", "--store", Store, .. EnrichArgs(), log]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var (findings, visits) = Contents();

        var again = Netwatch.Run(["import", "--store", Store, .. EnrichArgs(), log]);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("0 events stored", again.Stdout);
        Assert.Matches(@"findings: \d+ found, 0 stored", again.Stdout);
        var (findingsAgain, visitsAgain) = Contents();
        Assert.NotEmpty(findings);
        Assert.NotEmpty(visits);
        Assert.Equal(findings, findingsAgain);
        Assert.Equal(visits, visitsAgain);
    }

    /// <summary>Every stored event and finding, in (@timestamp, source, line) order.</summary>
    private static IEnumerable<Core.Events.NetEvent> StoredEvents(DuckDbStore store) =>
        store.Search.StreamAsync(EventQuery.All, CancellationToken.None).ToBlockingEnumerable();

    /// <summary>Every stored visit, by start then person.</summary>
    private static IReadOnlyList<Visit> StoredVisits(DuckDbStore store) =>
        store.Search.VisitsAsync(null, null, null, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Every finding (id and counts) and every visit in the store, each asserted to be there once.</summary>
    private (List<string> Findings, List<string> Visits) Contents()
    {
        using var store = DuckDbStore.Open(Store);
        var findings = StoredEvents(store).Where(e => e.Finding is not null)
            .Select(e => $"{e.Id} {e.Finding!.EventCount} {e.Finding.Bytes} {e.Finding.End}").Order().ToList();
        var visits = StoredVisits(store).Select(v => Key(v).ToString()).Order().ToList();
        Assert.Equal(findings.Count, findings.Distinct().Count());
        Assert.Equal(visits.Count, visits.Distinct().Count());
        return (findings, visits);
    }

    [Fact]
    public void An_empty_file_is_skipped_and_a_file_of_unknown_format_is_reported_while_the_others_are_imported()
    {
        var empty = _dir.File("empty.log");
        File.WriteAllText(empty, "");
        var squid = RepoFiles.Path("samples", "logs", "squid-native.log");
        var ok = Netwatch.Run("import", "--store", Store, squid, empty);
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        Assert.Contains($"{empty}: empty, skipped", ok.Stdout);
        Assert.Contains("479 events stored", ok.Stdout);

        var unknown = _dir.File("notes.txt");
        File.WriteAllText(unknown, "dear diary\nnothing to report\n");
        var partly = Netwatch.Run("import", "--store", _dir.File("store2"), unknown, squid);
        Assert.Equal(1, partly.ExitCode);
        Assert.Contains($"netwatch: {unknown}: cannot tell the log format (", partly.Stderr);
        Assert.Contains("479 events stored", partly.Stdout);
    }

    public void Dispose() => _dir.Dispose();
}
