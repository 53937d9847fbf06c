using DuckDB.NET.Data;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// The hosts (<c>url_domain</c> values, as stored) that some roll-up row holds under a registered domain other than
/// themselves, or under none: "www.google.com", "10.0.0.1". A site question's second part (<see cref="DomainPart.HostOnly"/>:
/// rows whose host is the site and whose registered domain is not) can only find rows when one of the site's spellings
/// is here, so for a registered domain asked as such ("kahoot.it") it is not asked at all (~50 ms of a 30-day scan of
/// url_domain on 10,000,000 events). Only ever added to: a host whose rows retention deleted only costs that scan again.
/// Written with the roll-ups, in the write session's transaction (<see cref="RollupWriter"/>).
/// </summary>
internal static class RollupHosts
{
    public const string Name = "rollup_hosts";

    public const string Create = $"CREATE TABLE IF NOT EXISTS {Name} (value VARCHAR NOT NULL)";

    /// <summary>True when the people roll-up row's host belongs here.</summary>
    public static bool Apart(string? host, string? registered) => host is not null && !string.Equals(host, registered, StringComparison.Ordinal);

    /// <summary>Creates the table; fills it from the people roll-up when it did not exist or <paramref name="refill"/>.</summary>
    public static void Ensure(DuckDBConnection connection, bool refill)
    {
        refill |= !connection.TableExists(Name);
        connection.Execute(Create);
        if (refill) Fill(connection, RollupTables.People.Name);
    }

    /// <summary>Adds the hosts of <paramref name="people"/> (a table of rollup_people's columns) not stored yet; returns them.</summary>
    public static IReadOnlyList<string> Fill(DuckDBConnection connection, string people) => SideTableValues.Returned(connection, $"""
        INSERT INTO {Name} SELECT DISTINCT url_domain FROM {people}
        WHERE url_domain IS NOT NULL AND url_registered_domain IS DISTINCT FROM url_domain
          AND url_domain NOT IN (SELECT value FROM {Name})
        RETURNING value
        """);

    /// <summary>Every value stored.</summary>
    public static IEnumerable<string> All(DuckDBConnection connection) => SideTableValues.All(connection, Name);

    /// <summary>Adds hosts not stored yet (the caller knows: <see cref="KnownValues"/>), in the caller's transaction.</summary>
    public static void Add(DuckDBConnection connection, IReadOnlyCollection<string> hosts) =>
        SideTableValues.Add(connection, Name, "n.value", hosts);

    /// <summary>True when one of <paramref name="spellings"/> is a host kept here.</summary>
    public static bool AnyOf(DuckDBConnection connection, IReadOnlyList<string> spellings)
    {
        if (spellings.Count == 0) return false;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {Name} WHERE value IN ({string.Join(", ", spellings.Select((_, i) => $"$h{i}"))}))";
        for (var i = 0; i < spellings.Count; i++) command.Parameters.Add(new DuckDBParameter($"h{i}", spellings[i]));
        return command.ExecuteScalar() is true;
    }
}
