using DuckDB.NET.Data;
using NetWatch.Core.Parsing;

namespace NetWatch.Storage.DeadLetters;

/// <summary>Reads the dead_letters table (written by <see cref="EventBatchWriter.InsertDeadLetters"/>).</summary>
internal static class DeadLetterTable
{
    /// <summary>Dead letters in (source, line) order, read as enumerated.</summary>
    public static IEnumerable<DeadLetter> Read(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT source, line, raw, reason, detail, received_at FROM dead_letters ORDER BY source, line";
        using var r = command.ExecuteReader();
        while (r.Read())
            yield return new DeadLetter(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.GetInstant(5));
    }
}
