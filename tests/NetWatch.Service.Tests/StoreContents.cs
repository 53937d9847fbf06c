using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage;

namespace NetWatch.Service.Tests;

/// <summary>What a store holds (read after the service has exited), and what a straight parse of a file gives.</summary>
internal static class StoreContents
{
    public static List<EventId> EventIds(string storeDir)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(storeDir, DuckDbStore.FileName)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM events";
        using var reader = command.ExecuteReader();
        var ids = new List<EventId>();
        while (reader.Read()) ids.Add(EventId.FromGuid(reader.GetGuid(0)));
        return ids;
    }

    public static List<string> Strings(string storeDir, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(storeDir, DuckDbStore.FileName)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    public static long Count(string storeDir, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(storeDir, DuckDbStore.FileName)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CAST(({sql}) AS BIGINT)";
        return command.ExecuteScalar() is long n ? n : 0;
    }

    /// <summary>The first column of a query's rows, as text (for assertion messages).</summary>
    public static List<string> Texts(string storeDir, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(storeDir, DuckDbStore.FileName)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.IsDBNull(0) ? "NULL" : reader.GetValue(0).ToString()!);
        return rows;
    }

    /// <summary>The ids of the events a file's lines parse to, lines numbered from 1, and how many lines are dead letters (not events, not rightly skipped).</summary>
    public static (HashSet<EventId> Ids, int NotEvents) StraightParse(string path, string format)
    {
        var parser = LogFormats.CreateParser(format);
        var ids = new HashSet<EventId>();
        var notEvents = 0;
        var lineNumber = 0L;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var result = parser.Parse(line, new EventOrigin(path, lineNumber));
            if (result.Event is { } e) Assert.True(ids.Add(e.Id), $"line {lineNumber} repeats an id");
            else if (!ParseReasons.IsSkip(result.Reason)) notEvents++;
        }
        return (ids, notEvents);
    }
}
