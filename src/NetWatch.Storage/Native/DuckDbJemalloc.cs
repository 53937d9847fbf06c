using System.Runtime.InteropServices;

namespace NetWatch.Storage.Native;

/// <summary>
/// DuckDB's own allocator, read and steered through jemalloc's <c>mallctl</c>, which libduckdb.so exports as
/// <c>duckdb_je_mallctl</c> (DuckDB's Linux x64 build links jemalloc in; elsewhere the entry point is missing,
/// <see cref="Available"/> is false and every call here does nothing). Everything DuckDB allocates through its Allocator
/// (its buffer pool's blocks, and what a checkpoint builds beside the pool) comes from here; <c>duckdb_memory()</c> counts
/// only what DuckDB holds, not the pages jemalloc keeps after DuckDB freed them. DuckDB configures jemalloc to keep freed
/// pages 5 s ("dirty"), then to free them lazily (MADV_FREE: "muzzy", still in the process's RSS until the kernel needs
/// them) for 5 s more; one arena per two cores. The store's checkpoints free the in-memory row groups they replace
/// (200-420 MB at once in the live service), which is the RSS that neither the GC nor duckdb_memory() counted
/// (bench/results/ckpt-2026-12-05-session24.txt).
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

    /// <summary>
    /// Gives back at once every page jemalloc holds freed (dirty and muzzy), in every arena. One call costs a pass over
    /// what is held (madvise); a page reused afterwards faults in afresh, as it would have after the decay.
    /// </summary>
    public static void Purge()
    {
        if (Available) MallCtl($"arena.{AllArenas}.purge", IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, 0);
    }

    /// <summary>
    /// Sets how long freed pages stay lazily freed (MADV_FREE, counted in the RSS) before jemalloc frees them for good, for
    /// every arena that exists and those made later; 0: pages jemalloc purges leave the RSS at once (MADV_DONTNEED).
    /// False when DuckDB's jemalloc is not there or refused.
    /// </summary>
    public static bool SetMuzzyDecay(long milliseconds) => SetDecay("muzzy", milliseconds);

    /// <summary>The muzzy decay new arenas get, in milliseconds (-1: not known).</summary>
    public static unsafe long MuzzyDecay()
    {
        if (!Available) return -1;
        nint value = 0;
        nuint length = (nuint)sizeof(nint);
        return MallCtl("arenas.muzzy_decay_ms", (IntPtr)(&value), (IntPtr)(&length), IntPtr.Zero, 0) == 0 ? value : -1;
    }

    private static unsafe bool SetDecay(string stage, long milliseconds)
    {
        if (!Available) return false;
        uint arenas = 0;
        nuint length = sizeof(uint);
        if (MallCtl("arenas.narenas", (IntPtr)(&arenas), (IntPtr)(&length), IntPtr.Zero, 0) != 0) return false;
        nint value = (nint)milliseconds;
        var ok = MallCtl($"arenas.{stage}_decay_ms", IntPtr.Zero, IntPtr.Zero, (IntPtr)(&value), (nuint)sizeof(nint)) == 0;
        // An index no thread has used yet has no arena (EFAULT): the default just set covers it when it is made.
        for (var i = 0u; i < arenas; i++)
            MallCtl($"arena.{i}.{stage}_decay_ms", IntPtr.Zero, IntPtr.Zero, (IntPtr)(&value), (nuint)sizeof(nint));
        return ok;
    }

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
