using System.Runtime.InteropServices;

namespace NetWatch.Storage.Writing;

/// <summary>
/// Runs work on a thread of its own whose CPU priority is lowered (Linux: the thread's nice value raised with
/// setpriority on its tid, which needs no privilege), so that the threads at normal priority get a core first and the
/// work takes what they leave. A thread of its own because the nice value stays with the thread: a pool thread would
/// keep it for whatever it runs next. Elsewhere, or if the kernel refuses, the work runs at normal priority.
/// </summary>
internal static partial class LowPriorityThread
{
    private const int PrioProcess = 0; // PRIO_PROCESS: "who" is a thread id on Linux

    /// <summary>Starts <paramref name="work"/> on a new background thread at <paramref name="nice"/> (0: normal priority; 1-19: lower).</summary>
    public static Task Run(string name, int nice, Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            // Only ever lower the priority: a thread started at a higher nice value (the process's) keeps it.
            if (nice > 0 && OperatingSystem.IsLinux() && GetPriority(PrioProcess, GetTid()) is var current && current < nice)
                _ = SetPriority(PrioProcess, GetTid(), nice);
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "getpriority")]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();
}
