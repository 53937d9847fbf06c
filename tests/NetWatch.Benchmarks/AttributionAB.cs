using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;

namespace NetWatch.Benchmarks;

/// <summary>
/// `attribution-ab SECONDS DIR_A DIR_B [quiet|busy|random]`: two builds of this benchmark (their bin folders) in one
/// process, each in its own load context, the rounds of a day (or of the random-instants benchmark) alternating between
/// them. On a shared machine whose speed drifts from minute to minute, comparing builds run one after the other mostly
/// measures the drift; here both see the same one. Prints each build's best CopyOnly and EnrichBatch per event, its
/// median EnrichBatch round, and how often B's round beat A's.
/// </summary>
public static class AttributionAB
{
    public static void Run(int seconds, string a, string b, string which)
    {
        // The random-instants data is small enough to set up twice: A, B, B, A, so that neither build's data is always
        // the one made second (against itself, the build set up second ran 5-15 ns slower). A day's is set up once.
        var order = which == Random ? new[] { 0, 1, 1, 0 } : [0, 1];
        var builds = order.Select(k => Load(k == 0 ? a : b, which)).ToArray();
        var copy = new double[2];
        var batch = new double[2];
        Array.Fill(copy, double.MaxValue);
        Array.Fill(batch, double.MaxValue);
        var batches = new[] { new List<double>(), new List<double>() };
        var wins = 0;
        var rounds = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var round = new double[2];
            // Forward, then backward: neither always runs first. A build's round is the mean of its instances.
            var instances = Enumerable.Range(0, builds.Length);
            foreach (var j in rounds % 2 == 0 ? instances : instances.Reverse())
            {
                var k = order[j];
                copy[k] = Math.Min(copy[k], builds[j].Copy());
                var time = builds[j].Batch();
                batch[k] = Math.Min(batch[k], time);
                round[k] += time * 2 / builds.Length;
            }
            for (var k = 0; k < 2; k++) batches[k].Add(round[k]);
            if (round[1] < round[0]) wins++;
            rounds++;
        }
        for (var k = 0; k < 2; k++)
            Console.WriteLine($"{(k == 0 ? "A" : "B")} {(k == 0 ? a : b)}: CopyOnly {copy[k]:0.0} ns/event, EnrichBatch {batch[k]:0.0} (adds {batch[k] - copy[k]:0.0}), median round {batches[k].Order().ElementAt(batches[k].Count / 2):0.0}");
        Console.WriteLine($"B faster in {wins} of {rounds} rounds ({(which == Random ? "random instants" : which + " day")}, {seconds} s)");
    }

    private sealed record Build(Func<double> Copy, Func<double> Batch);

    public const string Random = "random";

    private static Build Load(string dir, string which)
    {
        var context = new FolderContext(Path.GetFullPath(dir));
        var assembly = context.LoadFromAssemblyPath(Path.Combine(Path.GetFullPath(dir), "NetWatch.Benchmarks.dll"));
        if (which == Random)
        {
            var random = assembly.GetType(typeof(AttributionBenchmark).FullName!)!;
            var instance = Activator.CreateInstance(random)!;
            random.GetMethod(nameof(AttributionBenchmark.Setup))!.Invoke(instance, null);
            var copy = random.GetMethod(nameof(AttributionBenchmark.CopyOnly))!.CreateDelegate<Func<int>>(instance);
            var batch = random.GetMethod(nameof(AttributionBenchmark.EnrichBatch))!.CreateDelegate<Func<int>>(instance);
            return new Build(() => AttributionCpuTime.WallTime(copy), () => AttributionCpuTime.WallTime(batch));
        }
        var type = assembly.GetType(typeof(AttributionDayBenchmark).FullName!)!;
        var day = type.GetMethod(nameof(AttributionDayBenchmark.Named))!.Invoke(null, [which]);
        var benchmark = Activator.CreateInstance(type, day)!;
        type.GetMethod(nameof(AttributionDayBenchmark.Setup))!.Invoke(benchmark, null);
        return new Build(
            type.GetMethod(nameof(AttributionDayBenchmark.CopyOnlyNanoseconds))!.CreateDelegate<Func<double>>(benchmark),
            type.GetMethod(nameof(AttributionDayBenchmark.EnrichBatchNanoseconds))!.CreateDelegate<Func<double>>(benchmark));
    }

    // The build's own assemblies from its folder; the rest (the runtime, shared packages) from the default context.
    private sealed class FolderContext(string dir) : AssemblyLoadContext(isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName name) =>
            name.Name is { } n && n.StartsWith("NetWatch.") && File.Exists(Path.Combine(dir, n + ".dll"))
                ? LoadFromAssemblyPath(Path.Combine(dir, n + ".dll"))
                : null;
    }
}
