using System.Text;
using NetWatch.Core.Parsing;

namespace NetWatch.Pipeline.Sources.Tailing;

/// <summary>
/// A stateful parser resumed in the middle of a file has not seen the header lines that set its state (W3C's
/// <c>#Fields:</c>, repeated whenever the server restarts). Before the first block, the file's directive lines up to
/// the resume offset are given to it, in order, as if it had read them: the lines after the offset then parse as
/// they would have without the stop.
/// </summary>
public static class ParserPriming
{
    /// <summary>Feeds the '#' lines of <paramref name="file"/> before byte <paramref name="offset"/> to the parser; returns how many.</summary>
    public static int Prime(IStatefulLogLineParser parser, string file, long offset)
    {
        if (offset <= 0) return 0;
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        using var reader = new StreamReader(new BoundedStream(stream, offset), new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
        var fed = 0;
        var origin = new Core.Events.EventOrigin(file, 0);
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith('#')) continue;
            parser.Parse(line, origin);
            fed++;
        }
        return fed;
    }

    /// <summary>The first <c>length</c> bytes of a stream.</summary>
    private sealed class BoundedStream(Stream inner, long length) : ReadOnlyStream
    {
        private long _left = length;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left <= 0) return 0;
            var n = inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= n;
            return n;
        }

    }
}
