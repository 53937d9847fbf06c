namespace NetWatch.Core.Events;

/// <summary>
/// How far a live source has been read, committed with the batch that reached it so that a restart resumes
/// exactly there. <see cref="Source"/> is the configured source name; <see cref="FileId"/> names the file
/// actually read (device:inode for a tailed file, a receiver name for syslog); <see cref="Offset"/> is the byte
/// offset just past the last whole line consumed (for syslog: messages received); <see cref="LineNumber"/> is the
/// number of the last line consumed, counted from the start of that file, so event ids stay stable.
/// <see cref="Path"/> and <see cref="Fingerprint"/> (a hash of the file's first bytes) help find the file again
/// after it is renamed or copied away.
/// </summary>
public sealed record SourcePosition(string Source, string FileId, long Offset, long LineNumber, string? Path = null, string? Fingerprint = null);
