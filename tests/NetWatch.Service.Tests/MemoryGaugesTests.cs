using System.Globalization;
using NetWatch.Pipeline;
using NetWatch.Service.Metrics;

namespace NetWatch.Service.Tests;

/// <summary>/metrics shows the live service's memory plan beside what each part holds now.</summary>
public sealed class MemoryGaugesTests
{
    private static double? Sample(string text, string name, string part)
    {
        var prefix = $"{name}{{part=\"{part}\"}} ";
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Under_a_plan_each_part_of_it_is_a_gauge_beside_what_the_parts_hold_now()
    {
        var plan = new LiveMemoryPlan(new MemoryBudget(1L << 30), 38L << 20);
        var metrics = new ServiceMetrics { MemoryPlan = plan, StoreMemory = () => 123_456_789, OpenVisitBytes = () => 4_096 };

        var text = await PrometheusExportTests.Scrape(metrics.Registry);

        Assert.Equal(1L << 30, Sample(text, "netwatch_memory_plan_bytes", "total"));
        Assert.Equal(plan.StoreBytes, Sample(text, "netwatch_memory_plan_bytes", "store"));
        Assert.Equal(plan.ManagedHeapBytes, Sample(text, "netwatch_memory_plan_bytes", "managed_heap_limit"));
        Assert.Equal(plan.RuntimeBytes, Sample(text, "netwatch_memory_plan_bytes", "runtime"));
        Assert.Equal(38L << 20, Sample(text, "netwatch_memory_plan_bytes", "configuration_loaded"));
        Assert.Equal(plan.Budget.OpenVisits.MaxBytes, Sample(text, "netwatch_memory_plan_bytes", "open_visits"));
        // The heap's parts are the plan's BoundedBytes: the gauges add up to what the plan checked.
        var heapParts = new[] { "configuration_loaded", "batches", "side_file_hold", "open_visits", "evicted_visits_index" }
            .Sum(part => Sample(text, "netwatch_memory_plan_bytes", part)!.Value);
        Assert.Equal(plan.BoundedBytes, heapParts);
        Assert.Equal(123_456_789, Sample(text, "netwatch_memory_bytes", "store"));
        Assert.Equal(4_096, Sample(text, "netwatch_memory_bytes", "open_visits"));
        Assert.True(Sample(text, "netwatch_memory_bytes", "resident") > 0);
        Assert.True(Sample(text, "netwatch_memory_bytes", "managed_heap") > 0);
    }

    [Fact]
    public async Task Without_a_plan_or_a_store_in_the_process_only_the_process_s_own_parts_show()
    {
        var metrics = new ServiceMetrics();

        var text = await PrometheusExportTests.Scrape(metrics.Registry);

        Assert.DoesNotContain("netwatch_memory_plan_bytes{", text);
        Assert.Null(Sample(text, "netwatch_memory_bytes", "store"));
        Assert.Null(Sample(text, "netwatch_memory_bytes", "open_visits"));
        Assert.True(Sample(text, "netwatch_memory_bytes", "resident") > 0);
    }

    [Fact]
    public async Task A_store_that_cannot_say_its_memory_now_does_not_fail_the_scrape()
    {
        var metrics = new ServiceMetrics { StoreMemory = () => throw new InvalidOperationException("the store is closing") };
        metrics.Add("proxy", "file");
        metrics.Running = true;

        var text = await PrometheusExportTests.Scrape(metrics.Registry);

        Assert.Null(Sample(text, "netwatch_memory_bytes", "store"));
        Assert.Contains("netwatch_up 1", text);
    }
}
