using NetWatch.Web.Pages.Auditor;
using NodaTime;

namespace NetWatch.Web.Tests.Auditor;

/// <summary>The audit log page's words for a record's query (no browser: the text is the whole behaviour).</summary>
public sealed class AuditFiltersTextTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Fact]
    public void A_search_reads_as_its_filters_in_words_who_first_and_times_in_school_time()
    {
        // As the API records it: parameter names in ordinal order, instants in UTC.
        Assert.Equal("Person: y9.khan; From: Mon 1 Jun 2026 10:00; Until: Tue 2 Jun 2026 10:00; Site: kahoot.it; Verdict: Personal, in working hours",
            AuditFiltersText.Describe("""{"domain":"kahoot.it","from":"2026-06-01T09:00:00Z","person":"y9.khan","to":"2026-06-02T09:00:00Z","verdict":"personal-working-hours"}""", London));
        // Winter: the school's clock is UTC.
        Assert.Equal("From: Tue 1 Dec 2026 09:00",
            AuditFiltersText.Describe("""{"from":"2026-12-01T09:00:00Z"}""", London));
    }

    [Fact]
    public void A_parameter_it_does_not_know_keeps_its_own_name_after_the_known_ones() =>
        Assert.Equal("Week of: 2026-11-23; Page: slt.week; new thing: 3",
            AuditFiltersText.Describe("""{"new_thing":"3","view":"slt.week","week":"2026-11-23"}""", London));

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2]")]
    [InlineData("\"a string\"")]
    public void A_query_it_cannot_read_is_shown_as_recorded(string query) =>
        Assert.Equal(query, AuditFiltersText.Describe(query, London));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_query_says_nothing(string? query) => Assert.Equal("", AuditFiltersText.Describe(query, London));
}
