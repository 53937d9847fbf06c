using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Pipeline.Sources;

namespace NetWatch.Pipeline.Tests.Sources;

public class LineBlockReaderTests
{
    private static List<(long Number, string Text)> ReadAll(string text, int blockChars)
    {
        using var reader = new LineBlockReader(new StringReader(text), "t", blockChars);
        var lines = new List<(long, string)>();
        while (reader.Read() is { } block)
            for (var i = 0; i < block.Count; i++) lines.Add((block.FirstLineNumber + i, block.Line(i).ToString()));
        return lines;
    }

    [Property(MaxTest = 300)]
    public Property Every_line_comes_out_whole_once_in_order_whatever_the_block_size()
    {
        var lineGen = Gen.Elements('a', 'b', ' ', '"', 'é', '\t').ArrayOf().Select(cs => new string(cs));
        var gen = from lines in lineGen.ListOf()
                  from crlf in Gen.Elements(true, false)
                  from finalNewline in Gen.Elements(true, false)
                  from blockChars in Gen.Choose(1, 40)
                  select (lines, crlf, finalNewline, blockChars);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (lines, crlf, finalNewline, blockChars) = t;
            var sep = crlf ? "\r\n" : "\n";
            var text = string.Join(sep, lines) + (finalNewline && lines.Count > 0 ? sep : "");
            // "a\n" and "a" are both one line; "" is no line; a last empty line without newline is no line.
            var expected = lines.ToList();
            if (!finalNewline && expected.Count > 0 && expected[^1].Length == 0) expected.RemoveAt(expected.Count - 1);
            var actual = ReadAll(text, blockChars);
            return actual.Select(l => l.Text).SequenceEqual(expected)
                && actual.Select(l => l.Number).SequenceEqual(Enumerable.Range(1, expected.Count).Select(i => (long)i));
        });
    }

    [Fact]
    public void A_line_longer_than_a_block_is_not_split()
    {
        var longLine = new string('x', 1000);
        Assert.Equal([(1L, "a"), (2L, longLine), (3L, "b")], ReadAll($"a\n{longLine}\nb\n", 16));
    }
}
