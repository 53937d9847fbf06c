using System.Globalization;
using System.Text.RegularExpressions;
using NetWatch.Core.Identity;
using NetWatch.Core.Events;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Core.Tests.Identity;

/// <summary>
/// The corpus logs as events, each paired with its ground-truth row. The parsing here is deliberately
/// minimal (time, client IP, logged user, status): only what attribution reads. Squid lines are joined
/// by line number (squid_line), e2guardian lines by file and line (e2g_log, e2g_line).
/// </summary>
internal static partial class CorpusEvents
{
    public sealed record Row(Dictionary<string, string> Fields)
    {
        public string this[string column] => Fields[column];
    }

    public sealed record Joined(NetEvent Event, Row Truth);

    [GeneratedRegex(@"^(?<ts>\d+\.\d+)\s+(?<el>\d+)\s+(?<ip>\S+)\s+(?<code>[A-Z_]+)/(?<status>\d{3})\s+(?<size>\d+)\s+(?<method>\S+)\s+(?<url>\S+)\s+(?<user>.+?)\s+(?<hier>\S+/\S+)\s+(?<mime>\S+)$")]
    private static partial Regex SquidLike();

    private static readonly LocalDateTimePattern E2gTime = LocalDateTimePattern.CreateWithInvariantCulture("uuuu.MM.dd HH:mm:ss");

    public static IReadOnlyList<Row> GroundTruth()
    {
        var lines = File.ReadAllLines(Path.Combine(TestPaths.Corpus, "ground-truth.csv"));
        Assert.True(CsvLine.TrySplit(lines[0], out var header, out _));
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            Assert.True(CsvLine.TrySplit(l, out var f, out var problem), problem);
            return new Row(header.Zip(f).ToDictionary(p => p.First, p => p.Second));
        }).ToList();
    }

    public static IReadOnlyList<Joined> All()
    {
        var truth = GroundTruth();
        var bySquidLine = truth.Where(r => r["squid_line"].Length > 0).ToDictionary(r => long.Parse(r["squid_line"]));
        var byE2gLine = truth.Where(r => r["e2g_log"].Length > 0).ToDictionary(r => (r["e2g_log"], long.Parse(r["e2g_line"])));
        var result = new List<Joined>();

        var squid = File.ReadAllLines(Path.Combine(TestPaths.Corpus, "squid-native.log"));
        for (var i = 0; i < squid.Length; i++)
        {
            var m = SquidLike().Match(squid[i]);
            Assert.True(m.Success, $"squid-native.log:{i + 1} not understood");
            var end = Epoch(m.Groups["ts"].Value);
            var start = end - Duration.FromMilliseconds(long.Parse(m.Groups["el"].Value));
            result.Add(new(Event("squid-native.log", i + 1, "squid", end, start, m.Groups["ip"].Value, m.Groups["user"].Value,
                int.Parse(m.Groups["status"].Value), long.Parse(m.Groups["size"].Value)), bySquidLine[i + 1]));
        }

        foreach (var (file, split) in E2gFormats)
        {
            var lines = File.ReadAllLines(Path.Combine(TestPaths.Corpus, file));
            for (var i = 0; i < lines.Length; i++)
            {
                var truthRow = byE2gLine[(file, i + 1)];
                var (time, ip, user) = split(lines[i]);
                // The status comes from the ground truth (e2g_logged_status): fmt1 cannot be split on spaces.
                var status = int.Parse(truthRow["e2g_logged_status"], CultureInfo.InvariantCulture);
                result.Add(new(Event(file, i + 1, "e2guardian", time, null, ip, user, status, 0), truthRow));
            }
        }
        return result;
    }

    private static readonly (string File, Func<string, (Instant, string, string)> Split)[] E2gFormats =
    [
        ("e2guardian-fmt1-dansguardian.log", l => { var f = l.Split(' '); return (Local(f[0] + " " + f[1]), f[3], f[2]); }),
        ("e2guardian-fmt2-csv.log", l => { var f = l.Split("\",\""); return (Local(f[0].Trim('"')), f[2], f[1]); }),
        ("e2guardian-fmt3-squid.log", l => { var m = SquidLike().Match(l); return (Epoch(m.Groups["ts"].Value), m.Groups["ip"].Value, m.Groups["user"].Value); }),
        ("e2guardian-fmt4-tab.log", l => { var f = l.Split('\t'); return (Local(f[0]), f[2], f[1]); }),
        ("e2guardian-fmt6-protex.log", l => { var f = l.Split('\t'); return (Epoch(f[0]), f[3], f[2]); }),
    ];

    private static Instant Epoch(string text)
    {
        var dot = text.IndexOf('.');
        return Instant.FromUnixTimeSeconds(long.Parse(text[..dot])) + Duration.FromMilliseconds(long.Parse(text[(dot + 1)..]));
    }

    // e2guardian writes local time; the corpus machine ran on UTC (and London is on GMT in November).
    private static Instant Local(string text) => E2gTime.Parse(text).Value.InUtc().ToInstant();

    private static NetEvent Event(string file, long line, string product, Instant end, Instant? start, string ip, string user, int status, long bytes) =>
        new()
        {
            Id = EventIdentity.Compute(file, line, ip + user),
            Origin = new EventOrigin(file, line),
            Timestamp = end,
            Start = start,
            End = end,
            Action = status == 407 ? EventActions.AuthRequired : status == 403 ? EventActions.Denied : EventActions.Allowed,
            Dataset = product + ".access",
            ObserverProduct = product,
            SourceIp = ip,
            SourceUserName = user == "-" ? null : user,
            UserName = user == "-" ? null : user,
            Url = UrlParts.Empty,
            StatusCode = status == 0 ? null : status,
            ResponseBytes = bytes,
        };
}
