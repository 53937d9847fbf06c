using NetWatch.Core.Events;

namespace NetWatch.Storage.Events;

/// <summary>
/// Writes one event as a row of a data chunk (<see cref="ChunkFiller"/>), in the column order of <see cref="Core.Ecs.EcsFieldCatalog"/>.
/// Written out by hand rather than looped over the catalogue: this is the import's hot path, and typed calls cost less
/// than a delegate per field. EcsCatalogStoreTests holds it to the catalogue (every column, its value, its order);
/// url_domain_unicode, url_path and url_query hold NULL where they repeat other parts (<see cref="StoredUrl"/>).
/// A row of the narrow events table leaves out the rare columns (<see cref="EventTables"/>): the event fills none of them.
/// </summary>
internal static class EventRowWriter
{
    /// <summary>Writes every stored column: a row of the wide events table (or a table of all the catalogue's columns).</summary>
    public static void Append(ChunkFiller w, NetEvent e) => Write(w, e, wide: true);

    /// <summary>Writes the columns of the narrow events table, for an event that fills no rare column (not <see cref="EventTables.IsWide"/>).</summary>
    public static void AppendNarrow(ChunkFiller w, NetEvent e) => Write(w, e, wide: false);

    private static void Write(ChunkFiller w, NetEvent e, bool wide)
    {
        var url = e.Url;
        var squid = e.Squid;
        var e2g = e.E2Guardian;
        var c = e.Classification;
        var a = e.Attribution;
        var p = e.Policy;
        var i = 0;
        w.Uuid(i++, e.Id.Value);
        w.Varchar(i++, e.Origin.Source);
        w.Int64(i++, e.Origin.LineNumber);
        w.Timestamp(i++, e.Timestamp);
        w.Timestamp(i++, e.Start);
        w.Timestamp(i++, e.End);
        w.Int64(i++, e.Duration is { } d ? (long?)d.TotalNanoseconds : null);
        w.Varchar(i++, e.Action);
        w.Varchar(i++, e.Dataset);
        w.Varchar(i++, e.ObserverProduct);
        w.Varchar(i++, e.SourceIp);
        w.Varchar(i++, e.SourceUserName);
        w.Varchar(i++, e.UserName);
        w.Varchar(i++, url.Original);
        w.Varchar(i++, url.Scheme);
        w.Varchar(i++, url.Domain);
        w.Varchar(i++, StoredUrl.DomainUnicodeColumn(url));
        w.Int32(i++, url.Port);
        if (wide)
        {
            var derived = StoredUrl.PathAndQueryDerived(url);
            w.Varchar(i++, derived ? null : url.Path);   // not derived: as it is (a path is never encoded; NULL with a query set is none)
            w.Varchar(i++, derived ? null : StoredUrl.QueryColumn(url));
        }
        w.Varchar(i++, url.RegisteredDomain);
        w.Varchar(i++, url.TopLevelDomain);
        w.Varchar(i++, e.Method);
        w.Int32(i++, e.StatusCode);
        w.Int64(i++, e.ResponseBytes);
        if (wide)
        {
            w.Varchar(i++, e.Referrer);
            w.Varchar(i++, e.HttpVersion);
        }
        w.Varchar(i++, e.MimeType);
        if (wide) w.Varchar(i++, e.UserAgent);
        w.Varchar(i++, squid?.ResultCode);
        w.Varchar(i++, squid?.HierarchyCode);
        w.Varchar(i++, squid?.Peer);
        if (wide)
        {
            w.Varchar(i++, e2g?.Flag);
            w.Varchar(i++, e2g?.Reason);
            w.Varchar(i++, e2g?.Category);
            w.Int32(i++, e2g?.FilterGroup);
            w.Varchar(i++, e2g?.FilterGroupName);
            w.Int32(i++, e2g?.Weight);
            w.Varchar(i++, e2g?.ClientHost);
            w.Varchar(i++, e2g?.MessageNumber);
        }
        w.VarcharList(i++, c?.Categories);
        w.Varchar(i++, c?.SearchEngine);
        w.Varchar(i++, c?.SearchTerms);
        w.Varchar(i++, c?.SafeguardingTheme);
        w.Int32(i++, c?.SafeguardingSeverity);
        w.Varchar(i++, c?.SafeguardingMatched);
        w.VarcharList(i++, a?.Roles);
        w.Varchar(i++, a?.GroupName);
        w.Varchar(i++, a?.FullName);
        w.Varchar(i++, a?.Source);
        w.Double(i++, a?.Confidence);
        w.Boolean(i++, a?.UnknownUser);
        w.Varchar(i++, a?.DeviceName);
        w.Varchar(i++, p?.Verdict);
        w.Varchar(i++, p?.Rule);
        w.Varchar(i++, p?.Clause);
        w.Varchar(i++, p?.PolicyName);
        if (wide)
        {
            w.Int32(i++, e.SourcePort);
            w.Int64(i++, e.SourceBytes);
            w.Varchar(i++, e.DestinationIp);
            w.Int32(i++, e.DestinationPort);
            w.Int64(i++, e.DestinationBytes);
            w.Varchar(i++, e.NetworkTransport);
            w.Varchar(i++, e.Dns?.QuestionName);
            w.Varchar(i++, e.Dns?.QuestionType);
            w.Varchar(i++, e.Dns?.QuestionClass);
            w.VarcharList(i++, e.Dns?.HeaderFlags);
            w.Varchar(i++, VendorJson.Write(e.Fortinet));
            w.Varchar(i++, VendorJson.Write(e.PfSense));
        }
        w.Varchar(i++, e.Finding is { } f ? Core.Ecs.FindingJson.Serialize(f) : null);
        w.Varchar(i++, e.Organization?.Id);
        w.Varchar(i++, e.Organization?.Name);
        w.Timestamp(i++, e.Ingested);
        w.Varchar(i++, c?.SafeguardingLayer);
        w.Double(i++, c?.SafeguardingScore);
        w.Varchar(i++, c?.SafeguardingEvidence);
        w.EndRow(i);
    }
}
