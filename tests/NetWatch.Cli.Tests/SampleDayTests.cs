using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

/// <summary>
/// The sample school day that <c>./run.sh</c> imports (samples/day/): imported as run.sh does, its summary shows
/// work, breaks, personal use by role, prohibited visits and safeguarding themes, and counts each request once.
/// </summary>
public sealed class SampleDayTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly string Day = RepoFiles.Path("samples", "day", "squid-2026-11-24.log");

    [Fact]
    public void The_sample_day_summary_shows_a_school_day()
    {
        var a = RepoFiles.Path("samples", "attribution");
        var store = _dir.File("store");
        var import = Netwatch.Run("import", "--store", store,
            "--directory", Path.Combine(a, "directory.csv"), "--devices", Path.Combine(a, "devices.csv"),
            "--leases", Path.Combine(a, "dhcpd.leases"),
            "--lists", RepoFiles.Path("data", "ut1"), "--lists", RepoFiles.Path("data", "lists", "school-example"),
            "--policy", RepoFiles.Path("policies", "000-local-authority.yaml"), Day);
        Assert.True(import.ExitCode == 0, import.Stderr);
        var lines = File.ReadAllLines(Day).Length;
        Assert.Contains($"{lines} lines read, {lines} events stored, 0 already stored, 0 dead-lettered", import.Stdout);

        var summary = Netwatch.Run("summary", "--store", store);
        Assert.True(summary.ExitCode == 0, summary.Stderr);
        var text = summary.Stdout;
        Assert.Contains($"by kind:     page views {lines}, DNS look-ups 0", text);   // each request once
        var verdicts = text.Split('\n').Single(l => l.StartsWith("by verdict (page views): "));
        foreach (var v in new[] { "work", "personal-break", "personal-working-hours", "prohibited", "safeguarding" })
            Assert.Matches($@"\b{v} [1-9]", verdicts);
        foreach (var role in new[] { "staff", "pupil" })
            foreach (var v in new[] { "personal-break", "personal-working-hours" })
                Assert.Matches($@"\n  {role} +{v} +[1-9]\d* +\d+\.\d min", text);
        var themes = text.Split('\n').Single(l => l.StartsWith("safeguarding themes (page views): "));
        foreach (var theme in new[] { "self-harm", "bullying", "eating-disorder", "suicide" }) Assert.Contains(theme, themes);
    }

    [Fact]
    public void Every_line_falls_between_07_30_and_18_00_london_on_a_term_tuesday()
    {
        var london = NodaTime.DateTimeZoneProviders.Tzdb["Europe/London"];
        var times = File.ReadLines(Day).Select(l => NodaTime.Instant.FromUnixTimeMilliseconds((long)(decimal.Parse(l[..l.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture) * 1000)).InZone(london).LocalDateTime).ToList();
        Assert.All(times, t => Assert.Equal(new NodaTime.LocalDate(2026, 11, 24), t.Date));
        Assert.All(times, t => Assert.InRange(t.TimeOfDay, new NodaTime.LocalTime(7, 30), new NodaTime.LocalTime(18, 0)));
        Assert.InRange(times.Count, 2000, 5000);
    }

    public void Dispose() => _dir.Dispose();
}
