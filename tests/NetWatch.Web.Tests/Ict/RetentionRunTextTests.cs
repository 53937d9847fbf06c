using NetWatch.Web.Pages.Ict;
using NodaTime;

namespace NetWatch.Web.Tests.Ict;

/// <summary>The ICT page's words for a retention run's audit record (no browser: the text is the whole behaviour).</summary>
public sealed class RetentionRunTextTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Fact]
    public void A_runs_query_reads_as_what_was_deleted_in_school_time()
    {
        Assert.Equal("dead letters older than 12 months (before Tue 2 Dec 2025 20:34), rule default",
            RetentionRunText.Describe("""{"before":"2025-12-02T20:34:05.345Z","kind":"dead_letters","period":"12 months","rule":"default"}""", London));
        // Summer time: the school's clock, an hour ahead of UTC.
        Assert.Equal("events older than 3 months (before Mon 1 Jun 2026 10:00)",
            RetentionRunText.Describe("""{"before":"2026-06-01T09:00:00Z","kind":"events","period":"3 months"}""", London));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"before":"2025-12-02T20:34:05Z"}""")]
    [InlineData("[1,2]")]
    public void A_query_it_cannot_read_is_shown_as_recorded(string query) =>
        Assert.Equal(query, RetentionRunText.Describe(query, London));
}
