using NetWatch.Core.Parsing;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>The detector tells the firewall, DNS and W3C formats apart, and from the proxy formats.</summary>
public class FormatDetectorNewFormatsTests
{
    private static readonly string[] NewFormats =
        [LogFormats.Fortigate, LogFormats.PfSenseFilterlog, LogFormats.Dnsmasq, LogFormats.BindQuery, LogFormats.W3c];

    [Theory]
    [MemberData(nameof(FormatSamples.Files), MemberType = typeof(FormatSamples))]
    public void Each_sample_file_is_detected_whole_and_from_its_first_lines(string file, string format)
    {
        var lines = FormatSamples.Lines(file);
        foreach (var count in new[] { 2, 3, 5, lines.Length })
        {
            var d = FormatDetector.Detect(lines.Take(count).ToList(), FormatSamples.Options);
            Assert.True(d.Format == format, $"{file} with {count} lines: {d.Format ?? d.Reason}");
        }
    }

    [Theory]
    [MemberData(nameof(FormatSamples.Files), MemberType = typeof(FormatSamples))]
    public void Each_sample_line_alone_points_to_its_format_or_nothing(string file, string format)
    {
        foreach (var line in FormatSamples.Lines(file))
        {
            var d = FormatDetector.Detect([line], FormatSamples.Options);
            if (d.Format is not null) Assert.True(d.Format == format, $"{file}: '{line}' detected as {d.Format}");
        }
    }

    [Fact]
    public void A_w3c_file_cut_after_its_header_is_still_w3c_but_data_lines_alone_are_not()
    {
        var lines = FormatSamples.Lines("w3c-iis.log");
        Assert.Equal(LogFormats.W3c, FormatDetector.Detect(lines[..5]).Format);
        var dataOnly = FormatDetector.Detect(lines[5..9]);
        Assert.Null(dataOnly.Format);
        Assert.Contains("w3c", dataOnly.Reason);
    }

    [Theory]
    [MemberData(nameof(CorpusParseTests.AllFiles), MemberType = typeof(CorpusParseTests))]
    public void The_proxy_corpus_is_still_detected_as_before_and_no_line_of_it_looks_like_a_new_format(string file, string format)
    {
        var lines = SharedCorpus.Lines(file);
        Assert.Equal(format, FormatDetector.Detect(lines.Take(20).ToList(), CorpusParseTests.CorpusOptions).Format);
        foreach (var line in lines)
        {
            var d = FormatDetector.Detect([line], CorpusParseTests.CorpusOptions);
            Assert.False(d.Format is not null && NewFormats.Contains(d.Format), $"{file}: '{line}' detected as {d.Format}");
        }
    }

    [Fact]
    public void Comment_lines_are_not_examined()
    {
        var d = FormatDetector.Detect(["# a note", "# another", FormatSamples.Lines("dnsmasq.log")[1]], FormatSamples.Options);
        Assert.Equal(LogFormats.Dnsmasq, d.Format);
        Assert.Equal(1, d.LinesExamined);
    }

    [Fact]
    public void A_syslog_file_of_another_program_is_not_detected()
    {
        var d = FormatDetector.Detect(["Nov 23 09:15:01 host sshd[12]: Accepted publickey for root", "Nov 23 09:15:02 host cron[13]: (root) CMD (true)"],
            FormatSamples.Options);
        Assert.Null(d.Format);
    }

    [Fact]
    public void The_new_formats_are_registered_with_parsers_that_report_their_name()
    {
        foreach (var name in NewFormats)
        {
            Assert.True(LogFormats.IsKnown(name));
            Assert.Equal(name, LogFormats.CreateParser(name).Format);
        }
        Assert.Equal(13, LogFormats.Names.Count);
        Assert.Equal(LogFormats.Names.Count, LogFormats.Names.Distinct().Count());
        Assert.NotSame(LogFormats.CreateParser(LogFormats.W3c), LogFormats.CreateParser(LogFormats.W3c));
    }
}
