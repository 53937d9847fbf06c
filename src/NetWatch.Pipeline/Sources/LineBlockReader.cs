namespace NetWatch.Pipeline.Sources;

/// <summary>
/// Reads a text stream as <see cref="LineBlock"/>s of roughly <c>blockChars</c> characters. A line is
/// only ever handed out whole: a partial line at the end of a read waits for the next read, and a
/// final line without a terminator is handed out at end of stream. "\n" and "\r\n" both end a line.
/// The blocks' buffers come from <see cref="Buffers"/>: a block released once parsed (<see cref="LineBlock.Release"/>)
/// gives its buffer back for a later block.
/// </summary>
public sealed class LineBlockReader(TextReader reader, string source, int blockChars = 1 << 18) : IDisposable
{
    private char[] _pending = new char[blockChars];
    private int _pendingLength;
    private long _nextLineNumber = 1;
    private bool _endOfStream;

    /// <summary>The buffers of blocks of <c>blockChars</c> characters, taken again once their blocks are released.</summary>
    public BlockBuffers Buffers { get; } = new(blockChars);

    /// <summary>How many lines have been handed out so far.</summary>
    public long LinesRead => _nextLineNumber - 1;

    /// <summary>The next block, or null at end of stream.</summary>
    public LineBlock? Read()
    {
        while (true)
        {
            if (!_endOfStream) Fill();
            var lastNewline = Array.LastIndexOf(_pending, '\n', Math.Max(0, _pendingLength - 1), _pendingLength);
            if (lastNewline < 0 && !_endOfStream)
            {
                // One line longer than the buffer: grow and read more.
                Array.Resize(ref _pending, _pending.Length * 2);
                continue;
            }
            var usable = _endOfStream ? _pendingLength : lastNewline + 1;
            if (usable == 0) return null;
            return Cut(usable);
        }
    }

    private void Fill()
    {
        while (_pendingLength < _pending.Length)
        {
            var read = reader.Read(_pending, _pendingLength, _pending.Length - _pendingLength);
            if (read == 0)
            {
                _endOfStream = true;
                return;
            }
            _pendingLength += read;
        }
    }

    private LineBlock Cut(int usable)
    {
        var buffer = _pending;
        var span = buffer.AsSpan(0, usable);
        // Arrays of the block's line count: one per newline, and one more for text after the last.
        var count = span.Count('\n') + (span[^1] == '\n' ? 0 : 1);
        var starts = new int[count];
        var lengths = new int[count];
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            var newline = span[start..].IndexOf('\n');
            var end = newline < 0 ? usable : start + newline;
            var length = end - start;
            if (length > 0 && buffer[start + length - 1] == '\r') length--;
            starts[i] = start;
            lengths[i] = length;
            start = end + 1;
        }
        var block = new LineBlock(source, _nextLineNumber, buffer, starts, lengths, count, Buffers);
        _nextLineNumber += count;

        // The block keeps its buffer; the rest (a partial line) moves to another one.
        var rest = _pendingLength - usable;
        _pending = rest <= blockChars / 2 ? Buffers.Take() : new char[Math.Max(blockChars, rest * 2)];
        buffer.AsSpan(usable, rest).CopyTo(_pending);
        _pendingLength = rest;
        return block;
    }

    public void Dispose() => reader.Dispose();
}
