using DuckDB.NET.Data;
using NetWatch.Core.Parsing;

namespace NetWatch.Storage.DeadLetters;

/// <summary>
/// Per file name, a line no stored dead letter of that file is after: the largest line of dead_letters' rows when the
/// writer first asks, raised by every dead letter the writer is given since (its own writes are the only ones: the store
/// has one writer connection). It is never lowered (a rollback or retention's deletion leaves it above the stored rows,
/// which only makes the look-up ask about more dead letters). A file name with no stored dead letter has no entry.
/// </summary>
/// <remarks>
/// A dead letter's id hashes its file name (not the directory), its line and its text, so a stored dead letter with a
/// batch's id has the batch's file name and line: one whose line is after the bound of its file name cannot be stored,
/// and <see cref="DeadLetterWriter"/> does not look it up. An import into a fresh store, or of a file the store has no
/// dead letters of, then makes no look-up query at all (65-148 queries of ~2-4 ms CPU each per 1M-line enriched
/// import: bench/results/flame-2026-12-07-session40.txt). A re-import, a restart from a checkpoint or a rotated file
/// (lines from 1 again under the same name) asks about its dead letters as before.
/// </remarks>
internal sealed class StoredDeadLetterLines(DuckDBConnection connection)
{
    private Dictionary<string, long>? _last;

    private Dictionary<string, long> Last => _last ??= Read();

    /// <summary>Whether a stored dead letter may have this one's id (its line at or before its file name's bound).</summary>
    public bool MayBeStored(DeadLetter deadLetter) =>
        Last.TryGetValue(FileName(deadLetter), out var last) && deadLetter.LineNumber <= last;

    /// <summary>These dead letters are appended (or may be, in a transaction not yet committed): the bounds cover them.</summary>
    public void Wrote(IReadOnlyList<DeadLetter> deadLetters)
    {
        foreach (var d in deadLetters) Raise(Last, FileName(d), d.LineNumber);
    }

    /// <summary>The name a dead letter's id is made from (<see cref="DeadLetterWriter"/>).</summary>
    public static string FileName(DeadLetter deadLetter) => Path.GetFileName(deadLetter.Source);

    private static void Raise(Dictionary<string, long> last, string fileName, long line)
    {
        if (!last.TryGetValue(fileName, out var known) || line > known) last[fileName] = line;
    }

    private Dictionary<string, long> Read()
    {
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        // By source, then by file name here: the file name is taken as the id takes it (Path.GetFileName).
        command.CommandText = "SELECT source, max(line) FROM dead_letters GROUP BY source";
        using var reader = command.ExecuteReader();
        while (reader.Read()) Raise(last, Path.GetFileName(reader.GetString(0)), reader.GetInt64(1));
        return last;
    }
}
