using System.Runtime.InteropServices;

namespace NetWatch.Storage.Native;

/// <summary>
/// DuckDB's own allocator, read through jemalloc's <c>mallctl</c>, which libduckdb.so exports as
/// <c>duckdb_je_mallctl</c> (DuckDB's Linux x64 build links jemalloc in; elsewhere the entry point is missing,
/// <see cref="Available"/> is false and <see cref="Read"/> gives nothing), for the NETWATCH_NATIVE_SAMPLES diagnostic.
/// Everything DuckDB allocates through its Allocator (its buffer pool's blocks, and what a checkpoint builds beside the
/// pool) comes from here; <c>duckdb_memory()</c> counts
/// only what DuckDB holds, not the pages jemalloc keeps after DuckDB freed them. DuckDB configures jemalloc to keep freed
/// pages 5 s ("dirty"), then to free them lazily (MADV_FREE: "muzzy", still in the process's RSS until the kernel needs
/// them) for 5 s more; one arena per two cores. The store's checkpoints free the in-memory row groups they replace
/// (200-420 MB at once in the live service), which is the RSS that neither the GC nor duckdb_memory() counted
/// (bench/results/ckpt-2026-12-05-session24.txt). Purging those pages after each checkpoint, and dropping the MADV_FREE
/// stage, were tried there and not kept: neither lowered the peak (the backlog's and 50,000 lines/s' peaks are not at
/// that free), and the second cost 27% more page faults.
/// </summary>
internal static partial class DuckDbJemalloc
{
    /// <summary>jemalloc's index meaning "every arena" (MALLCTL_ARENAS_ALL).</summary>
    private const int AllArenas = 4096;

    [LibraryImport("duckdb", EntryPoint = "duckdb_je_mallctl", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MallCtl(string name, IntPtr oldValue, IntPtr oldLength, IntPtr newValue, nuint newLength);

    private static readonly Lazy<bool> Probe = new(() =>
    {
        try { return Refresh(); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    });

    /// <summary>True when DuckDB's jemalloc answers.</summary>
    public static bool Available => Probe.Value;

    /// <summary>jemalloc's figures in bytes: allocated, active (pages in use), resident, the dirty and muzzy pages held
    /// freed, and what is allocated in small and in large size classes.</summary>
    public readonly record struct Figures(long Allocated, long Active, long Resident, long Dirty, long Muzzy, long Small, long Large);

    public static Figures Read()
    {
        if (!Available || !Refresh()) return default;
        return new Figures(Size("stats.allocated"), Size("stats.active"), Size("stats.resident"),
            Size($"stats.arenas.{AllArenas}.pdirty") << 12, Size($"stats.arenas.{AllArenas}.pmuzzy") << 12,
            Size($"stats.arenas.{AllArenas}.small.allocated"), Size($"stats.arenas.{AllArenas}.large.allocated"));
    }

    /// <summary>jemalloc caches its statistics until its "epoch" is written.</summary>
    private static unsafe bool Refresh()
    {
        ulong epoch = 1;
        nuint length = sizeof(ulong);
        return MallCtl("epoch", (IntPtr)(&epoch), (IntPtr)(&length), (IntPtr)(&epoch), sizeof(ulong)) == 0;
    }

    private static unsafe long Size(string name)
    {
        nuint value = 0, length = (nuint)sizeof(nuint);
        return MallCtl(name, (IntPtr)(&value), (IntPtr)(&length), IntPtr.Zero, 0) == 0 ? (long)value : -1;
    }
}
