using DuckDB.NET.Data;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// Every spelling the people roll-up holds of a person or a site (the values of <c>user_name</c>, <c>url_domain</c> and
/// <c>url_registered_domain</c>), each with its lower-case form (DuckDB's lower(), the one the events' search compares
/// with). A few thousand rows: a case-insensitive question ("pupil.Y7.Bell", "Google.com") first finds the spellings
/// here, then asks the roll-up for those values exactly, which DuckDB tests inside its scan, instead of a lower() of
/// every row (2.7 million in 30 days of 10,000,000 events). Only ever added to: a spelling whose rows retention deleted
/// matches nothing. Written with the roll-ups, in the write session's transaction (<see cref="RollupWriter"/>).
/// </summary>
internal static class RollupSpellings
{
    public const string Name = "rollup_spellings";

    /// <summary>The roll-up columns whose values are kept here.</summary>
    public static readonly IReadOnlyList<string> Columns = ["user_name", "url_domain", "url_registered_domain"];

    public const string Create = $"CREATE TABLE IF NOT EXISTS {Name} (value VARCHAR NOT NULL, key VARCHAR NOT NULL)";

    /// <summary>Creates the table; fills it from the people roll-up when it did not exist or <paramref name="refill"/>.</summary>
    public static void Ensure(DuckDBConnection connection, bool refill)
    {
        refill |= !connection.TableExists(Name);
        connection.Execute(Create);
        if (refill) Fill(connection, RollupTables.People.Name);
    }

    /// <summary>Adds the spellings of <paramref name="people"/> (a table of rollup_people's columns) not stored yet; returns them.</summary>
    public static IReadOnlyList<string> Fill(DuckDBConnection connection, string people)
    {
        var values = string.Join(" UNION ", Columns.Select(c => $"SELECT {c} AS value FROM {people} WHERE {c} IS NOT NULL"));
        return SideTableValues.Returned(connection,
            $"INSERT INTO {Name} SELECT value, lower(value) FROM ({values}) WHERE value NOT IN (SELECT value FROM {Name}) RETURNING value");
    }

    /// <summary>Every value stored.</summary>
    public static IEnumerable<string> All(DuckDBConnection connection) => SideTableValues.All(connection, Name);

    /// <summary>Adds values not stored yet (the caller knows: <see cref="KnownValues"/>), in the caller's transaction.</summary>
    public static void Add(DuckDBConnection connection, IReadOnlyCollection<string> values) =>
        SideTableValues.Add(connection, Name, "n.value, lower(n.value)", values);

    /// <summary>The stored spellings whose lower-case form is <paramref name="text"/>'s (none when nothing matches).</summary>
    public static IReadOnlyList<string> Of(DuckDBConnection connection, string text)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT DISTINCT value FROM {Name} WHERE key = lower($text) ORDER BY value";
        command.Parameters.Add(new DuckDBParameter("text", text));
        using var r = command.ExecuteReader();
        var spellings = new List<string>();
        while (r.Read()) spellings.Add(r.GetString(0));
        return spellings;
    }
}
