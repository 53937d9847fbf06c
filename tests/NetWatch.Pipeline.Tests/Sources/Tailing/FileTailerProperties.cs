using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Sources.Tailing;
using NetWatch.Tests.Shared;

namespace NetWatch.Pipeline.Tests.Sources.Tailing;

/// <summary>
/// Whatever the block size, a file's lines come out of the tailer as they are in it: the same text (a carriage return
/// before the newline dropped), numbered from 1, and the last position at the file's end. Small blocks cut lines, and
/// lines longer than a block, and multi-byte characters at a block's edge, go through the partial line carried over
/// between reads. The same with the tailer's buffers reused (<see cref="TailOptions.ReuseBlocks"/>: each block read
/// whole before the next is asked for).
/// </summary>
public sealed class FileTailerProperties
{
    private static Arbitrary<string[]> Texts =>
        Gen.Elements('a', 'b', ' ', '\r', 'é', '€', '/', '?').ArrayOf().Select(cs => new string(cs))
            .ArrayOf().Where(lines => lines.Length > 0).ToArbitrary();

    private static Arbitrary<int> BlockSizes => Gen.Choose(1, 96).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Every_line_comes_out_once_in_order_whatever_the_block_size() =>
        Prop.ForAll(Texts, BlockSizes, Gen.Zip(Gen.Elements(true, false), Gen.Elements(true, false)).ToArbitrary(), (lines, blockBytes, how) =>
        {
            var (terminated, reuse) = how;
            using var dir = new TempDirectory();
            var path = dir.File("access.log");
            var content = string.Join("\n", lines) + (terminated ? "\n" : "");
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes(content));
            using var tailer = new FileTailer("proxy", path, new TailOptions { BlockBytes = blockBytes, StopAtEnd = true, ReuseBlocks = reuse });
            tailer.Start(null);
            var got = new List<(long Number, string Text)>();
            SourcePositionEnd? end = null;
            while (tailer.ReadAsync(CancellationToken.None).GetAwaiter().GetResult() is { } block)
            {
                for (var i = 0; i < block.Lines.Count; i++) got.Add((block.Lines.FirstLineNumber + i, block.Lines.Line(i).ToString()));
                end = new SourcePositionEnd(block.Position.Offset, block.Position.LineNumber);
            }
            // What the file holds, line by line: a last line without its newline still counts when it is not empty.
            var expected = (terminated || lines[^1].Length > 0 ? lines : lines[..^1])
                .Select((text, i) => ((long)i + 1, text.EndsWith('\r') ? text[..^1] : text)).ToList();
            var bytes = new FileInfo(path).Length;
            return got.SequenceEqual(expected) && (expected.Count == 0 ? end is null : end == new SourcePositionEnd(bytes, expected.Count));
        });

    /// <summary>
    /// Without <see cref="TailOptions.ReuseBlocks"/> a block is its reader's to keep (the pipeline parses it later): the
    /// lines of every block read, looked at only after the last read, are still the file's (the tailer's read buffer,
    /// reused by every read, is never a block's).
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Blocks_kept_past_later_reads_keep_their_lines() =>
        Prop.ForAll(Texts, BlockSizes, (lines, blockBytes) =>
        {
            using var dir = new TempDirectory();
            var path = dir.File("access.log");
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
            using var tailer = new FileTailer("proxy", path, new TailOptions { BlockBytes = blockBytes, StopAtEnd = true });
            tailer.Start(null);
            var blocks = new List<LineBlock>();
            while (tailer.ReadAsync(CancellationToken.None).GetAwaiter().GetResult() is { } block) blocks.Add(block.Lines);
            var got = blocks.SelectMany(b => Enumerable.Range(0, b.Count).Select(i => b.Line(i).ToString()));
            return got.SequenceEqual(lines.Select(text => text.EndsWith('\r') ? text[..^1] : text));
        });

    private sealed record SourcePositionEnd(long Offset, long LineNumber);
}
