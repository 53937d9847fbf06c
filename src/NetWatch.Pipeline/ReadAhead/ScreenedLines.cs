using System.IO.Hashing;
using System.Runtime.InteropServices;
using NetWatch.Core.Events;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.Sources;

namespace NetWatch.Pipeline.ReadAhead;

/// <summary>
/// The lines of one followed source that the alerts' read-ahead screened and found clean (<see cref="LineScreen"/>), so
/// that the bulk path's classification, which reads the same lines later, need not run the same lexical check again
/// (issue 18: in the live service every line's URL was checked twice). A ring of slots by line number, each holding a
/// 64-bit hash (XxHash3) of the text of the last clean line screened there (0: none).
/// <para>Exact by content, not by position: the bulk path's line counts as clean only when its own text hashes to the
/// slot's value, i.e. it is the very line the screen found clean (the screen's answer depends on the line's text alone,
/// with the source's one stateless parser). So a rotation, a truncated file read again from line 1, a restart (a new
/// ring) or a read-ahead behind or stopped can make a line miss (checked as before), never pass wrongly; a line the
/// screen made a candidate, or could not parse, clears its slot.</para>
/// <para>Bounded: <see cref="DefaultSlots"/> slots (8 MB), ~21 s of lines at 50,000 lines/s; of a bulk path further behind
/// than that, the lines the screen could not keep are checked as before (<see cref="Record"/>). One writer (the read-ahead), readers on the bulk path's
/// threads: a slot is one aligned 64-bit value, read and written whole.</para>
/// </summary>
public sealed class ScreenedLines(LexicalUrlScreen check, int slots = ScreenedLines.DefaultSlots)
{
    /// <summary>Slots by default (a power of two).</summary>
    public const int DefaultSlots = 1 << 20;

    private readonly ulong[] _hashes = slots > 0 && (slots & (slots - 1)) == 0
        ? new ulong[slots] : throw new ArgumentOutOfRangeException(nameof(slots), "a power of two");

    /// <summary>The check the screen ran.</summary>
    public LexicalUrlScreen Check => check;

    /// <summary>Lines the bulk path found here (for tests and the results' counts).</summary>
    public long Hits => Interlocked.Read(ref _hits);
    private long _hits;

    /// <summary>The line after the last the bulk path has read (its view's blocks: <see cref="For"/>).</summary>
    private long _bulkNext;

    /// <summary>
    /// The screen's answer for a line: clean (its hash kept) or not (its slot cleared). A line a whole ring ahead of the
    /// bulk path is not kept: its slot holds a line the bulk path has yet to read (so with a bulk path further behind
    /// than the ring, the next ring's worth of its lines are found, not none; those not kept are checked as before).
    /// </summary>
    public void Record(long lineNumber, ReadOnlySpan<char> line, bool clean)
    {
        if (lineNumber - Volatile.Read(ref _bulkNext) >= _hashes.Length) return;
        Volatile.Write(ref _hashes[Slot(lineNumber)], clean ? Hash(line) : 0);
    }

    /// <summary>Whether this line (its number and text) was screened and found clean.</summary>
    public bool IsClean(long lineNumber, ReadOnlySpan<char> line)
    {
        var held = Volatile.Read(ref _hashes[Slot(lineNumber)]);
        if (held == 0 || held != Hash(line)) return false;
        Interlocked.Increment(ref _hits);
        return true;
    }

    /// <summary>The bulk path's view for one block it read: its events' lines looked up by their line numbers.</summary>
    public ILexicallyScreened For(LineBlock lines)
    {
        // Only a hint for Record (a file read again from line 1 sets it back): the answers are exact by the text alone.
        Volatile.Write(ref _bulkNext, lines.FirstLineNumber + lines.Count);
        return new Block(this, lines);
    }

    private int Slot(long lineNumber) => (int)(lineNumber & (_hashes.Length - 1));

    /// <summary>A line's text hashed; never 0 (0 marks an empty slot).</summary>
    private static ulong Hash(ReadOnlySpan<char> line) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(line)) | 1;

    private sealed class Block(ScreenedLines screened, LineBlock lines) : ILexicallyScreened
    {
        public LexicalUrlScreen Check => screened.Check;

        public bool IsClean(NetEvent e)
        {
            // An event of another block (or source) is not this block's to answer for.
            var index = e.Origin.LineNumber - lines.FirstLineNumber;
            return e.Origin.Source == lines.Source && index >= 0 && index < lines.Count
                   && screened.IsClean(e.Origin.LineNumber, lines.Line((int)index));
        }
    }
}
