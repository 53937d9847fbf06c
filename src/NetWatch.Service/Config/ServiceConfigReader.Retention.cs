using Microsoft.Extensions.Configuration;
using NetWatch.Core.Policy.Retention;
using NetWatch.Service.Retention;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Service.Config;

public static partial class ServiceConfigReader
{
    private const string DailyAtKey = "daily_at";

    /// <summary>
    /// <c>retention: { events: 12 months, findings: ..., visits: ..., dead_letters: ..., daily_at: "02:30" }</c> (KnownKey
    /// lets any <c>retention.NAME</c> through; the names are checked here).
    /// </summary>
    private static RetentionSettings ReadRetention(ConfigReader r, IConfiguration config)
    {
        var periods = new Dictionary<string, RetentionPeriod>(StringComparer.Ordinal);
        var dailyAt = RetentionSettings.DefaultDailyAt;
        foreach (var item in config.GetSection("retention").GetChildren())
        {
            var key = item.Key.ToLowerInvariant();
            var text = r.String(item.Path);
            if (key == DailyAtKey)
            {
                if (text is null) continue;
                var parsed = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text);
                dailyAt = parsed.Success ? parsed.Value : throw r.Error(item.Path, $"'{text}' is not a time of day such as 02:30");
            }
            else if (RetentionKinds.All.Contains(key))
            {
                if (text is null) continue;
                periods[key] = RetentionPeriod.Parse(text, null, out var error) ?? throw r.Error(item.Path, error!);
            }
            else throw r.Error(item.Path, $"unknown setting 'retention.{item.Key}': the kinds are {string.Join(", ", RetentionKinds.All)}, and {DailyAtKey}");
        }
        return new RetentionSettings { Periods = periods, DailyAt = dailyAt };
    }
}
