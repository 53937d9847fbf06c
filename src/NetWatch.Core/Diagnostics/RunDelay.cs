namespace NetWatch.Core.Diagnostics;

/// <summary>
/// How long a thread has been runnable but waiting for a core, in nanoseconds (Linux's /proc/thread-self/schedstat, its
/// second field; 0 elsewhere or on an error). With the thread's CPU time it splits a step's wall time into running,
/// waiting for a core (the CPU is the bottleneck) and blocked (a lock, a wait, the disk): <see cref="Timeline.Since"/>.
/// </summary>
internal static class RunDelay
{
    public static long CallingThread()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        try
        {
            var fields = File.ReadAllText("/proc/thread-self/schedstat").Split(' ');
            return fields.Length > 1 && long.TryParse(fields[1], out var ns) ? ns : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
