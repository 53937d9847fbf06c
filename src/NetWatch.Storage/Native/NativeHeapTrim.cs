using System.Runtime.InteropServices;

namespace NetWatch.Storage.Native;

/// <summary>
/// The live service under <c>memory:</c> gives glibc malloc's free pages back to the kernel every few seconds
/// (<c>malloc_trim(0)</c>). What allocates there (the runtime's native side, the store's chunk strings, DuckDB.NET's
/// marshalled strings; DuckDB's own memory is in its jemalloc, not here) frees most of it again, but glibc returns a
/// heap's free pages only from its top, and a threshold that grows with the largest block freed: at 50,000 lines/s its
/// free bytes grew from 6 to 61 MB in two and a half minutes, all in the RSS, outside every share of the plan
/// (bench/results/heap-2026-12-05-session28.txt). A trim walks the arenas and takes a few milliseconds. Where glibc is
/// not the allocator (musl, another OS), the first call fails and the trimming stops.
/// </summary>
public static partial class NativeHeapTrim
{
    /// <summary>How often the live service trims.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    /// <summary>Gives glibc's free pages back now; false where there is no glibc (nothing done).</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            MallocTrim(0);
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Trims every <see cref="Every"/> until the returned handle is disposed.</summary>
    public static IDisposable Start()
    {
        Timer? timer = null;
        timer = new Timer(_ =>
        {
            if (!Trim()) timer?.Dispose();
        }, null, Every, Every);
        return timer;
    }
}
