using System.Globalization;
using NetWatch.Pipeline;
using NetWatch.Service.Sources.File;

namespace NetWatch.Cli.Output;

/// <summary>
/// The per-file counts <c>netwatch import</c> prints: lines read, events stored, duplicates, dead letters by reason,
/// and a gzip file cut short ("compressed stream ends early after N lines", counted in the total).
/// </summary>
internal static class ImportReport
{
    public static void Write(TextWriter w, IReadOnlyList<FileSourceSettings> files, IReadOnlyDictionary<string, SourceStats> stats, TimeSpan elapsed)
    {
        long lines = 0, stored = 0, dups = 0, dead = 0, cut = 0;
        foreach (var file in files)
        {
            var s = stats[file.Name];
            w.WriteLine($"{file.Path}: format {file.Format}, {s.LinesRead} lines read, {s.EventsStored} events stored, "
                + $"{s.Duplicates} already stored, {s.DeadLetters} dead-lettered"
                + (s.Skipped > 0 ? $", {s.Skipped} skipped (not events)" : ""));
            foreach (var (reason, count) in s.SkippedByReason) w.WriteLine($"  skipped {reason}: {count}");
            foreach (var (reason, count) in s.DeadLettersByReason) w.WriteLine($"  dead letters {reason}: {count}");
            if (s.CompressedEndsEarlyAfterLines is { } after)
            {
                w.WriteLine($"  compressed stream ends early after {after} lines: the file is cut short (the lines before are imported)");
                cut++;
            }
            lines += s.LinesRead; stored += s.EventsStored; dups += s.Duplicates; dead += s.DeadLetters;
        }
        var rate = elapsed.TotalSeconds > 0 ? lines / elapsed.TotalSeconds : 0;
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total: {files.Count} files, {lines} lines read, {stored} events stored, {dups} already stored, {dead} dead-lettered in {elapsed.TotalSeconds:0.00} s ({rate:0} lines/s){(cut > 0 ? $"; {cut} compressed file{(cut == 1 ? "" : "s")} cut short" : "")}"));
    }

    /// <summary>Files whose compressed stream ended early (an import with any fails: exit code 1).</summary>
    public static int CutShort(IReadOnlyDictionary<string, SourceStats> stats) => stats.Values.Count(s => s.CompressedEndsEarlyAfterLines is not null);
}
