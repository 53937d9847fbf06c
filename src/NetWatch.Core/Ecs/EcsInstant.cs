using NodaTime;
using NodaTime.Text;

namespace NetWatch.Core.Ecs;

/// <summary>How documents and CSV write an instant: ISO 8601 in UTC with milliseconds, as Elasticsearch's date type reads it.</summary>
public static class EcsInstant
{
    private static readonly InstantPattern Pattern = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.fff'Z'");

    public static string Format(Instant instant) => Pattern.Format(instant);
}
