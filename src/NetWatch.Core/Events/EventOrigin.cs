namespace NetWatch.Core.Events;

/// <summary>The source a line was read from and its 1-based line number (and byte offset, where known).</summary>
public readonly record struct EventOrigin(string Source, long LineNumber, long ByteOffset = -1);
