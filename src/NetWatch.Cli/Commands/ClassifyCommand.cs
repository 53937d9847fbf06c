using System.CommandLine;
using System.Diagnostics;
using System.Text;
using NetWatch.Core.UrlClassification;
using NetWatch.Core.Urls;

namespace NetWatch.Cli.Commands;

/// <summary>
/// <c>netwatch classify --lists DIR [--lists DIR2]</c>: URLs on stdin, one per line (absolute URLs or CONNECT
/// "host:port"), and <c>URL&lt;TAB&gt;cat1,cat2</c> on stdout in input order (nothing after the tab when none).
/// Streams: output is flushed whenever the input has nothing more ready, so it also works line by line in a pipe.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create()
    {
        var lists = ListsOption.Create(required: true);
        var stats = new Option<bool>("--stats") { Description = "Print load time, list sizes and URLs/s on standard error" };
        var command = new Command("classify", "Print the categories of each URL read on standard input") { lists, stats };
        command.SetAction(async (parse, cancel) =>
        {
            var clock = Stopwatch.StartNew();
            var categorizer = ListsOption.Load(parse.GetValue(lists)!);
            var loaded = clock.Elapsed;
            long count = 0;
            using var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, false, 1 << 16);
            await using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
            var batch = new string[BatchSize];
            var results = new IReadOnlyList<string>[BatchSize];
            var n = 0;
            void Emit()
            {
                Classify(categorizer, batch, results, n);
                for (var i = 0; i < n; i++)
                {
                    output.Write(batch[i]);
                    output.Write('\t');
                    var categories = results[i];
                    for (var c = 0; c < categories.Count; c++)
                    {
                        if (c > 0) output.Write(',');
                        output.Write(categories[c]);
                    }
                    output.Write('\n');
                }
                count += n;
                n = 0;
            }

            // Block reads split into lines here (a ReadLine per URL costs more than classifying it).
            var buffer = new char[1 << 16];
            int start = 0, end = 0;
            while (true)
            {
                var nl = buffer.AsSpan(start, end - start).IndexOf('\n');
                if (nl >= 0)
                {
                    batch[n++] = buffer.AsSpan(start, nl).Trim().ToString();
                    start += nl + 1;
                    if (n == BatchSize) Emit();
                    continue;
                }
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                start = 0;
                if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var read = input.ReadAsync(buffer.AsMemory(end), cancel);
                if (!read.IsCompleted)
                {
                    if (n > 0) Emit();                            // answer what is here before waiting for more
                    await output.FlushAsync(cancel);
                }
                var got = await read;
                if (got == 0)
                {
                    if (end > 0) batch[n++] = buffer.AsSpan(0, end).Trim().ToString();
                    if (n > 0) Emit();
                    break;
                }
                end += got;
            }
            await output.FlushAsync(cancel);
            if (parse.GetValue(stats))
            {
                var run = clock.Elapsed - loaded;
                Console.Error.WriteLine(
                    $"lists: {categorizer.ListSets.Count} set(s), {categorizer.ListSets.Sum(s => s.DomainEntryCount):N0} domain and "
                    + $"{categorizer.ListSets.Sum(s => s.UrlEntryCount):N0} url entries, ~{categorizer.ListSets.Sum(s => s.MemoryBytes) / 1e6:F0} MB, "
                    + $"loaded in {loaded.TotalSeconds:F2} s; classified {count:N0} URLs in {run.TotalSeconds:F2} s "
                    + $"({(run.TotalSeconds > 0 ? count / run.TotalSeconds : 0):N0} URLs/s); peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
            }
            return CliRunner.Success;
        });
        return command;
    }

    private const int BatchSize = 8192;

    /// <summary>Classifies a batch, split over the cores when it is big enough to be worth it; order is kept.</summary>
    private static void Classify(UrlCategorizer categorizer, string[] urls, IReadOnlyList<string>[] results, int count)
    {
        var parts = count >= 1024 ? Environment.ProcessorCount : 1;
        var size = (count + parts - 1) / parts;
        Parallel.For(0, parts, p =>
        {
            for (var i = p * size; i < Math.Min(count, (p + 1) * size); i++)
                results[i] = categorizer.Categorize(UrlNormalizer.Parse(urls[i]));
        });
    }
}
