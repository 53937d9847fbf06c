using System.Diagnostics;
using NetWatch.Core.Diagnostics;

namespace NetWatch.Service.Metrics;

/// <summary>
/// The service's memory now, part by part, each against its share of the plan when there is one (<see cref="ServiceMetrics.MemoryPlan"/>):
/// the process's resident memory against the whole setting, the store engine's own memory against its cache, the managed
/// heap the GC has committed against its hard limit, and the open visits (as estimated) against their cap.
/// </summary>
public static class MemoryReadings
{
    public static IReadOnlyList<MemoryReading> Of(ServiceMetrics metrics)
    {
        var plan = metrics.MemoryPlan;
        long resident;
        using (var self = Process.GetCurrentProcess()) resident = self.WorkingSet64;
        var readings = new List<MemoryReading> { new("resident", resident, plan?.Budget.Bytes) };
        if (StoreMemory(metrics) is { } store) readings.Add(new("store", store, plan?.StoreBytes));
        readings.Add(new("managed_heap", GC.GetGCMemoryInfo().TotalCommittedBytes, plan?.ManagedHeapBytes));
        if (metrics.OpenVisitBytes() is { } visits) readings.Add(new("open_visits", visits, plan?.Budget.OpenVisits.MaxBytes));
        return readings;
    }

    /// <summary>The store's memory, or null when it cannot say now (closing, or a read that failed: a reading never fails for it).</summary>
    private static long? StoreMemory(ServiceMetrics metrics)
    {
        try { return metrics.StoreMemory(); }
        catch (Exception) { return null; }
    }
}
