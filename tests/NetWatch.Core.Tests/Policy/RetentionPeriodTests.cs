using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Policy.Parsing;
using NetWatch.Core.Policy.Retention;
using NodaTime;

namespace NetWatch.Core.Tests.Policy;

/// <summary>Retention periods: their text, the policy file's <c>retention</c> key, and the cut-off in school time.</summary>
public class RetentionPeriodTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Theory]
    [InlineData("12 months", "12 months")]
    [InlineData("1 month", "1 month")]
    [InlineData("90 days", "90 days")]
    [InlineData("6 Weeks", "6 weeks")]
    [InlineData(" 2 years ", "2 years")]
    [InlineData("1 years", "1 year")]
    public void Readable_periods_parse(string text, string normalised)
    {
        var period = RetentionPeriod.Parse(text, "6", out var error);
        Assert.Null(error);
        Assert.Equal(normalised, period!.Text);
        Assert.Equal("6", period.Clause);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("twelve months")]
    [InlineData("0 days")]
    [InlineData("12 fortnights")]
    [InlineData("101 years")]
    [InlineData("-3 months")]
    public void Anything_else_is_refused_with_a_reason(string text)
    {
        Assert.Null(RetentionPeriod.Parse(text, null, out var error));
        Assert.Contains($"'{text}'", error);
    }

    [Fact]
    public void Months_are_calendar_months_in_school_time_across_the_clock_change()
    {
        // 2027-04-01 10:00 BST is 09:00Z; twelve months before in school time is 2026-04-01 10:00 BST (09:00Z).
        var now = Instant.FromUtc(2027, 4, 1, 9, 0);
        Assert.Equal(Instant.FromUtc(2026, 4, 1, 9, 0), RetentionPeriod.Default.Cutoff(now, London));
        // 2027-01-15 10:00 GMT; three months before is 2026-10-15 10:00 BST = 09:00Z.
        var three = RetentionPeriod.Parse("3 months", null, out _)!;
        Assert.Equal(Instant.FromUtc(2026, 10, 15, 9, 0), three.Cutoff(Instant.FromUtc(2027, 1, 15, 10, 0), London));
    }

    private static Gen<Instant> Instants =>
        Gen.Choose(0, 3 * 366 * 24 * 60).Select(m => Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromMinutes(m));

    [Property(MaxTest = 500)]
    public Property The_cutoff_is_before_now_at_the_same_school_local_time_of_the_earlier_date() =>
        Prop.ForAll((
            from now in Instants
            from text in Gen.Elements("1 day", "30 days", "6 weeks", "1 month", "12 months", "2 years")
            select (now, text)).ToArbitrary(), pair =>
        {
            var (now, text) = pair;
            var period = RetentionPeriod.Parse(text, null, out _)!;
            var cutoff = period.Cutoff(now, London);
            var expected = now.InZone(London).LocalDateTime.Minus(period.Period);
            var back = cutoff.InZone(London).LocalDateTime;
            // A local time that does not exist (the spring gap) is moved forward by the gap's hour; an ambiguous one
            // (autumn) maps to either of its instants, which read back as the same local time.
            return cutoff < now && (back == expected || back == expected.PlusHours(1));
        });

    private const string Base = """
        name: small
        roles:
          staff:
            kind: staff
            week: { weekdays: { working: "08:00-16:30" } }
        rules:
          - { id: all, clause: "1", verdict: work }
        """;

    [Fact]
    public void A_policy_states_a_period_and_clause_per_kind()
    {
        var result = PolicyParser.Parse(Base + """

            retention:
              events: { period: "12 months", clause: "6" }
              dead_letters: { period: "30 days", clause: "6 (operation of the system)" }
            """, "p.yaml");
        Assert.True(result.Success, string.Join("\n", result.Errors));
        var retention = result.Policy!.Retention;
        Assert.Equal(["dead_letters", "events"], retention.Keys.Order());
        Assert.Equal(Period.FromMonths(12), retention["events"].Period);
        Assert.Equal("6 (operation of the system)", retention["dead_letters"].Clause);
    }

    [Theory]
    [InlineData("  event: { period: \"12 months\", clause: \"6\" }", 9, "unknown key 'event'")]
    [InlineData("  events: { period: \"a year\", clause: \"6\" }", 9, "retention.events: 'a year' is not a retention period")]
    [InlineData("  events: { period: \"12 months\" }", 9, "retention.events: missing 'clause'")]
    [InlineData("  visits: 12 months", 9, "retention.visits must be a mapping")]
    public void A_bad_retention_entry_is_an_error_at_its_line(string entry, int line, string message)
    {
        var result = PolicyParser.Parse(Base + "\nretention:\n" + entry + "\n", "p.yaml");
        var error = Assert.Single(result.Errors);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("003-glenmere")]
    [InlineData("004-droitwich")]
    public void The_seed_policies_that_speak_of_retention_state_every_kind_of_monitoring_record(string name)
    {
        var policy = PolicyFiles.Load(name);
        Assert.Equal([RetentionKinds.DeadLetters, RetentionKinds.Events, RetentionKinds.Findings, RetentionKinds.Visits], policy.Retention.Keys.Order());
        Assert.Equal(Period.FromMonths(12), policy.Retention[RetentionKinds.Events].Period);
        Assert.All(policy.Retention.Values, p => Assert.False(string.IsNullOrWhiteSpace(p.Clause)));
    }
}
