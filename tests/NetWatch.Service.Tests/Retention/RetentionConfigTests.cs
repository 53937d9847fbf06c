using NetWatch.Service.Config;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Service.Tests.Retention;

/// <summary>The configuration's <c>retention</c> section: periods per kind and the daily job's time, errors at their line.</summary>
public sealed class RetentionConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    public void Dispose() => _dir.Dispose();

    private ServiceConfig Load(string retention)
    {
        var path = _dir.File("netwatch.yaml");
        File.WriteAllText(path, "store: s\nsources:\n  - name: a\n    path: x.log\n" + retention);
        return ServiceConfigReader.Load(path);
    }

    [Fact]
    public void Periods_and_the_daily_time_are_read()
    {
        var config = Load("retention:\n  events: 24 months\n  dead_letters: 30 days\n  daily_at: \"04:15\"\n");
        Assert.Equal(Period.FromMonths(24), config.Retention.Periods["events"].Period);
        Assert.Equal(Period.FromDays(30), config.Retention.Periods["dead_letters"].Period);
        Assert.False(config.Retention.Periods.ContainsKey("visits"));
        Assert.Equal(new LocalTime(4, 15), config.Retention.DailyAt);
        Assert.Equal(new LocalTime(2, 30), Load("").Retention.DailyAt);
    }

    [Theory]
    [InlineData("retention:\n  events: forever\n", 6, "'forever' is not a retention period")]
    [InlineData("retention:\n  event: 12 months\n", 6, "unknown setting 'retention.event'")]
    [InlineData("retention:\n  daily_at: 2am\n", 6, "'2am' is not a time of day")]
    [InlineData("retention:\n  events:\n    period: 12 months\n", 7, "unknown setting 'retention.events.period'")]
    public void A_bad_retention_setting_names_its_line(string retention, int line, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => Load(retention));
        Assert.Equal($"{_dir.File("netwatch.yaml")}:{line}", error.Where);
        Assert.Contains(problem, error.Problem);
    }
}
