using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests.Contracts;

public abstract partial class StoreContractTests
{
    /// <summary>
    /// Five events (lines 1-5, a minute apart) and a finding (line 0), each filter's value held by some and not
    /// others, so a filter that was ignored selects more than it should.
    /// </summary>
    private async Task WriteFilterFixtureAsync()
    {
        var e1 = TestEvents.Full(1) with
        {
            Timestamp = At(1), UserName = "j.smith", SourceIp = "10.0.0.1",
            Url = Url("https://www.bbc.co.uk/news", "www.bbc.co.uk", "bbc.co.uk"),
            Classification = new Classification { Categories = ["news"] },
            Policy = new PolicyDecision { Verdict = "work", PolicyName = "000" },
        };
        var e2 = TestEvents.Full(2) with
        {
            Timestamp = At(2), UserName = "a.jones", SourceIp = "10.0.0.2", Action = EventActions.Denied,
            Url = Url("http://news.bbc.co.uk/Sport/live", "news.bbc.co.uk", "bbc.co.uk"),
            Classification = new Classification { Categories = ["news", "sports"] },
            Policy = new PolicyDecision { Verdict = "personal", PolicyName = "000" },
            Organization = new Organization { Id = "urn-2", Name = "Second School" },
        };
        var e3 = TestEvents.Full(3) with
        {
            Timestamp = At(3), UserName = null, Attribution = null, SourceIp = "10.0.0.3",
            Url = Url("https://www.google.co.uk/search?q=self+harm+help", "www.google.co.uk", "google.co.uk"),
            Classification = new Classification
            {
                Categories = ["search"], SearchEngine = "Google", SearchTerms = "self harm help",
                SafeguardingTheme = "self-harm", SafeguardingSeverity = 4, SafeguardingMatched = "self harm",
            },
            Policy = new PolicyDecision { Verdict = "concern", PolicyName = "000" },
        };
        var e4 = TestEvents.Full(4) with
        {
            Timestamp = At(4), UserName = "J.Smith", SourceIp = "10.0.0.1", Action = EventActions.DnsQuery,
            Url = Url("dns://example.com", "example.com", "example.com"),
            Classification = new Classification
            {
                Categories = [], SearchEngine = "Bing", SearchTerms = "homework help",
                SafeguardingTheme = "bullying", SafeguardingSeverity = 2, SafeguardingMatched = "bully",
            },
            Policy = null,
        };
        var e5 = TestEvents.Minimal(5, at: At(5)) with { Organization = new Organization { Id = "urn-1", Name = "First School" } };
        await WriteAsync(e1, e2, e3, e4, e5);
        using var session = Store.Writer.Begin();
        await session.WriteFindingsAsync([Finding("f", 3, At(0)) with { UserName = "j.smith" }], None);
        await session.CommitAsync(None);
    }

    private static Instant At(int minute) => TestEvents.Base + Duration.FromMinutes(minute);

    private static UrlParts Url(string original, string domain, string registered) =>
        new() { Original = original, Domain = domain, RegisteredDomain = registered, Scheme = original[..original.IndexOf(':')] };

    /// <summary>The lines the query selects, by search (all pages), stream and count alike.</summary>
    private async Task<List<long>> SelectedAsync(EventQuery query)
    {
        var searched = Lines(await SearchAllAsync(query, pageSize: 2));
        Assert.Equal(searched, Lines(await ToListAsync(Store.Search.StreamAsync(query, None))));
        Assert.Equal(searched.Count, await Store.Search.CountAsync(query, None));
        return searched;
    }

    [Fact]
    public async Task Without_filters_a_search_selects_every_event_and_finding_in_timestamp_order()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([0L, 1, 2, 3, 4, 5], await SelectedAsync(EventQuery.All));
    }

    [Fact]
    public async Task Filter_from_is_inclusive_and_to_exclusive()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([2L, 3], await SelectedAsync(new EventQuery { From = At(2), To = At(4) }));
        Assert.Equal([4L, 5], await SelectedAsync(new EventQuery { From = At(4) }));
        Assert.Equal([0L, 1], await SelectedAsync(new EventQuery { To = At(2) }));
    }

    [Fact]
    public async Task Filter_person_matches_user_name_whole_and_case_insensitively()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([0L, 1, 4], await SelectedAsync(new EventQuery { Person = "J.SMITH" }));
        Assert.Empty(await SelectedAsync(new EventQuery { Person = "smith" }));
    }

    [Fact]
    public async Task Filter_source_ip()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([1L, 4], await SelectedAsync(new EventQuery { SourceIp = "10.0.0.1" }));
    }

    [Fact]
    public async Task Filter_domain_matches_the_domain_or_the_registered_domain()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([1L, 2], await SelectedAsync(new EventQuery { Domain = "bbc.co.uk" }));
        Assert.Equal([2L], await SelectedAsync(new EventQuery { Domain = "NEWS.bbc.co.uk" }));
    }

    [Fact]
    public async Task Filter_url_contains_text_anywhere_in_the_url_case_insensitively()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([2L], await SelectedAsync(new EventQuery { UrlContains = "sport/" }));
        Assert.Equal([3L], await SelectedAsync(new EventQuery { UrlContains = "q=SELF" }));
    }

    [Fact]
    public async Task Filter_categories_selects_events_holding_any_of_them()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([2L, 3], await SelectedAsync(new EventQuery { Categories = ["sports", "search"] }));
        Assert.Equal([1L, 2], await SelectedAsync(new EventQuery { Categories = ["news"] }));
    }

    [Fact]
    public async Task Filter_verdict()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([2L], await SelectedAsync(new EventQuery { Verdict = "personal" }));
    }

    [Fact]
    public async Task Filter_safeguarding_theme()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([4L], await SelectedAsync(new EventQuery { SafeguardingTheme = "bullying" }));
    }

    [Fact]
    public async Task Filter_minimum_severity_selects_safeguarding_matches_at_least_that_serious()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([3L], await SelectedAsync(new EventQuery { MinSeverity = 3 }));
        Assert.Equal([3L, 4], await SelectedAsync(new EventQuery { MinSeverity = 1 }));
    }

    [Fact]
    public async Task Filter_search_terms_contain_text_case_insensitively()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([3L, 4], await SelectedAsync(new EventQuery { SearchTermsContain = "HELP" }));
        Assert.Equal([4L], await SelectedAsync(new EventQuery { SearchTermsContain = "homework" }));
    }

    [Fact]
    public async Task Filter_action()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([4L], await SelectedAsync(new EventQuery { Action = EventActions.DnsQuery }));
        Assert.Equal([2L], await SelectedAsync(new EventQuery { Action = EventActions.Denied }));
    }

    [Fact]
    public async Task Filter_school()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([2L], await SelectedAsync(new EventQuery { School = "urn-2" }));
        Assert.Equal([5L], await SelectedAsync(new EventQuery { School = "urn-1" }));
    }

    [Fact]
    public async Task Filter_findings_selects_findings_or_observed_events()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([0L], await SelectedAsync(new EventQuery { Findings = true }));
        Assert.Equal([1L, 2, 3, 4, 5], await SelectedAsync(new EventQuery { Findings = false }));
    }

    [Fact]
    public async Task Filters_combine_with_and()
    {
        await WriteFilterFixtureAsync();
        Assert.Equal([1L], await SelectedAsync(new EventQuery { Person = "j.smith", Domain = "bbc.co.uk", Findings = false }));
        Assert.Empty(await SelectedAsync(new EventQuery { Person = "a.jones", Verdict = "work" }));
    }

    [Fact]
    public async Task Search_text_is_taken_as_a_value_never_as_query_text()
    {
        await WriteFilterFixtureAsync();
        Assert.Empty(await SelectedAsync(new EventQuery { Person = "x' OR '1'='1" }));
        Assert.Empty(await SelectedAsync(new EventQuery { UrlContains = "%" }));
        Assert.Equal(6, await Store.Search.CountAsync(EventQuery.All, None));
    }

    [Fact]
    public async Task A_page_ends_with_a_cursor_that_the_next_page_starts_after_and_the_last_page_has_none()
    {
        await WriteFilterFixtureAsync();
        var first = await Store.Search.SearchAsync(EventQuery.All, 4, null, None);
        Assert.Equal([0L, 1, 2, 3], Lines(first.Events));
        Assert.NotNull(first.Next);
        Assert.True(EventCursor.TryParse(first.Next!.ToToken(), out var parsed));
        var second = await Store.Search.SearchAsync(EventQuery.All, 4, parsed, None);
        Assert.Equal([4L, 5], Lines(second.Events));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task A_page_over_a_long_range_holds_its_first_events_however_far_apart_they_lie()
    {
        // Days 0, 3, 20 and 39 of a 40-day range: a page's rows need not lie in any first part of the range.
        int[] days = [0, 0, 3, 20, 20, 39];
        await WriteAsync([.. days.Select((d, i) => TestEvents.Minimal(i + 1, at: TestEvents.Base + Duration.FromDays(d) + Duration.FromMinutes(i)))]);
        var range = new EventQuery { From = TestEvents.Base, To = TestEvents.Base + Duration.FromDays(40) };

        foreach (var size in new[] { 1, 2, 3, 5, 6, 7 })
            Assert.Equal([1L, 2, 3, 4, 5, 6], Lines(await SearchAllAsync(range, size)));
        var first = await Store.Search.SearchAsync(range, 3, null, None);
        Assert.Equal([1L, 2, 3], Lines(first.Events));
        Assert.Equal([4L, 5, 6], Lines((await Store.Search.SearchAsync(range, 3, first.Next, None)).Events));
        Assert.Equal([6L], Lines((await Store.Search.SearchAsync(range with { From = TestEvents.Base + Duration.FromDays(21) }, 5, null, None)).Events));
        Assert.Equal([1L, 2, 3, 4, 5, 6], Lines((await Store.Search.SearchAsync(range with { To = null }, 10, null, None)).Events));
    }

    /// <summary>
    /// Events at few distinct instants (so many share one) from sources whose names differ only in case: read page by page,
    /// the pages make up every event exactly once in (@timestamp, source, line) order, whatever the page size.
    /// Each case writes into its own day and searches only that day.
    /// </summary>
    private static int _pagingDays;

    [Property(MaxTest = 25)]
    public Property Pages_concatenate_to_the_whole_ordered_result_without_duplicates_or_gaps()
    {
        var gen =
            from count in Gen.Choose(0, 40)
            from rows in Gen.ListOf(
                from second in Gen.Choose(0, 3)
                from source in Gen.Elements("a.log", "B.log", "b.log", "b.log.1")
                from line in Gen.Choose(1, 1_000_000)
                select (second, source, line), count)
            from pageSize in Gen.Choose(1, 7)
            select (rows, pageSize);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            // FsCheck may build the property more than once: a counter shared by every build keeps the days apart.
            var day = Interlocked.Increment(ref _pagingDays);
            var start = TestEvents.Base + Duration.FromDays(day);
            var events = x.rows.DistinctBy(r => (r.source, r.line))
                .Select(r => TestEvents.Minimal(r.line, at: start + Duration.FromSeconds(r.second), source: r.source)
                    with { Id = EventIdentity.Compute($"paging-{day}", r.line, r.source) })
                .ToList();
            WriteAsync([.. events]).GetAwaiter().GetResult();
            var query = new EventQuery { From = start, To = start + Duration.FromDays(1) };
            var paged = SearchAllAsync(query, x.pageSize).GetAwaiter().GetResult();
            var expected = events.OrderBy(e => e.Timestamp).ThenBy(e => e.Origin.Source, StringComparer.Ordinal)
                .ThenBy(e => e.Origin.LineNumber).Select(e => e.Id).ToList();
            return paged.Select(e => e.Id).SequenceEqual(expected);
        });
    }
}
