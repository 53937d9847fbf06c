using System.Runtime.InteropServices;

namespace NetWatch.Core.Diagnostics;

/// <summary>The kernel's CPU clocks (clock_gettime), in nanoseconds: Linux only, 0 elsewhere or on an error.</summary>
internal static partial class CpuClocks
{
    public const int Process = 2; // CLOCK_PROCESS_CPUTIME_ID: every thread's, ended ones included
    public const int CallingThread = 3; // CLOCK_THREAD_CPUTIME_ID

    /// <summary>The CPU clock of one thread of this process by its tid: ~tid &lt;&lt; 3 | per-thread (4) | scheduler's run time (2),
    /// as glibc's pthread_getcpuclockid makes it.</summary>
    public static int OfThread(int tid) => (~tid << 3) | 6;

    public static long Nanoseconds(int clock)
    {
        if (!OperatingSystem.IsLinux()) return 0;
        return ClockGetTime(clock, out var t) == 0 ? t.Seconds * 1_000_000_000 + t.Nanoseconds : 0;
    }

    /// <summary>The calling thread's tid (Linux; 0 elsewhere).</summary>
    public static int CurrentTid() => OperatingSystem.IsLinux() ? GetTid() : 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();
}
