namespace NetWatch.Service.Tests;

/// <summary>
/// The generated logs (gen_squid_log.py's default start) are dated January 2024, older than the 12 months a store keeps
/// by default, so the retention job that <c>run</c> starts with would delete what an earlier run stored. Tests about
/// exactly-once delivery keep everything with this <c>retention</c> section; the retention tests cover the deleting.
/// </summary>
internal static class OldLogs
{
    public const string KeepEverything = "retention: { events: 50 years, findings: 50 years, visits: 50 years, dead_letters: 50 years, alerts: 50 years }";
}
