using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// A query's person and site, as the roll-up stores them: the spellings (<see cref="RollupSpellings"/>) equal to the
/// asked text but for case, null when the query does not ask. <see cref="Search.EventQuerySql"/> then compares the
/// roll-up's columns with these values exactly (no lower() per row), and a site in two disjoint parts (<see cref="Parts"/>)
/// rather than one OR over two columns, so that each part is one column's test inside DuckDB's scan.
/// </summary>
internal sealed record RollupFilter(IReadOnlyList<string>? Person, IReadOnlyList<string>? Domain)
{
    public static RollupFilter Resolve(DuckDBConnection connection, EventQuery query) => new(
        query.Person is { } person ? RollupSpellings.Of(connection, person) : null,
        query.Domain is { } domain ? RollupSpellings.Of(connection, domain) : null);

    /// <summary>The parts to ask one by one and add up: the rows of the site's registered domain, then those of the site
    /// as a host whose registered domain is another (or none). Together, exactly the rows the events' OR selects.</summary>
    public IReadOnlyList<DomainPart> Parts => Domain is null ? [DomainPart.Any] : [DomainPart.Registered, DomainPart.HostOnly];
}

/// <summary>Which part of a site filter a roll-up question asks (see <see cref="RollupFilter.Parts"/>).</summary>
internal enum DomainPart { Any, Registered, HostOnly }
