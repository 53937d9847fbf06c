using DuckDB.NET.Data;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// A new store file is written in DuckDB 1.5's storage format (<see cref="StoreFile.StorageVersion"/>), whose string
/// compression (DICT_FSST) costs the import less CPU than the default format's Dictionary and FSST analysed apart; a
/// store file made in the default format keeps it (DuckDB reads the format from the file) and is read and written as before.
/// </summary>
public class StorageFormatTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_new_store_compresses_its_strings_with_the_1_5_formats_dict_fsst()
    {
        using (DuckDbStore.Open(_dir.Path, rollupsAtClose: true))
        {
            using var connection = StoreFile.Connect(_dir.Path);
            AppendEvents(connection, 5000);
            Assert.Equal(["DICT_FSST"], Compressions(connection, "url_original"));
        }
    }

    [Fact]
    public void A_store_file_in_duckdbs_default_format_keeps_it_and_opens_as_before()
    {
        // A store as an earlier build made it: DuckDB's default format (no storage version named).
        using (var old = new DuckDBConnection($"Data Source={Path.Combine(_dir.Path, StoreFile.FileName)}"))
        {
            old.Open();
            old.Execute("CREATE TABLE earlier (a VARCHAR)");
        }
        using (DuckDbStore.Open(_dir.Path, rollupsAtClose: true))
        {
            using var connection = StoreFile.Connect(_dir.Path);
            AppendEvents(connection, 5000);
            var used = Compressions(connection, "url_original");
            Assert.DoesNotContain("DICT_FSST", used);
            Assert.Contains(used, c => c is "Dictionary" or "FSST");
            Assert.Equal(5000L, Scalar(connection, "SELECT count(*) FROM events"));
        }
        using (DuckDbStore.Open(_dir.Path))
        {
            using var connection = StoreFile.Connect(_dir.Path);
            Assert.Equal(5000L, Scalar(connection, "SELECT count(*) FROM events"));
            Assert.DoesNotContain("DICT_FSST", Compressions(connection, "url_original"));
        }
    }

    /// <summary>Rows with the required columns set, 50 distinct URLs, then a checkpoint (which compresses them into the file).</summary>
    private static void AppendEvents(DuckDBConnection connection, int rows)
    {
        connection.Execute($"""
            INSERT INTO events_narrow (id, origin_source, origin_line, "@timestamp", event_action, event_dataset, observer_product, url_original)
            SELECT uuid(), 'access.log', i, TIMESTAMP '2026-01-05 09:00:00' + INTERVAL (i) SECOND, 'TCP_MISS', 'squid.access', 'squid',
                   'http://www.example' || (i % 50) || '.com/some/longer/path/to/a/page.html'
            FROM range({rows}) AS t(i)
            """);
        connection.Execute("CHECKPOINT");
    }

    private static List<string> Compressions(DuckDBConnection connection, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT compression FROM pragma_storage_info('events_narrow') WHERE column_name = $column AND column_path = '[' || column_id || ']'";
        command.Parameters.Add(new DuckDBParameter("column", column));
        using var reader = command.ExecuteReader();
        var found = new List<string>();
        while (reader.Read()) found.Add(reader.GetString(0));
        return found;
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
