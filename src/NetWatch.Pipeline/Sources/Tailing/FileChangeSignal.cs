namespace NetWatch.Pipeline.Sources.Tailing;

/// <summary>
/// Wakes a tailer waiting at the end of its file as soon as the file changes (appended to, created, renamed away), by
/// the kernel's notification (FileSystemWatcher: inotify on Linux) rather than after a whole poll interval. The poll
/// stays as the fallback: notifications do not cover every filesystem (a network mount written by another host), and
/// when a watcher cannot be made (the per-user inotify limit) the tailer simply polls.
/// </summary>
internal sealed class FileChangeSignal : IDisposable
{
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly FileSystemWatcher? _watcher;

    /// <summary>Watches <paramref name="path"/>'s name in its directory; <paramref name="notice"/> hears why it cannot (then it only polls).</summary>
    public FileChangeSignal(string path, Action<string>? notice)
    {
        try
        {
            var full = System.IO.Path.GetFullPath(path);
            _watcher = new FileSystemWatcher(System.IO.Path.GetDirectoryName(full)!, System.IO.Path.GetFileName(full))
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                IncludeSubdirectories = false,
            };
            _watcher.Changed += (_, _) => Signal();
            _watcher.Created += (_, _) => Signal();
            _watcher.Renamed += (_, _) => Signal();
            _watcher.Deleted += (_, _) => Signal();
            _watcher.Error += (_, _) => Signal();   // e.g. the kernel's queue overflowed: look now, the poll covers the rest
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            _watcher?.Dispose();
            _watcher = null;
            notice?.Invoke($"{path}: change notifications are not available ({e.Message}); polling only");
        }
    }

    /// <summary>True while the kernel's notifications wake the waiter (false: polling only).</summary>
    public bool Watching => _watcher is not null;

    /// <summary>
    /// Waits until the file changes or <paramref name="poll"/> passes; false when <paramref name="stop"/> ends it. A change
    /// since the last wait ends the next one at once, so a change between the last read and this wait is never missed.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan poll, CancellationToken stop)
    {
        try
        {
            await _changed.WaitAsync(poll, stop);
            return true;
        }
        catch (OperationCanceledException) { return false; }
    }

    private void Signal()
    {
        try { _changed.Release(); }
        catch (SemaphoreFullException) { /* already signalled */ }
    }

    /// <summary>Stops the notifications (the semaphore is left to the GC: a wait may still be ending on another thread).</summary>
    public void Dispose() => _watcher?.Dispose();
}
