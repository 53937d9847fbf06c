using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// A query's person and site, as the roll-up stores them: the spellings (<see cref="RollupSpellings"/>) equal to the
/// asked text but for case, null when the query does not ask. <see cref="Search.EventQuerySql"/> then compares the
/// roll-up's columns with these values exactly (no lower() per row), and a site in two disjoint parts (<see cref="Parts"/>)
/// rather than one OR over two columns, so that each part is one column's test inside DuckDB's scan.
/// </summary>
/// <param name="HostApart">True when a spelling of the site is a host some row holds under another registered domain
/// or none (<see cref="RollupHosts"/>): only then can the second part find rows.</param>
internal sealed record RollupFilter(IReadOnlyList<string>? Person, IReadOnlyList<string>? Domain, bool HostApart = true)
{
    public static RollupFilter Resolve(DuckDBConnection connection, EventQuery query)
    {
        var sites = query.Domain is { } domain ? RollupSpellings.Of(connection, domain) : null;
        return new(query.Person is { } person ? RollupSpellings.Of(connection, person) : null, sites,
            sites is not null && RollupHosts.AnyOf(connection, sites));
    }

    /// <summary>The parts to ask one by one and add up: the rows of the site's registered domain, then (when it may
    /// find any) those of the site as a host whose registered domain is another (or none). Together, exactly the rows
    /// the events' OR selects.</summary>
    public IReadOnlyList<DomainPart> Parts => Domain is null ? [DomainPart.Any]
        : HostApart ? [DomainPart.Registered, DomainPart.HostOnly] : [DomainPart.Registered];
}

/// <summary>Which part of a site filter a roll-up question asks (see <see cref="RollupFilter.Parts"/>).</summary>
internal enum DomainPart { Any, Registered, HostOnly }
