using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace NetWatch.Core.Diagnostics;

/// <summary>
/// What the live service's store stage did, when, for benchmarks only: off unless the environment variable
/// <c>NETWATCH_TIMELINE</c> is set, and then one line per write session, side-file commit, move and background checkpoint
/// on standard error, with the seconds since the process started. A batch that took long (issue 18's batch latency) is
/// then put down to what the stage was doing at that moment (bench/results/stall-2026-12-04-session21.txt).
/// </summary>
public static class Timeline
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("NETWATCH_TIMELINE") is { Length: > 0 } v && v != "0";

    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    /// <summary>When a step started: the timeline's clock, the thread's CPU time and its time spent runnable but waiting
    /// for a core (<see cref="RunDelay"/>), and the thread (for <see cref="Since"/>).</summary>
    public readonly record struct Mark(double Seconds, long CpuNanoseconds, long RunDelayNanoseconds, int Tid);

    /// <summary>The timeline's clock (seconds), for other diagnostics' lines to be read beside it.</summary>
    public static double Seconds => Clock.Elapsed.TotalSeconds;

    public static Mark Start() => Enabled
        ? new Mark(Clock.Elapsed.TotalSeconds, PhaseTimes.ThreadCpuNanoseconds(), RunDelay.CallingThread(), CpuClocks.CurrentTid())
        : default;

    /// <summary>
    /// "W s wall C s CPU Q s queued" since <paramref name="started"/>: CPU time is what a loaded machine does not inflate;
    /// queued is the time the thread was ready to run but waited for a core, so the rest of the wall time (W - C - Q) it was
    /// blocked (a lock, a wait, the disk). Both are the calling thread's: a step that moved to another thread (an await)
    /// says so instead of the queued time, and its CPU figure is meaningless.
    /// </summary>
    public static string Since(Mark started)
    {
        var wall = $"{Clock.Elapsed.TotalSeconds - started.Seconds:F3} s wall {(PhaseTimes.ThreadCpuNanoseconds() - started.CpuNanoseconds) / 1e9:F3} s CPU";
        return CpuClocks.CurrentTid() == started.Tid
            ? $"{wall} {(RunDelay.CallingThread() - started.RunDelayNanoseconds) / 1e9:F3} s queued"
            : $"{wall} (thread changed)";
    }

    /// <summary>
    /// One line of the timeline. An interpolated text is built only when the timeline is on (<see cref="Text"/>): the
    /// store stage writes a line per batch, and with the timeline off its holes (a thread's CPU clock read among them)
    /// are not evaluated at all.
    /// </summary>
    public static void Write(ref Text text)
    {
        if (Enabled) Console.Error.WriteLine($"timeline: {Clock.Elapsed.TotalSeconds,9:F3} {text.ToStringAndClear()}");
    }

    /// <summary>A line's text, formatted only while <see cref="Enabled"/> (the compiler skips the holes otherwise).</summary>
    [InterpolatedStringHandler]
    public ref struct Text
    {
        private DefaultInterpolatedStringHandler _inner;

        public Text(int literalLength, int formattedCount, out bool enabled)
        {
            enabled = Enabled;
            _inner = enabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        public void AppendLiteral(string value) => _inner.AppendLiteral(value);
        public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);
        public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);
        public string ToStringAndClear() => _inner.ToStringAndClear();
    }
}
