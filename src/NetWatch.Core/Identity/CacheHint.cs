using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NetWatch.Core.Identity;

/// <summary>
/// Asks the processor to start fetching memory that a later step will read. In a day's log read in order, each
/// address's data has usually left the cache since its last event; a batch asks for its lines a few events ahead,
/// so that many fetches are under way at once instead of one after the other. Only a hint: no effect on results.
/// </summary>
internal static class CacheHint
{
    /// <summary>The lines of <paramref name="location"/> and of the <paramref name="count"/> - 1 values after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(ref T location, int count = 1)
    {
        if (!Sse.IsSupported) return;
        // A moved object only makes the hint useless: a prefetch never faults.
        var first = (byte*)Unsafe.AsPointer(ref location);
        var last = first + count * Unsafe.SizeOf<T>() - 1;
        for (var line = first; line < last; line += 64) Sse.Prefetch0(line);
        Sse.Prefetch0(last);
    }

    /// <summary>The string <paramref name="text"/>: its length and first characters (a name may straddle two lines).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch(string? text)
    {
        if (!Sse.IsSupported || text is null) return;
        // Not text.Length: reading it would wait for the very line being asked for.
        var length = (byte*)Unsafe.AsPointer(ref Unsafe.AsRef(in text.GetPinnableReference())) - sizeof(int);
        Sse.Prefetch0(length);
        Sse.Prefetch0(length + 48);
    }
}
