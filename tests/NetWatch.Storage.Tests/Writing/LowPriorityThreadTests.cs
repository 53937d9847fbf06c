using NetWatch.Storage.Writing;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// The background checkpoint runs on a thread of its own at a lower CPU priority: the work sees the nice value asked for,
/// the caller's thread keeps its own, and the work's failure reaches whoever awaits it.
/// </summary>
public sealed class LowPriorityThreadTests
{
    [Fact]
    public async Task The_work_runs_at_the_nice_value_asked_for_and_the_caller_keeps_its_own()
    {
        var before = OwnNice();
        var seen = int.MinValue;
        await LowPriorityThread.Run("test", 7, () => seen = OwnNice());
        Assert.Equal(Math.Max(before, 7), seen);
        Assert.Equal(before, OwnNice());
    }

    [Fact]
    public async Task Nice_zero_leaves_the_thread_at_the_process_priority()
    {
        var before = OwnNice();
        var seen = int.MinValue;
        await LowPriorityThread.Run("test", 0, () => seen = OwnNice());
        Assert.Equal(before, seen);
    }

    [Fact]
    public async Task The_work_s_failure_fails_the_task()
    {
        var task = LowPriorityThread.Run("test", 5, () => throw new InvalidOperationException("checkpoint failed"));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => task);
        Assert.Equal("checkpoint failed", ex.Message);
    }

    /// <summary>The calling thread's nice value: field 19 of /proc/thread-self/stat (after the command's parenthesis).</summary>
    private static int OwnNice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
