using System.Runtime.InteropServices;
using NetWatch.Storage.Native;

namespace NetWatch.Storage.Tests.Native;

/// <summary>The live service's trim gives glibc's free pages back to the kernel (Linux with glibc, as the service runs).</summary>
public sealed class NativeHeapTrimTests
{
    [Fact]
    public void A_trim_takes_freed_malloc_pages_out_of_the_resident_set()
    {
        if (!OperatingSystem.IsLinux()) return;
        // 96 MB in 64 KB blocks (under glibc's mmap threshold: from the heap), every page touched; then all but the last
        // freed, so the freed pages lie below a block still in use and glibc does not return them on its own.
        const int block = 64 << 10, blocks = 1_536;
        var held = new nint[blocks];
        for (var i = 0; i < blocks; i++)
        {
            held[i] = Marshal.AllocHGlobal(block);
            for (var at = 0; at < block; at += 4096) Marshal.WriteByte(held[i], at, 1);
        }
        for (var i = 0; i < blocks - 1; i++) Marshal.FreeHGlobal(held[i]);
        var before = ResidentBytes();

        Assert.True(NativeHeapTrim.Trim());
        var after = ResidentBytes();
        Marshal.FreeHGlobal(held[^1]);

        Assert.True(before - after > 48L << 20, $"resident {before >> 20} MB before the trim, {after >> 20} MB after");
    }

    /// <summary>The process's resident set (the second field of /proc/self/statm, in pages).</summary>
    private static long ResidentBytes() => long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1]) * Environment.SystemPageSize;
}
