using System.Text;
using NetWatch.Core.Events;
using NetWatch.Pipeline.Sources.Tailing;
using NetWatch.Tests.Shared;

namespace NetWatch.Pipeline.Tests.Sources.Tailing;

public sealed class FileTailerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _log;
    private static readonly TailOptions Options = new() { PollInterval = TimeSpan.FromMilliseconds(10), BlockBytes = 64 };

    public FileTailerTests() => _log = _dir.File("access.log");

    private void Append(string path, string text)
    {
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        file.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Reads blocks until <paramref name="lines"/> lines came (never more than that many blocks' worth of waiting).</summary>
    private static async Task<(List<(long Number, string Text)> Lines, SourcePosition? Last)> ReadLines(FileTailer tailer, int lines)
    {
        var got = new List<(long, string)>();
        SourcePosition? last = null;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (got.Count < lines && await tailer.ReadAsync(bound.Token) is { } block)
        {
            for (var i = 0; i < block.Lines.Count; i++) got.Add((block.Lines.FirstLineNumber + i, block.Lines.Line(i).ToString()));
            last = block.Position;
        }
        return (got, last);
    }

    private static string Lines(int from, int count) => string.Concat(Enumerable.Range(from, count).Select(i => $"line {i}\n"));

    [Fact]
    public async Task An_appended_line_is_read_when_the_file_changes_not_at_the_next_poll()
    {
        File.WriteAllText(_log, Lines(1, 2));
        // A poll an hour long: only the change notification can wake the tailer within the read's 30-second bound.
        using var tailer = new FileTailer("proxy", _log, Options with { PollInterval = TimeSpan.FromHours(1) });
        tailer.Start(null);
        Assert.Equal(2, (await ReadLines(tailer, 2)).Lines.Count);

        var waiting = ReadLines(tailer, 1);
        Append(_log, "line 3\n");
        Assert.Equal([(3L, "line 3")], (await waiting).Lines);

        // The file created after the tailer started waiting for it, and a rotation, wake it as well.
        File.Move(_log, _log + ".1");
        waiting = ReadLines(tailer, 1);
        Append(_log, "line 1 of the new file\n");
        Assert.Equal([(1L, "line 1 of the new file")], (await waiting).Lines);
    }

    [Fact]
    public async Task Blocks_of_the_small_object_size_keep_their_arrays_off_the_large_object_heap()
    {
        const int LargeObjectBytes = 85_000;
        File.WriteAllText(_log, Lines(1, 100_000));                         // about 1.2 MB
        using var tailer = new FileTailer("proxy", _log, new TailOptions { BlockBytes = TailOptions.SmallObjectBlockBytes, StopAtEnd = true });
        tailer.Start(null);
        var (lines, blocks) = (0L, 0);
        while (await tailer.ReadAsync(CancellationToken.None) is { } block)
        {
            Assert.True(block.Lines.BufferLength * sizeof(char) < LargeObjectBytes, $"a block of {block.Lines.BufferLength} characters");
            (lines, blocks) = (lines + block.Lines.Count, blocks + 1);
        }
        Assert.Equal(100_000, lines);
        Assert.True(blocks >= new FileInfo(_log).Length / TailOptions.SmallObjectBlockBytes);
    }

    [Fact]
    public async Task A_partial_line_waits_for_its_newline()
    {
        File.WriteAllText(_log, "line 1\nline 2\nli");
        using var tailer = new FileTailer("proxy", _log, Options);
        tailer.Start(null);
        var (first, position) = await ReadLines(tailer, 2);
        Assert.Equal([(1L, "line 1"), (2L, "line 2")], first);
        Assert.Equal(14, position!.Offset);

        Append(_log, "ne 3\r\nline 4\n");
        var (next, end) = await ReadLines(tailer, 2);
        Assert.Equal([(3L, "line 3"), (4L, "line 4")], next);
        Assert.Equal(new FileInfo(_log).Length, end!.Offset);
        Assert.Equal(4, end.LineNumber);
    }

    [Fact]
    public async Task Rotation_by_rename_finishes_the_old_file_then_follows_the_new_one_from_line_1()
    {
        File.WriteAllText(_log, Lines(1, 50));
        using var tailer = new FileTailer("proxy", _log, Options);
        tailer.Start(null);
        var (first, _) = await ReadLines(tailer, 50);
        Append(_log, Lines(51, 10) + "last line without newline");
        File.Move(_log, _log + ".1");
        File.WriteAllText(_log, "new 1\nnew 2\n");

        var (rest, position) = await ReadLines(tailer, 13);
        Assert.Equal(Enumerable.Range(51, 10).Select(i => $"line {i}").Append("last line without newline").Concat(["new 1", "new 2"]),
            rest.Select(l => l.Text));
        Assert.Equal([1L, 2L], rest.TakeLast(2).Select(l => l.Number));
        Assert.Equal(FileIdentity.OfPath(_log), position!.FileId);
    }

    [Fact]
    public async Task Copytruncate_reads_the_rest_from_the_copy_then_the_file_from_its_start()
    {
        File.WriteAllText(_log, Lines(1, 100));
        using var tailer = new FileTailer("proxy", _log, Options);
        tailer.Start(null);
        await ReadLines(tailer, 100);
        Append(_log, Lines(101, 5));
        File.Copy(_log, _log + ".1");
        File.WriteAllText(_log, "");
        Append(_log, "after 1\n");

        var (rest, position) = await ReadLines(tailer, 6);
        Assert.Equal(Enumerable.Range(101, 5).Select(i => $"line {i}").Append("after 1"), rest.Select(l => l.Text));
        Assert.Equal(1, rest[^1].Number);
        Assert.Equal(8, position!.Offset);
    }

    [Fact]
    public async Task A_restart_resumes_at_the_committed_position_even_after_a_rotation_while_stopped()
    {
        File.WriteAllText(_log, Lines(1, 30));
        SourcePosition committed;
        using (var tailer = new FileTailer("proxy", _log, Options))
        {
            tailer.Start(null);
            var (_, position) = await ReadLines(tailer, 10);
            committed = position!;
        }
        Assert.True(committed.LineNumber < 30);
        Append(_log, Lines(31, 5));
        File.Move(_log, _log + ".1");
        File.WriteAllText(_log, "new 1\n");

        using var restarted = new FileTailer("proxy", _log, Options);
        restarted.Start(committed);
        var expected = 35 - (int)committed.LineNumber + 1;
        var (rest, _) = await ReadLines(restarted, expected);
        Assert.Equal(Enumerable.Range((int)committed.LineNumber + 1, 35 - (int)committed.LineNumber).Select(i => $"line {i}").Append("new 1"),
            rest.Select(l => l.Text));
        Assert.Equal(committed.LineNumber + 1, rest[0].Number);
    }

    [Fact]
    public async Task Rotated_twice_while_stopped_it_finishes_its_file_then_the_one_rotated_in_between_then_the_new_one()
    {
        File.WriteAllText(_log, Lines(1, 20));
        SourcePosition committed;
        using (var tailer = new FileTailer("proxy", _log, Options))
        {
            tailer.Start(null);
            var (_, position) = await ReadLines(tailer, 5);
            committed = position!;
        }
        Assert.True(committed.LineNumber < 20);
        Append(_log, Lines(21, 2));
        Thread.Sleep(20);   // the files' modification times in the order they were written, on any filesystem's clock
        File.Move(_log, _log + ".1");
        File.WriteAllText(_log, "between 1\nbetween 2\n");
        Thread.Sleep(20);
        File.Move(_log + ".1", _log + ".2");
        File.Move(_log, _log + ".1");
        File.WriteAllText(_log, "new 1\n");

        using var restarted = new FileTailer("proxy", _log, Options);
        restarted.Start(committed);
        var expected = 22 - (int)committed.LineNumber + 3;
        var (rest, position2) = await ReadLines(restarted, expected);
        Assert.Equal(Enumerable.Range((int)committed.LineNumber + 1, 22 - (int)committed.LineNumber).Select(i => $"line {i}")
            .Concat(["between 1", "between 2", "new 1"]), rest.Select(l => l.Text));
        Assert.Equal([1L, 2L, 1L], rest.TakeLast(3).Select(l => l.Number));
        Assert.Equal(FileIdentity.OfPath(_log), position2!.FileId);
    }

    [Fact]
    public async Task With_stop_at_end_it_takes_a_last_unterminated_line_and_ends()
    {
        File.WriteAllText(_log, "a\nb");
        using var tailer = new FileTailer("proxy", _log, Options with { StopAtEnd = true });
        tailer.Start(null);
        var (lines, position) = await ReadLines(tailer, int.MaxValue);
        Assert.Equal(["a", "b"], lines.Select(l => l.Text));
        Assert.Equal(3, position!.Offset);
    }

    [Fact]
    public void After_start_its_position_names_the_file_opened_where_no_committed_position_did()
    {
        File.WriteAllText(_log, "a\nb\n");
        var id = FileIdentity.OfPath(_log);
        using (var fresh = new FileTailer("proxy", _log, Options))
        {
            fresh.Start(null);
            Assert.Equal((id, 0L, 0L, _log), (fresh.Position!.FileId, fresh.Position.Offset, fresh.Position.LineNumber, fresh.Position.Path));
        }
        using (var gone = new FileTailer("proxy", _log, Options))
        {
            gone.Start(new SourcePosition("proxy", "0:1", 40, 7, _dir.File("gone.log")));
            Assert.Equal((id, 0L, 0L), (gone.Position!.FileId, gone.Position.Offset, gone.Position.LineNumber));
        }
        using var resumed = new FileTailer("proxy", _log, Options);
        resumed.Start(new SourcePosition("proxy", id!, 2, 1, _log));
        Assert.Equal((id, 2L, 1L), (resumed.Position!.FileId, resumed.Position.Offset, resumed.Position.LineNumber));
    }

    [Fact]
    public void File_identity_is_kept_by_a_rename_and_differs_for_a_new_file()
    {
        File.WriteAllText(_log, "x\n");
        var before = FileIdentity.OfPath(_log);
        Assert.NotNull(before);
        File.Move(_log, _log + ".1");
        File.WriteAllText(_log, "x\n");
        Assert.Equal(before, FileIdentity.OfPath(_log + ".1"));
        Assert.NotEqual(before, FileIdentity.OfPath(_log));
        Assert.Null(FileIdentity.OfPath(_dir.File("missing")));
    }

    public void Dispose() => _dir.Dispose();
}
