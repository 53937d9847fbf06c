using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

public class SafeguardingExamplesTests
{
    [Fact]
    public void Examples_round_trip_through_the_file_format()
    {
        var e = new SafeguardingExample("ways to kms", true, "suicide", 5);
        var parsed = SafeguardingExamples.Parse(SafeguardingExamples.Header + "\n# a comment\n\n" + SafeguardingExamples.Format(e) + "\r\n", "f.tsv");
        Assert.Equal([e], parsed);
    }

    [Theory]
    [InlineData("concerning\tsuicide\t5", 1, "4 tab-separated columns")]
    [InlineData("maybe\tsuicide\t5\tx", 1, "label must be")]
    [InlineData("harmless\tsuicide\t3\tx", 1, "severity must be")]
    [InlineData("concerning\tsuicide\t0\tx", 1, "severity must be")]
    [InlineData("concerning\t\t4\tx", 1, "needs a theme")]
    public void A_bad_example_fails_with_line_and_reason(string line, int at, string reason)
    {
        var e = Assert.Throws<ReferenceDataException>(() => SafeguardingExamples.Parse(line, "f.tsv"));
        Assert.Equal(("f.tsv", (long)at), (e.SourceName, e.Line));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void The_split_is_fixed_by_the_text_alone()
    {
        Assert.Equal(SafeguardingExamples.IsMeasure("ways to kms"), SafeguardingExamples.IsMeasure("  Ways To KMS "));
        var share = Enumerable.Range(0, 10_000).Count(i => SafeguardingExamples.IsMeasure($"text {i}")) / 10_000.0;
        Assert.InRange(share, 0.32, 0.38);
    }
}
