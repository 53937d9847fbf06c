using NetWatch.Core.Parsing;

namespace NetWatch.Core.Tests.Parsing;

public class FormatDetectorTests
{
    [Theory]
    [MemberData(nameof(CorpusParseTests.AllFiles), MemberType = typeof(CorpusParseTests))]
    public void Each_corpus_file_is_detected_from_its_first_lines(string file, string format)
    {
        foreach (var count in new[] { 1, 5, 20, 1000 })
        {
            var d = FormatDetector.Detect(SharedCorpus.Lines(file).Take(count).ToList(), CorpusParseTests.CorpusOptions);
            Assert.True(d.Format == format, $"{file} with {count} lines: {d.Format ?? d.Reason}");
            Assert.Null(d.Reason);
        }
    }

    [Fact]
    public void Every_line_of_each_corpus_file_alone_points_to_its_format_or_nothing_else()
    {
        foreach (var data in CorpusParseTests.AllFiles)
        {
            var (file, format) = ((string)data[0], (string)data[1]);
            foreach (var line in SharedCorpus.Lines(file))
            {
                var d = FormatDetector.Detect([line], CorpusParseTests.CorpusOptions);
                if (d.Format is not null) Assert.True(d.Format == format, $"{file}: '{line}' detected as {d.Format}");
            }
        }
    }

    [Fact]
    public void A_squid_log_with_a_parent_but_also_direct_requests_is_squid()
    {
        string[] lines =
        [
            "1795386425.214      0 127.0.10.22 TCP_MISS/200 3088 GET http://www.bbc.co.uk/ j.smith DEFAULT_PARENT/10.0.0.1 -",
            "1795386425.398     22 127.0.10.21 TCP_MISS/200 55729 GET http://classroom.google.com/ p.jones DEFAULT_PARENT/10.0.0.1 -",
            "1795386425.495      2 127.0.10.21 TCP_MISS/200 16647 GET http://classroom.google.com/a.png p.jones HIER_DIRECT/127.0.0.2 image/png",
        ];
        Assert.Equal(LogFormats.SquidNative, FormatDetector.Detect(lines).Format);
        Assert.Equal(LogFormats.E2Guardian3, FormatDetector.Detect(lines[..2]).Format);
    }

    [Fact]
    public void Blank_lines_are_ignored_and_no_lines_give_a_reason()
    {
        var none = FormatDetector.Detect(["", "  "]);
        Assert.Null(none.Format);
        Assert.NotNull(none.Reason);
        var one = FormatDetector.Detect(["", SharedCorpus.Lines("squid-native.log")[0], ""]);
        Assert.Equal(LogFormats.SquidNative, one.Format);
        Assert.Equal(1, one.LinesExamined);
    }

    [Fact]
    public void Unknown_text_gives_null_with_a_reason()
    {
        var d = FormatDetector.Detect(["hello world", "this is not a proxy log"]);
        Assert.Null(d.Format);
        Assert.Contains("no line looks like", d.Reason);
    }

    [Fact]
    public void Lines_that_look_right_but_do_not_parse_give_null_with_a_reason()
    {
        var d = FormatDetector.Detect(["2026.11.22 22:26:19 a b c", "2026.11.22 22:26:19 d e f"]);
        Assert.Null(d.Format);
        Assert.Contains("e2guardian-1", d.Reason);
    }
}
