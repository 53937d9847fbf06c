using NetWatch.Core.Diagnostics;

namespace NetWatch.Core.Tests.Diagnostics;

/// <summary>
/// The CPU a call cost the process (<see cref="CallCpu"/>): at least the calling thread's own, and the threads the call
/// started with it, those that ended before the call did as well. Each thread spins for CPU time it reads from its own
/// clock (not for wall time), so a loaded machine changes nothing but how long the test takes.
/// </summary>
public sealed class CallCpuTests
{
    private const long Spin = 50_000_000; // 50 ms of CPU
    /// <summary>What the calling thread spends outside the call's own clock reads but inside its own (the rest of
    /// <see cref="CallCpu.Since"/>, a first call's JIT): 1 ms was too little in a full test run (1.6 ms short).</summary>
    private const long Slack = 10_000_000;

    [Fact]
    public void A_call_on_its_thread_alone_costs_at_least_that_threads_CPU()
    {
        var own = PhaseTimes.ThreadCpuNanoseconds();
        var call = CallCpu.Start();
        SpinCpu();
        var cost = CallCpu.Since(call);
        Assert.True(cost >= PhaseTimes.ThreadCpuNanoseconds() - own - Slack, $"{cost} ns");
        Assert.True(cost >= Spin, $"{cost} ns");
    }

    [Fact]
    public void A_thread_the_call_started_is_counted_even_when_it_ended_before_the_call()
    {
        var own = PhaseTimes.ThreadCpuNanoseconds();
        var call = CallCpu.Start();
        long started = 0;
        var thread = new Thread(() => started = SpinCpu());
        thread.Start();
        thread.Join();
        SpinCpu();
        var cost = CallCpu.Since(call);
        var ownCost = PhaseTimes.ThreadCpuNanoseconds() - own;
        Assert.True(started >= Spin && cost >= ownCost + started - Slack, $"{cost} ns against {ownCost} + {started} ns");
    }

    /// <summary>Spins until this thread's CPU clock has moved <see cref="Spin"/> on; returns how far it moved.</summary>
    private static long SpinCpu()
    {
        var from = PhaseTimes.ThreadCpuNanoseconds();
        long now;
        var x = 0L;
        while ((now = PhaseTimes.ThreadCpuNanoseconds()) - from < Spin) x += now & 1;
        GC.KeepAlive(x);
        return now - from;
    }
}
