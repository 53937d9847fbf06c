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

    [Property(MaxTest = 300)]
    public Property Blocks_released_as_they_are_parsed_keep_their_lines_while_later_blocks_reuse_buffers()
    {
        // Lines of 0-12 characters in blocks of 8-24: most reads leave a partial line, and buffers come back while
        // up to `held` later blocks are still unparsed (the pipeline's blocks in flight).
        var gen = from lines in Gen.Choose(0, 12).Select(n => new string('x', n)).ListOf()
                  from blockChars in Gen.Choose(8, 24)
                  from held in Gen.Choose(0, 4)
                  select (lines, blockChars, held);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (lines, blockChars, held) = t;
            var numbered = lines.Select((l, i) => l + i).ToList();
            using var reader = new LineBlockReader(new StringReader(string.Concat(numbered.Select(l => l + "\n"))), "t", blockChars);
            var waiting = new Queue<LineBlock>();
            var seen = new List<string>();
            void ParseOldest()
            {
                var block = waiting.Dequeue();
                for (var i = 0; i < block.Count; i++) seen.Add(block.Line(i).ToString());
                block.Release();
            }
            while (reader.Read() is { } block)
            {
                waiting.Enqueue(block);
                if (waiting.Count > held) ParseOldest();
            }
            while (waiting.Count > 0) ParseOldest();
            return seen.SequenceEqual(numbered);
        });
    }

    [Fact]
    public void A_released_block_gives_its_buffer_to_a_later_block_and_reads_no_more()
    {
        using var reader = new LineBlockReader(new StringReader(string.Concat(Enumerable.Range(0, 50).Select(i => $"line {i}\n"))), "t", 32);
        var first = reader.Read()!;
        first.Release();
        Assert.Throws<InvalidOperationException>(() => first.Line(0).Length);
        Assert.Equal(0, first.BufferLength);
        first.Release(); // twice: the buffer is given back once
        var taken = reader.Buffers.Take();
        Assert.Equal("line 0\n", new string(taken, 0, 7)); // the first block's buffer, as it was read (not cleared)
        Assert.NotEqual("line 0\n", new string(reader.Buffers.Take(), 0, 7)); // given back once: the next one is new
    }

    [Fact]
    public void Buffers_keep_at_most_their_bound_and_only_their_length()
    {
        var buffers = new BlockBuffers(16, keep: 2);
        var made = Enumerable.Range(0, 4).Select(_ => buffers.Take()).ToList();
        foreach (var b in made) buffers.GiveBack(b);
        buffers.GiveBack(new char[17]);
        var again = Enumerable.Range(0, 3).Select(_ => buffers.Take()).ToList();
        Assert.Equal(2, again.Count(a => made.Any(m => ReferenceEquals(m, a))));
        Assert.All(again, a => Assert.Equal(16, a.Length));
    }
}
