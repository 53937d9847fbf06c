using System.Text;
using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Sources.Tailing;

/// <summary>
/// Follows one log file as it grows and hands out blocks of whole lines, each with the position reached
/// (file identity, byte offset just past its last line, line number from the start of that file).
/// <list type="bullet">
/// <item>A partial line at the end of the file waits until its newline arrives.</item>
/// <item>Rotation by rename: when the path names another file (a new device:inode), the old file is read to its
/// end (its last line is then taken whole), and the new one is followed from its start.</item>
/// <item>Copytruncate: when the file becomes shorter than what was read, or its first bytes change, the rest is read
/// from the copy (a sibling with the same first bytes) when there is one, then the file is followed from its start.</item>
/// <item>Resume: given the committed position it reopens that file, found by identity under the path or a rotated
/// name (or by fingerprint for a copy), at that offset and line number.</item>
/// </list>
/// At the end of the file it waits for the kernel's change notification, or at most <see cref="TailOptions.PollInterval"/>
/// (<see cref="FileChangeSignal"/>).
/// Lines a writer appends to a rotated file after it was read to its end are not seen (as with other tailers).
/// </summary>
public sealed class FileTailer(string source, string path, TailOptions options) : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false, false);

    private FileStream? _file;
    private string _filePath = "";
    private string _fileId = "";
    private string? _fingerprint;
    private long _readOffset;
    private long _committedOffset;
    private long _line;
    private byte[] _carry = [];
    private int _carryLength;
    // The bytes read last, filled again by the next read whatever TailOptions.ReuseBlocks says: Emit decodes them into
    // the block's own characters before it returns, so no block holds them (a partial line is copied to the carry,
    // another array; TakeCarry copies it).
    private byte[] _readBuffer = [];
    // With TailOptions.ReuseBlocks, the buffers handed out last, filled again by the next read.
    private char[] _chars = [];
    // Without it, the characters of large blocks: a whole block's worth each, taken back once the block is released.
    private BlockBuffers? _buffers;
    private int[] _starts = [], _lengths = [];
    private bool _finishing;
    /// <summary>Rotated files newer than the one being finished, oldest first: read whole after it, before the path (rotated twice while stopped).</summary>
    private readonly Queue<string> _rotatedAfter = new();
    private long _fileLength;
    private FileChangeSignal? _changes;

    /// <summary>Called with a note when something worth a log line happens (rotation seen, content lost...).</summary>
    public Action<string>? Notice { get; init; }

    /// <summary>
    /// The buffers the characters of blocks of <see cref="TailOptions.PooledBlockChars"/> or more are decoded into (without
    /// <see cref="TailOptions.ReuseBlocks"/>), each as long as a whole block (<see cref="TailOptions.BlockBytes"/> with a
    /// partial line carried over, up to <see cref="CarriedChars"/>): a block's buffer comes back when the last reader of
    /// its lines releases it (<see cref="LineBlock.Release"/>; the pipeline: after the parse, or after enrichment when the
    /// alerts' read-ahead's screened lines read it there). A block that needs more (a longer line carried over) gets a
    /// buffer of its own, which is not kept.
    /// </summary>
    public BlockBuffers Buffers => _buffers ??= new BlockBuffers(Utf8.GetMaxCharCount(options.BlockBytes) + CarriedChars, options.PooledBuffersKept);

    /// <summary>The characters of a partial line carried over that a block's pooled buffer has room for, beyond a whole block.</summary>
    public const int CarriedChars = 16 << 10;

    /// <summary>The configured path: events and dead letters name it as their source, whatever file they came from.</summary>
    public string Path => path;

    /// <summary>The file being read (the path, or a rotated or copied file being finished), null before it exists.</summary>
    public string? CurrentFile => _file is null ? null : _filePath;

    /// <summary>Where the next block starts in <see cref="CurrentFile"/>: after <see cref="Start"/>, the resume offset.</summary>
    public long CurrentOffset => _committedOffset;

    /// <summary>
    /// Where the next block starts, as the position a block ending there would carry (the open file's identity, offset,
    /// line, path and fingerprint); null while no file is open. After <see cref="Start"/> it names the file actually
    /// opened, which the resume position may not (a first start, a file gone or truncated while stopped).
    /// </summary>
    public SourcePosition? Position =>
        _file is null ? null : new SourcePosition(source, _fileId, _committedOffset, _line, _filePath, _fingerprint);

    /// <summary>Bytes not yet read past <paramref name="stored"/>: the rest of the current file, plus the new file when finishing a rotated one.</summary>
    public long BytesBehind(long storedOffset)
    {
        // The file's size now, not as the reader last saw it: under back-pressure the reader waits, and the file grows.
        var length = Interlocked.Read(ref _fileLength);
        try
        {
            if (_file is { } file) length = Math.Max(length, RandomAccess.GetLength(file.SafeFileHandle));
        }
        catch (ObjectDisposedException) { }   // the reader moved on to another file meanwhile
        var behind = Math.Max(0, length - storedOffset);
        if (_finishing && File.Exists(path)) behind += new FileInfo(path).Length;
        return behind;
    }

    /// <summary>Opens the file where <paramref name="resume"/> says reading stopped (or the path from its start).</summary>
    public void Start(SourcePosition? resume)
    {
        // Watched from before the first read, so that no change after it goes unnoticed until a poll.
        if (!options.StopAtEnd) _changes ??= new FileChangeSignal(path, Notice);
        if (resume is null)
        {
            if (File.Exists(path)) OpenAt(path, 0, 0, finishing: false);
            // Nothing of this source was stored before: its rotated files are history this tailer never knew (import reads them).
            if (RotatedFiles.Of(path) is { Count: > 0 } older)
                Notice?.Invoke($"{path}: no position stored for this source, so it is followed from the start of {path}; " +
                    $"its rotated files ({string.Join(", ", older.Select(f => System.IO.Path.GetFileName(f)))}) are not read (netwatch import reads them)");
            return;
        }
        var pathId = FileIdentity.OfPath(path);
        if (pathId is not null && pathId == resume.FileId)
        {
            OpenAt(path, resume.Offset, resume.LineNumber, finishing: false);
            if (_fileLength < resume.Offset || resume.Fingerprint is { } fp && !Fingerprint.Matches(_file!, fp))
            {
                var copy = resume.Fingerprint is { } f ? RotatedFiles.FindByFingerprint(path, f, resume.Offset) : null;
                if (copy is not null) OpenAt(copy, resume.Offset, resume.LineNumber, finishing: true);
                else
                {
                    Notice?.Invoke($"{path} was truncated while stopped and no copy of its earlier content was found; following it from its start");
                    OpenAt(path, 0, 0, finishing: false);
                }
            }
            return;
        }
        var moved = RotatedFiles.FindByIdentity(path, resume.FileId)
                    ?? (resume.Fingerprint is { } g ? RotatedFiles.FindByFingerprint(path, g, resume.Offset) : null);
        if (moved is not null)
        {
            Notice?.Invoke($"{path} was rotated while stopped; finishing {moved} from byte {resume.Offset}");
            OpenAt(moved, resume.Offset, resume.LineNumber, finishing: true);
            // Rotated more than once while stopped (access.log.2 is ours): the files rotated in after it are read before the path.
            foreach (var newer in RotatedFiles.NewerThan(path, moved))
            {
                Notice?.Invoke($"{path} was rotated again while stopped; {newer} is read after {moved}");
                _rotatedAfter.Enqueue(newer);
            }
        }
        else
        {
            if (File.Exists(path))
            {
                Notice?.Invoke($"the file {path} was read from ({resume.Path}, {resume.FileId}) is gone; following {path} from its start");
                OpenAt(path, 0, 0, finishing: false);
            }
        }
    }

    /// <summary>The next block of whole lines; waits for more when at the end. Null when stopped (or at the end with StopAtEnd).</summary>
    public async Task<TailBlock?> ReadAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (_file is null)
            {
                if (File.Exists(path)) OpenAt(path, 0, 0, finishing: false);
                else if (options.StopAtEnd) return null;
                else if (!await Wait(stop)) return null;
                continue;
            }
            if (ReadBlock() is { } block) return block;

            // At the end of what the file holds now.
            if (_finishing)
            {
                if (TakeCarry() is { } last) return last;
                SwitchToPath();
                continue;
            }
            if (FileIdentity.OfPath(path) is { } pathId && pathId != _fileId)
            {
                Notice?.Invoke($"{path} was rotated; finishing {_filePath} then following the new {path}");
                _finishing = true;
                continue;
            }
            if (WasTruncated())
            {
                var copy = _fingerprint is { } fp ? RotatedFiles.FindByFingerprint(path, fp, _committedOffset) : null;
                if (copy is not null)
                {
                    Notice?.Invoke($"{path} was truncated (copytruncate); finishing its copy {copy} from byte {_committedOffset}");
                    OpenAt(copy, _committedOffset, _line, finishing: true);
                }
                else
                {
                    Notice?.Invoke($"{path} was truncated and no copy of its earlier content was found; following it from its start");
                    OpenAt(path, 0, 0, finishing: false);
                }
                continue;
            }
            if (options.StopAtEnd) return TakeCarry();
            if (!await Wait(stop)) return null;
        }
        return null;
    }

    /// <summary>Until the file changes (or the poll interval passes).</summary>
    private Task<bool> Wait(CancellationToken stop)
    {
        _changes ??= new FileChangeSignal(path, Notice);
        return _changes.WaitAsync(options.PollInterval, stop);
    }

    private bool WasTruncated()
    {
        var length = RandomAccess.GetLength(_file!.SafeFileHandle);
        return length < _readOffset || _fingerprint is { } fp && !Fingerprint.Matches(_file, fp);
    }

    private TailBlock? ReadBlock()
    {
        var handle = _file!.SafeFileHandle;
        while (true)
        {
            var length = RandomAccess.GetLength(handle);
            Interlocked.Exchange(ref _fileLength, length);
            // Sized by what is there: woken at every change, a live tailer reads small blocks many times a second, and a
            // whole BlockBytes buffer each time would be large-object-heap garbage at that rate.
            var available = Math.Min(options.BlockBytes, length - _readOffset);
            if (available <= 0) return null;
            var size = _carryLength + (int)available;
            // A reused buffer is never the carry's (a partial line kept in the last one read is copied in first). A new one
            // has room for a whole block and a partial line: sized to each read's exact need, it was made again at every
            // read whose carry was longer than the last one's.
            var buffer = _readBuffer.Length >= size && !ReferenceEquals(_readBuffer, _carry) ? _readBuffer
                : new byte[Math.Max(size, options.BlockBytes + CarriedChars)];
            _readBuffer = buffer;
            _carry.AsSpan(0, _carryLength).CopyTo(buffer);
            var n = RandomAccess.Read(handle, buffer.AsSpan(_carryLength, (int)available), _readOffset);
            if (n == 0) return null;
            _readOffset += n;
            var total = _carryLength + n;
            var lastNewline = buffer.AsSpan(0, total).LastIndexOf((byte)'\n');
            if (lastNewline < 0)
            {
                // No whole line yet (a partial line, or one longer than a block): keep it and read on. Copied, so that the
                // read buffer stays the tailer's (caught up, a read may find only the start of a line being written).
                if (_carry.Length < total) _carry = new byte[Math.Max(total * 2, 256)];
                buffer.AsSpan(0, total).CopyTo(_carry);
                _carryLength = total;
                continue;
            }
            var usable = lastNewline + 1;
            var rest = total - usable;
            if (_carry.Length < rest) _carry = new byte[Math.Max(rest * 2, 256)];
            buffer.AsSpan(usable, rest).CopyTo(_carry);
            _carryLength = rest;
            return Emit(buffer.AsSpan(0, usable), _readOffset - rest);
        }
    }

    /// <summary>The partial line held back, as a whole line: only for a file that will not grow any more.</summary>
    private TailBlock? TakeCarry()
    {
        if (_carryLength == 0) return null;
        var bytes = _carry.AsSpan(0, _carryLength).ToArray();
        _carryLength = 0;
        return Emit(bytes, _readOffset);
    }

    private TailBlock Emit(ReadOnlySpan<byte> bytes, long endOffset)
    {
        var reuse = options.ReuseBlocks;
        var maxChars = Utf8.GetMaxCharCount(bytes.Length);
        // Large, a block's characters go to a pooled buffer, given back when it is released (then read into again).
        var pooled = !reuse && maxChars >= options.PooledBlockChars && maxChars <= Buffers.Length ? Buffers : null;
        var chars = pooled?.Take() ?? (reuse && _chars.Length >= maxChars ? _chars : new char[maxChars]);
        var length = Utf8.GetChars(bytes, chars);
        // A block kept by its reader gets arrays of its line count (the newlines, and a last line without one), not a guess
        // copied down to size.
        var starts = reuse ? _starts : new int[LineCount(chars.AsSpan(0, length))];
        var lengths = reuse ? _lengths : new int[starts.Length];
        var count = 0;
        var start = 0;
        while (start < length)
        {
            var newline = chars.AsSpan(start, length - start).IndexOf('\n');
            var end = newline < 0 ? length : start + newline;
            var lineLength = end - start;
            if (lineLength > 0 && chars[start + lineLength - 1] == '\r') lineLength--;
            if (count == starts.Length)
            {
                Array.Resize(ref starts, count * 2 + 16);
                Array.Resize(ref lengths, starts.Length);
            }
            starts[count] = start;
            lengths[count] = lineLength;
            count++;
            start = end + 1;
        }
        if (reuse) (_chars, _starts, _lengths) = (chars, starts, lengths);
        var block = new LineBlock(path, _line + 1, chars, starts, lengths, count, pooled);
        _line += count;
        _committedOffset = endOffset;
        if (Fingerprint.Length(_fingerprint) < Fingerprint.MaxBytes) _fingerprint = Fingerprint.Of(_file!);
        return new TailBlock(block, new SourcePosition(source, _fileId, _committedOffset, _line, _filePath, _fingerprint));
    }

    /// <summary>The lines Emit finds in the text: one per newline, and one more for text after the last.</summary>
    private static int LineCount(ReadOnlySpan<char> text) =>
        text.Count('\n') + (text.IsEmpty || text[^1] == '\n' ? 0 : 1);

    private void SwitchToPath()
    {
        if (_rotatedAfter.TryDequeue(out var next) && File.Exists(next))
        {
            OpenAt(next, 0, 0, finishing: true);
            return;
        }
        _file?.Dispose();
        _file = null;
        _finishing = false;
        if (File.Exists(path)) OpenAt(path, 0, 0, finishing: false);
    }

    private void OpenAt(string filePath, long offset, long line, bool finishing)
    {
        _file?.Dispose();
        _file = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        _filePath = filePath;
        _fingerprint = Fingerprint.Of(_file);
        _fileId = FileIdentity.Of(_file.SafeFileHandle) ?? "fingerprint:" + _fingerprint;
        _readOffset = _committedOffset = offset;
        _line = line;
        _carryLength = 0;
        _finishing = finishing;
        Interlocked.Exchange(ref _fileLength, RandomAccess.GetLength(_file.SafeFileHandle));
    }

    public void Dispose()
    {
        _file?.Dispose();
        _changes?.Dispose();
    }
}
