using System.Text;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Sources.Tailing;
using NetWatch.Tests.Shared;

namespace NetWatch.Pipeline.Tests.Sources.Tailing;

public sealed class ParserPrimingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void The_directives_before_the_offset_are_read_again_the_last_fields_header_wins_and_nothing_after_it_counts()
    {
        string[] lines =
        [
            "#Software: Microsoft Internet Information Services 10.0",
            "#Fields: date time c-ip cs-method cs-uri-stem sc-status",
            "2026-11-23 09:15:01 10.20.7.21 GET /a 200",
            "#Fields: date time s-ip c-ip cs-method cs-uri-stem sc-status",
            "2026-11-23 09:16:01 10.20.0.30 10.20.7.22 GET /b 200",
            "#Fields: date time cs-method",
        ];
        var path = _dir.File("u_ex.log");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        var offset = Encoding.UTF8.GetByteCount(string.Join("\n", lines[..5]) + "\n");

        var parser = (IStatefulLogLineParser)LogFormats.CreateParser(LogFormats.W3c);
        Assert.Equal(3, ParserPriming.Prime(parser, path, offset));

        var next = parser.Parse("2026-11-23 09:17:01 10.20.0.30 10.20.7.23 GET /c 200", new EventOrigin(path, 7));
        Assert.True(next.IsSuccess, next.Reason);
        Assert.Equal("10.20.7.23", next.Event!.SourceIp);
        Assert.Equal(0, ParserPriming.Prime((IStatefulLogLineParser)LogFormats.CreateParser(LogFormats.W3c), path, 0));
    }

    public void Dispose() => _dir.Dispose();
}
