using NetWatch.Core.Parsing;

namespace NetWatch.Core.Tests.Parsing;

public class LogFormatsTests
{
    [Fact]
    public void Every_name_has_a_parser_and_formatter_that_report_that_name()
    {
        Assert.Equal(13, LogFormats.Names.Count);
        foreach (var name in LogFormats.Names)
        {
            Assert.Equal(name, LogFormats.CreateParser(name).Format);
            Assert.Equal(name, LogFormats.CreateFormatter(name).Format);
            Assert.True(LogFormats.IsKnown(name));
        }
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_known_names()
    {
        Assert.False(LogFormats.TryCreateParser("apache", ParserOptions.Default, out _));
        var ex = Assert.Throws<ArgumentException>(() => LogFormats.CreateParser("apache"));
        Assert.Contains("squid-native", ex.Message);
        Assert.False(LogFormats.IsKnown(null));
    }
}
