using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Sources.Tailing;
using NetWatch.Tests.Shared;

namespace NetWatch.Pipeline.Tests.Sources.Tailing;

/// <summary>
/// The tailer's pooled block buffers (<see cref="FileTailer.Buffers"/>) are read into again only once a block is
/// released, so whatever the reuse, every reader of a block sees the file's lines. Modelled as the live pipeline reads
/// them: blocks wait to be parsed (up to a number in flight), the parse reads each and releases it, unless the alerts'
/// read-ahead keeps it, when a second reader (enrichment) reads it again later, then releases it. Between the reads, the
/// file is appended to, renamed away (logrotate) or copied and truncated (copytruncate). Every block is pooled
/// (<see cref="TailOptions.PooledBlockChars"/> 0) and the pool keeps few buffers, so buffers go round many times.
/// </summary>
public sealed class PooledBlockProperties
{
    private static Gen<string[]> Lines =>
        Gen.Elements('a', 'b', ' ', '\r', 'é', '€', '/', '?').ArrayOf().Select(cs => new string(cs)).ArrayOf();

    public enum Change { Append, Rename, CopyTruncate }

    public sealed record Case(string[] First, string[] Second, Change Change, int BlockBytes, int Keep, int ParseInFlight,
        int EnrichInFlight, bool[] Held);

    private static Arbitrary<Case> Cases =>
        (from first in Lines
         from second in Lines
         from change in Gen.Elements(Change.Append, Change.Rename, Change.CopyTruncate)
         from blockBytes in Gen.Choose(1, 96)
         from keep in Gen.Choose(1, 3)
         from parseInFlight in Gen.Choose(0, 4)
         from enrichInFlight in Gen.Choose(0, 4)
         from held in Gen.Elements(true, false).ArrayOf()
         select new Case(first, second, change, blockBytes, keep, parseInFlight, enrichInFlight, held)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Every_reader_sees_the_files_lines_whatever_the_reuse() => Prop.ForAll(Cases, c =>
    {
        using var dir = new TempDirectory();
        var path = dir.File("access.log");
        // Marked first lines: a copytruncate's new content never starts as the old did (its fingerprint tells them apart).
        var first = c.First.Prepend("#first").ToArray();
        var second = c.Second.Prepend("#second").ToArray();
        File.WriteAllBytes(path, Bytes(first));
        using var tailer = new FileTailer("proxy", path,
            new TailOptions { BlockBytes = c.BlockBytes, StopAtEnd = true, PooledBlockChars = 0, PooledBuffersKept = c.Keep });
        tailer.Start(null);

        var toParse = new Queue<LineBlock>();
        var toEnrich = new Queue<(LineBlock Block, string[] Parsed)>();
        var parsed = new List<string>();
        var blocks = 0;
        void Parse()
        {
            var block = toParse.Dequeue();
            var lines = Read(block);
            parsed.AddRange(lines);
            if (c.Held.Length > 0 && c.Held[blocks++ % c.Held.Length]) toEnrich.Enqueue((block, lines));
            else block.Release();
        }
        void Enrich()
        {
            var (block, lines) = toEnrich.Dequeue();
            Assert.Equal(lines, Read(block));
            block.Release();
        }
        void ReadToEnd()
        {
            while (tailer.ReadAsync(CancellationToken.None).GetAwaiter().GetResult() is { } block)
            {
                toParse.Enqueue(block.Lines);
                while (toParse.Count > c.ParseInFlight) Parse();
                while (toEnrich.Count > c.EnrichInFlight) Enrich();
            }
        }

        ReadToEnd();
        switch (c.Change)
        {
            case Change.Append:
                File.AppendAllText(path, Encoding.UTF8.GetString(Bytes(second)));
                break;
            case Change.Rename:
                File.Move(path, path + ".1");
                File.WriteAllBytes(path, Bytes(second));
                break;
            case Change.CopyTruncate:
                File.Copy(path, path + ".1");
                using (var truncated = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) truncated.SetLength(0);
                // Seen truncated before it grows again (a tailer that finds it longer reads on from its offset: FileTailer's limit).
                ReadToEnd();
                File.WriteAllBytes(path, Bytes(second));
                break;
        }
        ReadToEnd();
        while (toParse.Count > 0) Parse();
        while (toEnrich.Count > 0) Enrich();

        var expected = first.Concat(second).Select(text => text.EndsWith('\r') ? text[..^1] : text);
        return parsed.SequenceEqual(expected);
    });

    private static byte[] Bytes(string[] lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));

    private static string[] Read(LineBlock block) => Enumerable.Range(0, block.Count).Select(i => block.Line(i).ToString()).ToArray();
}
