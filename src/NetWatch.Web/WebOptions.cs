using NetWatch.Core.Diagnostics;
using NetWatch.Core.Policy;
using NetWatch.Storage.Contracts.Aggregates;
using NodaTime;

namespace NetWatch.Web;

/// <summary>
/// What the pages need besides the store: the zone the school's dates and times are shown in, the school year's
/// terms (the SLT's trends and termly report), and how the live service was set up (the ICT page shows it).
/// </summary>
public sealed record WebOptions
{
    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>The terms of the school year, earliest first (from the policy's term dates); empty: trends cover the last 13 weeks.</summary>
    public IReadOnlyList<TermRange> Terms { get; init; } = [];

    /// <summary>The settings in force, as lines the ICT page lists (sources, reference lists, policy, attribution feeds).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>The live service's memory now, part by part against its shares (the ICT page shows it); empty: no live service here.</summary>
    public Func<IReadOnlyList<MemoryReading>> Memory { get; init; } = () => [];

    /// <summary>The Chromium that prints the termly report's PDF (<c>reports.chromium</c>); null: the first found on PATH.</summary>
    public string? Chromium { get; init; }

    /// <summary>The zone and terms of a school's policy.</summary>
    public static WebOptions From(SchoolPolicy policy) => new()
    {
        Zone = policy.TimeZone,
        Terms = [.. policy.Calendar.Terms.Select(t => new TermRange(t.Name, t.From, t.To))],
    };
}
