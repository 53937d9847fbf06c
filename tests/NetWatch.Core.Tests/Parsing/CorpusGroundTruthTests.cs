using System.Globalization;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NodaTime;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>Each parsed corpus line against its ground-truth.csv row (squid_line / e2g_log + e2g_line).</summary>
public class CorpusGroundTruthTests
{
    private static readonly Duration Slack = Duration.FromMilliseconds(10);

    public static TheoryData<string, string> SquidFiles => new()
    {
        { "squid-native.log", LogFormats.SquidNative },
        { "squid-combined.log", LogFormats.SquidCombined },
        { "squid-custom.log", LogFormats.SquidCustom },
    };

    public static TheoryData<string, string> E2GuardianFiles => new()
    {
        { "e2guardian-fmt1-dansguardian.log", LogFormats.E2Guardian1 },
        { "e2guardian-fmt2-csv.log", LogFormats.E2Guardian2 },
        { "e2guardian-fmt3-squid.log", LogFormats.E2Guardian3 },
        { "e2guardian-fmt4-tab.log", LogFormats.E2Guardian4 },
        { "e2guardian-fmt6-protex.log", LogFormats.E2Guardian6 },
    };

    [Theory]
    [MemberData(nameof(SquidFiles))]
    public void Squid_lines_match_their_ground_truth_rows(string file, string format)
    {
        var results = CorpusParseTests.ParseFile(file, format);
        var rows = GroundTruth.Rows.Where(r => r["squid_line"] != "").ToList();
        Assert.Equal(481, rows.Count);
        Assert.Equal(Enumerable.Range(1, 481), rows.Select(r => int.Parse(r["squid_line"])).Order());
        var millisecondTimes = format != LogFormats.SquidCombined;
        foreach (var row in rows)
        {
            var n = int.Parse(row["squid_line"]);
            var r = results[n - 1];
            var where = $"{file}:{n} (seq {row["seq"]} {row["phase"]})";
            if (!r.IsSuccess)
            {
                Assert.Equal(ParseReasons.NoRequest, r.Reason);
                Assert.Equal("-", row["proxy_method"]);
                Assert.Equal("000", row["expected_status"]);
                continue;
            }
            var e = r.Event!;
            Assert.True(row["src_ip"] == e.SourceIp, $"{where} ip");
            Assert.True(Dash(row["squid_logged_user"]) == e.SourceUserName, $"{where} user '{e.SourceUserName}'");
            Assert.True(row["proxy_method"] == e.Method, $"{where} method");
            Assert.True(row["proxy_url"] == e.Url.Original, $"{where} url '{e.Url.Original}' != '{row["proxy_url"]}'");
            Assert.True(row["squid_logged"] == $"{e.Squid!.ResultCode}/{e.StatusCode ?? 0:D3}", $"{where} {row["squid_logged"]}");
            if (row["phase"] == "A-squid") Assert.True(Status(row["expected_status"]) == e.StatusCode, $"{where} status");
            AssertWithin(where, e.Timestamp, row, millisecondTimes);
        }
    }

    [Theory]
    [MemberData(nameof(E2GuardianFiles))]
    public void E2Guardian_lines_match_their_ground_truth_rows(string file, string format)
    {
        var results = CorpusParseTests.ParseFile(file, format);
        var rows = GroundTruth.Rows.Where(r => r["e2g_log"] == file).ToList();
        Assert.Equal(Enumerable.Range(1, 69), rows.Select(r => int.Parse(r["e2g_line"])).Order());
        var millisecondTimes = format is LogFormats.E2Guardian3 or LogFormats.E2Guardian6;
        foreach (var row in rows)
        {
            var n = int.Parse(row["e2g_line"]);
            var e = results[n - 1].Event;
            var where = $"{file}:{n}";
            Assert.True(e is not null, $"{where} not parsed: {results[n - 1].Reason}");
            Assert.True(row["src_ip"] == e.SourceIp, $"{where} ip");
            Assert.True(row["proxy_method"] == e.Method, $"{where} method");
            Assert.True(Status(row["e2g_logged_status"]) == e.StatusCode, $"{where} status");
            Assert.True(Status(row["expected_status"]) == e.StatusCode, $"{where} expected status");
            Assert.True(ExpectedE2GuardianUrl(row) == e.Url.Original, $"{where} url '{e.Url.Original}'");
            Assert.True(ExpectedE2GuardianUser(row) == e.SourceUserName, $"{where} user '{e.SourceUserName}'");
            var identifiedByIp = e.SourceUserName == row["src_ip"];
            Assert.True((identifiedByIp ? null : e.SourceUserName) == e.UserName, $"{where} user.name");
            if (format != LogFormats.E2Guardian3)
            {
                Assert.True(Dash(row["e2g_flag"])?.Trim('*') == e.E2Guardian!.Flag, $"{where} flag");
                Assert.True(Dash(row["e2g_category"]) == e.E2Guardian.Category, $"{where} category");
            }
            var expectedAction = row["e2g_flag"] switch
            {
                "*DENIED*" => EventActions.Denied,
                "*TRUSTED*" when format != LogFormats.E2Guardian3 => EventActions.Trusted,
                "*TRUSTED*" => EventActions.AuthRequired, // fmt 3 has no flag, only TCP_MISS/407
                _ when row["proxy_method"] == "CONNECT" => EventActions.Tunnel,
                _ => EventActions.Allowed,
            };
            Assert.True(expectedAction == e.Action, $"{where} action {e.Action}");
            AssertWithin(where, e.Timestamp, row, millisecondTimes);
        }
    }

    /// <summary>e2guardian logs a root path without its '/', and a CONNECT as https://host:port.</summary>
    private static string ExpectedE2GuardianUrl(IReadOnlyDictionary<string, string> row)
    {
        if (row["proxy_method"] == "CONNECT") return "https://" + row["proxy_url"];
        var url = row["proxy_url"];
        var pathStart = url.IndexOf('/', url.IndexOf("//", StringComparison.Ordinal) + 2);
        return pathStart == url.Length - 1 ? url[..^1] : url;
    }

    /// <summary>The name e2guardian authenticated (Squid lower-cases it too), the IP for a known device, or none.</summary>
    private static string? ExpectedE2GuardianUser(IReadOnlyDictionary<string, string> row) =>
        row["auth_ok"] == "yes" ? row["auth_user"].ToLowerInvariant()
        : row["src_ip"].StartsWith("127.0.20.", StringComparison.Ordinal) ? row["src_ip"]
        : null;

    /// <summary>The logged time lies between the request's start and end (seconds-only formats: truncated).</summary>
    private static void AssertWithin(string where, Instant t, IReadOnlyDictionary<string, string> row, bool milliseconds)
    {
        var start = Epoch(row["ts_start"]);
        var end = Epoch(row["ts_end"]);
        if (!milliseconds) start = Instant.FromUnixTimeSeconds(start.ToUnixTimeSeconds());
        Assert.True(t >= start - Slack && t <= end + Slack, $"{where} @timestamp {t} outside [{start}, {end}]");
    }

    private static Instant Epoch(string s) => Instant.FromUnixTimeMilliseconds((long)Math.Round(decimal.Parse(s, CultureInfo.InvariantCulture) * 1000));

    private static int? Status(string s) => int.Parse(s, CultureInfo.InvariantCulture) is var v && v != 0 ? v : null;

    private static string? Dash(string s) => s is "-" or "" ? null : s;
}
