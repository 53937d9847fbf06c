using NetWatch.Pipeline;
using NetWatch.Service.Config;

namespace NetWatch.Service.Composition;

/// <summary>
/// The live service's managed heap held within its memory plan (<see cref="LiveMemoryPlan"/>): once the configuration
/// has loaded (the lists, the policy, the people), what it takes is measured, the plan checked, and the GC given the plan's
/// hard limit (the documented <c>GCHeapHardLimit</c> override through <see cref="AppContext"/>, then
/// <see cref="GC.RefreshMemoryLimit"/>). The GC then collects well before the limit (in a backlog with a limit of 256 MB it
/// kept ~190 MB committed), rather than letting the heap reach twice what is alive. Only the service's own process does
/// this (<see cref="ServiceHost"/>): an import keeps DuckDB's 30% and no limit, and a test host is never limited.
/// </summary>
public static class ManagedHeapLimit
{
    /// <summary>Applies the plan; throws <see cref="ConfigException"/> when the configuration cannot fit in it.</summary>
    public static LiveMemoryPlan Apply(MemoryBudget budget)
    {
        // A full collection so that only what the configuration keeps is counted: once, at start.
        var plan = new LiveMemoryPlan(budget, GC.GetTotalMemory(forceFullCollection: true));
        if (!plan.Fits)
            throw new ConfigException("memory",
                $"{budget} is too little for this configuration ({plan}): the managed heap's limit must hold the configuration " +
                $"loaded, the batches, the side file's hold, the open visits and the index of those left at once with {LiveMemoryPlan.HostPercent}% of the setting to " +
                $"spare, which needs memory: {plan.LeastFittingBytes() >> 20}MB or more");
        AppContext.SetData("GCHeapHardLimit", (ulong)plan.ManagedHeapBytes);
        GC.RefreshMemoryLimit();
        return plan;
    }

    /// <summary>The managed heap's limit as the GC has it (the machine's memory without one).</summary>
    public static long Current => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
}
