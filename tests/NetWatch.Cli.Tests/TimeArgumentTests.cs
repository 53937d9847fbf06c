using NetWatch.Cli.Arguments;
using NodaTime;

namespace NetWatch.Cli.Tests;

public class TimeArgumentTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Theory]
    [InlineData("2026-11-22T22:24:51Z", "2026-11-22T22:24:51Z")]
    [InlineData("2026-07-01T08:30:00+01:00", "2026-07-01T07:30:00Z")]
    [InlineData("2026-07-01", "2026-06-30T23:00:00Z")]          // local midnight in BST
    [InlineData("2026-11-22", "2026-11-22T00:00:00Z")]          // local midnight in GMT
    [InlineData("2026-07-01T08:30", "2026-07-01T07:30:00Z")]
    [InlineData("2026-07-01 08:30:15", "2026-07-01T07:30:15Z")]
    [InlineData("2026-03-29T01:30", "2026-03-29T01:30:00Z")]    // in the skipped hour: moved forward by the gap (02:30 BST)
    [InlineData("2026-10-25T01:30", "2026-10-25T00:30:00Z")]    // in the repeated hour: the earlier one
    public void Reads_instants_and_school_local_times(string text, string expectedUtc)
    {
        Assert.True(TimeArgument.TryParse(text, London, out var instant));
        Assert.Equal(NodaTime.Text.InstantPattern.General.Parse(expectedUtc).Value, instant);
    }

    [Theory]
    [InlineData("")]
    [InlineData("22/11/2026")]
    [InlineData("2026-13-01")]
    public void Rejects_what_is_not_a_time(string text) => Assert.False(TimeArgument.TryParse(text, London, out _));
}
