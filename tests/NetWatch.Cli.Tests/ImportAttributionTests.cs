using System.Text.Json;
using NetWatch.Core.Identity;
using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

/// <summary>
/// <c>netwatch import --directory --devices --leases</c> on the corpus: every stored event names the person
/// the ground truth does, and the findings are stored and exported as alerts.
/// </summary>
public sealed class ImportAttributionTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private string Store => _dir.File("store");

    private static string Attribution(string name) => RepoFiles.Path("samples", "attribution", name);
    private static string Log(string name) => RepoFiles.Path("samples", "logs", name);

    private static readonly string[] E2gLogs =
        ["e2guardian-fmt1-dansguardian.log", "e2guardian-fmt2-csv.log", "e2guardian-fmt3-squid.log", "e2guardian-fmt4-tab.log", "e2guardian-fmt6-protex.log"];

    private static string[] AttributionArgs() =>
    [
        "--directory", Attribution("directory.csv"), "--devices", Attribution("devices.csv"),
        "--leases", Attribution("dhcpd.leases"), "--leases", Attribution("dhcpd-syslog.log"), "--leases", Attribution("DhcpSrvLog-Sun.log"),
        "--leases", Attribution("radacct-detail-20261122"), "--leases", Attribution("logons-nxlog.json"),
    ];

    [Fact]
    public void Every_imported_corpus_event_names_the_ground_truth_person_and_findings_are_exported()
    {
        string[] logs = [Log("squid-native.log"), .. E2gLogs.Select(Log)];
        var import = Netwatch.Run(["import", "--store", Store, .. AttributionArgs(), .. logs]);
        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.Contains("findings: 5 found, 5 stored (concurrent-logon 1, shared-password 1, unattributed-volume 2, unregistered-hardware 1)", import.Stdout);

        var export = Netwatch.Run("export", "--store", Store);
        Assert.Equal(0, export.ExitCode);
        var docs = export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var truth = GroundTruth();
        var events = docs.Where(d => d.GetProperty("event").GetProperty("dataset").GetString() != "netwatch.finding").ToList();
        Assert.Equal(479 + 5 * 69, events.Count);
        var wrong = new List<string>();
        foreach (var d in events)
        {
            var origin = d.GetProperty("netwatch").GetProperty("origin");
            var file = Path.GetFileName(origin.GetProperty("source").GetString()!);
            var line = origin.GetProperty("line").GetInt64();
            var expected = truth[(file, line)];
            var got = d.TryGetProperty("user", out var u) && u.TryGetProperty("name", out var n) ? n.GetString() : null;
            if (got != (expected.Length == 0 ? null : expected)) wrong.Add($"{file}:{line} → '{got}', truth '{expected}'");
            Assert.True(d.GetProperty("netwatch").TryGetProperty("attribution", out _), $"{file}:{line} has no attribution");
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));

        var alerts = docs.Where(d => d.GetProperty("event").GetProperty("kind").GetString() == "alert").ToList();
        Assert.Equal(5, alerts.Count);
        var shared = Assert.Single(alerts, a => a.GetProperty("event").GetProperty("action").GetString() == "shared-password");
        var finding = shared.GetProperty("netwatch").GetProperty("finding");
        Assert.Equal("a.patel", finding.GetProperty("credential_user").GetString());
        Assert.Equal("s.nowak", finding.GetProperty("related_user").GetString());
        Assert.Equal("snowak-laptop", finding.GetProperty("related_device").GetString());
        Assert.Equal(3, finding.GetProperty("event_count").GetInt64());
        Assert.Equal("s.nowak", shared.GetProperty("user").GetProperty("name").GetString());
        Assert.Contains("possible shared or stolen password", shared.GetProperty("message").GetString());

        // Importing again finds the same findings and stores none of them twice.
        var again = Netwatch.Run(["import", "--store", Store, .. AttributionArgs(), Log("squid-native.log")]);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("findings: 5 found, 0 stored", again.Stdout);
    }

    [Fact]
    public void The_teachers_login_used_on_the_pupils_laptop_counts_for_the_pupil_only_with_attribution()
    {
        var lines = File.ReadLines(Log("squid-native.log")).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var logged = lines.Where(f => f[7] == "a.patel").ToList();
        var anonymousOnHerLaptop = lines.Count(f => f[2] == "127.0.10.13" && f[7] == "-");
        var fromPupil = logged.Count(f => f[2] == "127.0.10.26");
        Assert.Equal(3, fromPupil);

        var plain = _dir.File("plain");
        Assert.Equal(0, Netwatch.Run("import", "--store", plain, Log("squid-native.log")).ExitCode);
        Assert.Equal(logged.Count, Rows(Netwatch.Run("export", "--store", plain, "--user", "a.patel", "--format", "csv")));

        var import = Netwatch.Run(["import", "--store", Store, .. AttributionArgs(), Log("squid-native.log")]);
        Assert.Equal(0, import.ExitCode);
        Assert.Equal(logged.Count - fromPupil + anonymousOnHerLaptop, Rows(Netwatch.Run("export", "--store", Store, "--user", "a.patel", "--format", "csv")));
    }

    private static int Rows(Netwatch.Result csv) =>
        csv.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Count(r => !r.Contains("netwatch.finding"));

    [Fact]
    public void A_bad_reference_file_exits_2_naming_file_line_and_problem()
    {
        var people = _dir.File("people.csv");
        File.WriteAllText(people, "username,role\nj.smith,staff\na.patel,teacher\n");
        var result = Netwatch.Run("import", "--store", Store, "--directory", people, Log("squid-native.log"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{people}:3: role 'teacher' is not one of staff, pupil, visitor, contractor", result.Stderr);
        Assert.False(Directory.Exists(Store)); // nothing imported

        var missing = Netwatch.Run("import", "--store", Store, "--leases", _dir.File("none.leases"), Log("squid-native.log"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("none.leases' does not exist", missing.Stderr);
    }

    [Fact]
    public void Wired_networks_limit_unregistered_hardware_to_their_subnets()
    {
        var outside = Netwatch.Run(["import", "--store", Store, .. AttributionArgs(), "--wired-network", "10.20.0.0/16", Log("squid-native.log")]);
        Assert.True(outside.ExitCode == 0, outside.Stderr);
        Assert.Contains("findings: 4 found", outside.Stdout);
        Assert.DoesNotContain("unregistered-hardware", outside.Stdout);

        var inside = Netwatch.Run(["import", "--store", _dir.File("store2"), .. AttributionArgs(), "--wired-network", "10.20.0.0/16",
            "--wired-network", "127.0.10.0/24", Log("squid-native.log")]);
        Assert.True(inside.ExitCode == 0, inside.Stderr);
        Assert.Contains("unregistered-hardware 1", inside.Stdout);

        var bad = Netwatch.Run(["import", "--store", _dir.File("store3"), .. AttributionArgs(), "--wired-network", "127.0.10.0/33", Log("squid-native.log")]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--wired-network '127.0.10.0/33' is not a subnet", bad.Stderr);
    }

    private static Dictionary<(string File, long Line), string> GroundTruth()
    {
        var lines = File.ReadAllLines(SharedData.Corpus("ground-truth.csv"));
        Assert.True(CsvLine.TrySplit(lines[0], out var header, out _));
        int Col(string name) => header.IndexOf(name);
        var result = new Dictionary<(string, long), string>();
        foreach (var l in lines.Skip(1).Where(l => l.Length > 0))
        {
            Assert.True(CsvLine.TrySplit(l, out var f, out _));
            var user = f[Col("attributed_user")];
            if (f[Col("squid_line")].Length > 0) result[("squid-native.log", long.Parse(f[Col("squid_line")]))] = user;
            if (f[Col("e2g_log")].Length > 0) result[(f[Col("e2g_log")], long.Parse(f[Col("e2g_line")]))] = user;
        }
        return result;
    }

    public void Dispose() => _dir.Dispose();
}
