using Prometheus;

namespace NetWatch.Service.Metrics;

/// <summary>
/// The live service's memory on /metrics, for the ICT technician who sets <c>memory:</c>: the plan the setting was split
/// into (<c>netwatch_memory_plan_bytes</c>, only under a setting: see <see cref="Pipeline.LiveMemoryPlan"/>) beside what
/// each part holds now (<c>netwatch_memory_bytes</c>): the process's resident memory, the managed heap the GC has
/// committed, the store engine's own memory, and the open visits as estimated. A part near its plan says which share to
/// look at; resident memory over the setting with every part within its share is the runtime's and native libraries'.
/// </summary>
internal static class MemoryGauges
{
    internal static void Register(ServiceMetrics metrics, CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var plan = factory.CreateGauge("netwatch_memory_plan_bytes",
            "The live service's memory setting and its plan, by part: total, store (the engine's cache), managed_heap_limit (the GC's hard limit), runtime (left to the runtime and native libraries), and inside the heap's limit configuration_loaded, batches, side_file_hold, open_visits, evicted_visits_index",
            "part");
        var used = factory.CreateGauge("netwatch_memory_bytes",
            "Memory held now, by part: resident (the process's RSS), managed_heap (committed by the GC), store (the store engine's own, when it runs in this process), open_visits (as estimated)",
            "part");
        registry.AddBeforeCollectCallback(() =>
        {
            if (metrics.MemoryPlan is { } p)
            {
                plan.WithLabels("total").Set(p.Budget.Bytes);
                plan.WithLabels("store").Set(p.StoreBytes);
                plan.WithLabels("managed_heap_limit").Set(p.ManagedHeapBytes);
                plan.WithLabels("runtime").Set(p.RuntimeBytes);
                plan.WithLabels("configuration_loaded").Set(p.LoadedBytes);
                plan.WithLabels("batches").Set(p.Budget.BatchBytes);
                plan.WithLabels("side_file_hold").Set(p.Budget.SideHeldBytes);
                plan.WithLabels("open_visits").Set(p.Budget.OpenVisits.MaxBytes);
                plan.WithLabels("evicted_visits_index").Set(p.Budget.EvictedIndexBytes);
            }
            foreach (var reading in MemoryReadings.Of(metrics)) used.WithLabels(reading.Part).Set(reading.Bytes);
        });
    }
}
